"""Fixed-window counters in the cache, for the public portal (status look-ups and submissions).

Limits are settings (PORTAL_* in docs/settings.md). With several server processes the cache must
be shared between them (CACHE_DIR), or each process counts on its own.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def _key(scope: str, subject: str) -> str:
    # Hash the subject: tracking codes and addresses are not stored in the cache in clear.
    return "portal-rl:" + scope + ":" + hashlib.sha256(subject.encode()).hexdigest()[:32]


def count(scope: str, subject: str, window: int) -> int:
    """Count one hit and return the number of hits in the current window."""
    key = _key(scope, subject)
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def exceeded(scope: str, subject: str, limit: int) -> bool:
    """Whether the limit is already used up, without counting a hit."""
    return (cache.get(_key(scope, subject)) or 0) >= limit


def client_ip(request) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a trusted proxy rewrites it.
    return request.META.get("REMOTE_ADDR", "")
