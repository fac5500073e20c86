"""Log-in throttling: failed log-ins are counted per account (from any address) and per address
(for any account) in the shared counters (gongkai.web.ratelimit); past LOGIN_FAILURES_PER_ACCOUNT
or LOGIN_FAILURES_PER_IP in LOGIN_RATE_WINDOW seconds the log-in is refused without checking the
password, until the window ends. Used by the staff login and the admin's."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from . import ratelimit

log = logging.getLogger("gongkai.login")

THROTTLED = "登录失败次数过多，请稍后再试。"


class ThrottledLoginMixin:
    """For AuthenticationForm subclasses (they carry the request)."""

    def clean(self):
        username = (self.data.get("username") or "").strip().lower()
        ip = ratelimit.client_ip(self.request) if self.request else ""
        window = settings.LOGIN_RATE_WINDOW
        if ratelimit.exceeded(
            "login-account", username, settings.LOGIN_FAILURES_PER_ACCOUNT, window
        ) or (ip and ratelimit.exceeded("login-ip", ip, settings.LOGIN_FAILURES_PER_IP, window)):
            log.warning("login throttled", extra={"request": self.request, "username": username})
            raise ValidationError(THROTTLED, code="throttled")
        try:
            return super().clean()
        except ValidationError:
            ratelimit.count("login-account", username, window)
            if ip:
                ratelimit.count("login-ip", ip, window)
            raise


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    error_messages = {**AuthenticationForm.error_messages, "invalid_login": "用户名或密码不正确。"}
