"""The portal's limits (status look-ups and submissions), counted in the database by
gongkai.web.ratelimit so that every server process and machine counts together.

Limits are settings (PORTAL_* in docs/settings.md).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings

from gongkai.web import ratelimit as counters
from gongkai.web.ratelimit import client_ip, count  # noqa: F401  (the portal views' names)

from . import tracking


def exceeded(scope: str, subject: str, limit: int) -> bool:
    """Whether the limit is already used up in the portal's window, without counting a hit."""
    return counters.exceeded(scope, subject, limit, settings.PORTAL_RATE_WINDOW)


def over_per_address(request, scope: str, limit: int) -> bool:
    """Count one hit for the client's address and say whether it is over the limit."""
    return counters.count(scope, client_ip(request), settings.PORTAL_RATE_WINDOW) > limit


# The HTTP status of each problem look_up reports.
PROBLEM_STATUS = {"limited": 429, "invalid": 400, "not_found": 404}


def look_up(request, scope: str, form, find: Callable[[dict], object | None]):
    """What `find` returns for a valid code + contact form, under the look-up limits:
    (found, None) or (None, 'limited' | 'invalid' | 'not_found').

    Every look-up counts against the address (`scope`-ip, PORTAL_STATUS_LIMIT_PER_IP); a failed
    one counts against the code typed too (`scope`-code, PORTAL_STATUS_FAILURES_PER_CODE), so a
    code cannot be probed from many addresses.
    """
    typed = tracking.normalise(request.POST.get("code", ""))
    if counters.count(
        f"{scope}-ip", client_ip(request), settings.PORTAL_RATE_WINDOW
    ) > settings.PORTAL_STATUS_LIMIT_PER_IP or exceeded(
        f"{scope}-code", typed, settings.PORTAL_STATUS_FAILURES_PER_CODE
    ):
        return None, "limited"
    if not form.is_valid():
        return None, "invalid"
    found = find(form.cleaned_data)
    if found is None:
        counters.count(f"{scope}-code", typed, settings.PORTAL_RATE_WINDOW)
        return None, "not_found"
    return found, None
