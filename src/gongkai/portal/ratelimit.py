"""The portal's limits (status look-ups and submissions), counted in the database by
gongkai.web.ratelimit so that every server process and machine counts together.

Limits are settings (PORTAL_* in docs/settings.md).
"""

from __future__ import annotations

from django.conf import settings

from gongkai.web import ratelimit as counters
from gongkai.web.ratelimit import client_ip, count  # noqa: F401  (the portal views' names)


def exceeded(scope: str, subject: str, limit: int) -> bool:
    """Whether the limit is already used up in the portal's window, without counting a hit."""
    return counters.exceeded(scope, subject, limit, settings.PORTAL_RATE_WINDOW)


def over_per_address(request, scope: str, limit: int) -> bool:
    """Count one hit for the client's address and say whether it is over the limit."""
    return counters.count(scope, client_ip(request), settings.PORTAL_RATE_WINDOW) > limit
