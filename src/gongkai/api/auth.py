"""Who is calling: a Bearer token, or the staff session (then POSTs need the CSRF token)."""

from __future__ import annotations

import datetime as dt

from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone

from .models import ApiToken, digest


def _csrf_failure(request) -> bool:
    check = CsrfViewMiddleware(lambda r: None)
    return check.process_view(request, None, (), {}) is not None


def authenticate(request):
    """(user, None) or (None, reason). Token users skip CSRF: the header is not sent by browsers."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        token = (
            ApiToken.objects.active()
            .select_related("user")
            .filter(key_digest=digest(header[7:].strip()))
            .first()
        )
        if token is None or not token.user.is_active:
            return None, "令牌无效、已过期或已吊销。"
        _mark_used(token)
        return token.user, None
    if request.user.is_authenticated:
        if request.method not in ("GET", "HEAD", "OPTIONS") and _csrf_failure(request):
            return None, "CSRF 校验失败。"
        return request.user, None
    return None, "需要登录或提供令牌。"


def _mark_used(token: ApiToken) -> None:
    # At most one write a minute per token, so a busy script does not turn every read into a write.
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
