"""Checks that refuse an unsafe start: `manage.py check`, every management command that runs
checks (migrate, the worker) and the WSGI application (gongkai.web.wsgi) all run them."""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from .settings import DEVELOPMENT_SECRET_KEY


@checks.register(checks.Tags.security)
def secret_key_set(app_configs=None, **kwargs):
    if settings.DEBUG or (settings.SECRET_KEY and settings.SECRET_KEY != DEVELOPMENT_SECRET_KEY):
        return []
    return [
        checks.Error(
            "SECRET_KEY is not set: DEBUG is off and the development key would sign sessions and tokens.",
            hint="Set SECRET_KEY (or SECRET_KEY_FILE) to a long random value, e.g. "
            "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'` (docs/settings.md).",
            id="gongkai.E001",
        )
    ]


def refuse_unsafe_start() -> None:
    """Raise instead of serving when a start-up check fails (the WSGI server then stops)."""
    errors = secret_key_set()
    if errors:
        raise ImproperlyConfigured(f"{errors[0].id}: {errors[0].msg} {errors[0].hint}")
