"""API tokens for staff (scripts, other systems). Only a hash of the token is stored."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        """Tokens that authenticate: not revoked, not expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("用途", max_length=100)
    key_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField("签发时间", auto_now_add=True)
    # Every token expires (API_TOKEN_DAYS by default); a revoked one stops working at once.
    expires_at = models.DateTimeField("到期时间")
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"

    def __str__(self) -> str:
        return f"{self.user} · {self.name}"

    @property
    def state(self) -> str:
        if self.revoked_at:
            return "已吊销"
        return "已过期" if self.expires_at <= timezone.now() else "有效"

    @classmethod
    def issue(cls, user, name: str, days: int | None = None) -> tuple[ApiToken, str]:
        """A new token; the clear value is returned once and never stored."""
        token = secrets.token_urlsafe(32)
        expires = timezone.now() + dt.timedelta(days=days or settings.API_TOKEN_DAYS)
        return cls.objects.create(
            user=user, name=name, key_digest=digest(token), expires_at=expires
        ), token

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
