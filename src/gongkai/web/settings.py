"""Django settings. Everything that varies per installation comes from the environment.

Every name read through env()/envbool()/envint() must be documented in docs/settings.md
(tests/web/test_settings.py checks this).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def envbool(name: str, default: str) -> bool:
    value = env(name, default) or ""
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: str) -> int:
    return int(env(name, default) or "0")


def database_from_url(url: str) -> dict:
    """A DATABASES entry for postgres://user:password@host:port/name."""
    parts = urlparse(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ValueError(f"DATABASE_URL: unsupported scheme {parts.scheme!r} (use postgres://)")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
    }


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env("GONGKAI_DATA_DIR", str(Path.cwd() / "var")) or "var")

SECRET_KEY = env("SECRET_KEY", "gongkai-development-key-change-me")
DEBUG = envbool("DEBUG", "False")
ALLOWED_HOSTS = (env("ALLOWED_HOSTS", "127.0.0.1,localhost") or "").split(",")

INSTALLED_APPS = [
    "gongkai.web.apps.GongkaiAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "gongkai.agencies",
    "gongkai.holidays",
    "gongkai.applications",
    "gongkai.annualreports",
    "gongkai.portal",
    "gongkai.notices",
    "gongkai.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gongkai.web.urls"
WSGI_APPLICATION = "gongkai.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # `access`: what the user may do (gongkai.agencies.access), for the header's links.
                "gongkai.agencies.access.context",
            ],
        },
    },
]

_database_url = env("DATABASE_URL")
if _database_url:
    DATABASES = {"default": database_from_url(_database_url)}
    # Keep a connection per server thread open between requests instead of connecting to
    # PostgreSQL for each one; checked before reuse so a restarted server is not an error.
    DATABASES["default"]["CONN_MAX_AGE"] = envint("DATABASE_CONN_MAX_AGE", "60")
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(DATA_DIR / "gongkai.sqlite3")),
            # BEGIN IMMEDIATE: concurrent writers queue for the lock instead of failing when a read
            # transaction upgrades (document numbers, tracking codes); wait up to 20 s.
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Vendored assets (htmx from the npm package htmx.org): agency intranets are offline, no CDN.
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env("STATIC_ROOT", str(DATA_DIR / "static"))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff:application_list"
LOGOUT_REDIRECT_URL = "login"

EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "False")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "gongkai@localhost")
if envbool("EMAIL_TO_CONSOLE", "True"):
    # Offline intranets often have no mail relay; reminders are then printed to the log.
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Working days before the due date at which an application counts as "due soon".
DUE_SOON_WORKING_DAYS = envint("DUE_SOON_WORKING_DAYS", "5")

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Public portal (gongkai.portal); see docs/settings.md and docs/portal.md.
# Identity documents uploaded online: outside STATIC_ROOT, served only to the agency's staff.
PORTAL_UPLOAD_DIR = env("PORTAL_UPLOAD_DIR", str(DATA_DIR / "private"))
PORTAL_UPLOAD_MAX_BYTES = envint("PORTAL_UPLOAD_MAX_BYTES", str(5 * 1024 * 1024))
PORTAL_RATE_WINDOW = envint("PORTAL_RATE_WINDOW", "3600")
PORTAL_STATUS_LIMIT_PER_IP = envint("PORTAL_STATUS_LIMIT_PER_IP", "30")
PORTAL_STATUS_FAILURES_PER_CODE = envint("PORTAL_STATUS_FAILURES_PER_CODE", "5")
PORTAL_SUBMIT_LIMIT_PER_IP = envint("PORTAL_SUBMIT_LIMIT_PER_IP", "20")

# The rate-limit counters live in the cache. One process: memory. Several server processes
# (gunicorn workers) must share one, so set CACHE_DIR to a directory they can all write.
_cache_dir = env("CACHE_DIR")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": _cache_dir}
        if _cache_dir
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
