"""Fixed-window counters in the database, for the portal (look-ups, submissions) and the login.

Each hit is one atomic INSERT … ON CONFLICT DO UPDATE … RETURNING on both PostgreSQL and SQLite,
so several server processes on several machines count together and no hit is lost between a read
and a write. Expired rows are removed by `manage.py purge_expired` (daily timer).
"""

from __future__ import annotations

import hashlib
import time

from django.db import connection

from .models import RateCounter

_TABLE = RateCounter._meta.db_table
_UPSERT = (
    f"INSERT INTO {_TABLE} (subject, window_start, expires, hits) VALUES (%s, %s, %s, 1) "
    f"ON CONFLICT (subject, window_start) DO UPDATE SET hits = {_TABLE}.hits + 1 RETURNING hits"
)


def _key(scope: str, subject: str) -> str:
    # Hash the subject: tracking codes and addresses are not stored in clear.
    return scope[:40] + ":" + hashlib.sha256(subject.encode()).hexdigest()[:32]


def _window(window: int) -> int:
    now = int(time.time())
    return now - now % window


def count(scope: str, subject: str, window: int) -> int:
    """Count one hit and return the number of hits in the current window."""
    start = _window(window)
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, [_key(scope, subject), start, start + window])
        return cursor.fetchone()[0]


def hits(scope: str, subject: str, window: int) -> int:
    row = RateCounter.objects.filter(
        subject=_key(scope, subject), window_start=_window(window)
    ).values_list("hits", flat=True)
    return row.first() or 0


def exceeded(scope: str, subject: str, limit: int, window: int) -> bool:
    """Whether the limit is already used up, without counting a hit."""
    return hits(scope, subject, window) >= limit


def client_ip(request) -> str:
    # REMOTE_ADDR, which gongkai.web.proxy has set to the real client when the request came
    # through a trusted proxy; X-Forwarded-For itself is never read here.
    return request.META.get("REMOTE_ADDR", "")


def purge(now: float | None = None) -> int:
    return RateCounter.objects.filter(expires__lt=int(now or time.time())).delete()[0]
