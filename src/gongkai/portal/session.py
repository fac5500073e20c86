"""Which online application this browser has proved it may see (code + phone), for a while.

A successful look-up (status page, 补正 form) or a fresh submission remembers the application in
the session for VERIFIED_SECONDS, so the receipt and the downloads that follow need no second
look-up. Only one application at a time; nothing but its id is kept.
"""

from __future__ import annotations

import time

from .models import Submission

SESSION_KEY = "portal_verified"
VERIFIED_SECONDS = 30 * 60


def remember(request, submission: Submission) -> None:
    request.session[SESSION_KEY] = {"id": submission.pk, "until": time.time() + VERIFIED_SECONDS}


def verified(request) -> Submission | None:
    data = request.session.get(SESSION_KEY)
    if not data or data.get("until", 0) < time.time():
        request.session.pop(SESSION_KEY, None)
        return None
    return Submission.objects.select_related("application__agency").filter(pk=data["id"]).first()
