"""Who is calling: a Bearer token, or the staff session (then POSTs need the CSRF token)."""

from __future__ import annotations

from django.middleware.csrf import CsrfViewMiddleware

from .models import ApiToken, digest


def _csrf_failure(request) -> bool:
    check = CsrfViewMiddleware(lambda r: None)
    return check.process_view(request, None, (), {}) is not None


def authenticate(request):
    """(user, None) or (None, reason). Token users skip CSRF: the header is not sent by browsers."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        token = ApiToken.objects.select_related("user").filter(key_digest=digest(header[7:].strip())).first()
        if token is None or not token.user.is_active:
            return None, "令牌无效。"
        return token.user, None
    if request.user.is_authenticated:
        if request.method not in ("GET", "HEAD", "OPTIONS") and _csrf_failure(request):
            return None, "CSRF 校验失败。"
        return request.user, None
    return None, "需要登录或提供令牌。"
