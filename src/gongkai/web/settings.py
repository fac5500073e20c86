"""Django settings. Everything that varies per installation comes from the environment.

Every name read through env()/envbool()/envint() must be documented in docs/settings.md
(tests/web/test_settings.py checks this). Any of them may instead be given as NAME_FILE, the
path of a file holding the value (systemd credentials, secrets kept out of the environment).
A value that cannot be understood stops the start with an error naming the variable.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}
# The key used when none is given: fine for DEBUG and the test suite, refused when DEBUG is off
# (gongkai.web.checks; bin/run keeps a generated one in var/secret_key).
DEVELOPMENT_SECRET_KEY = "gongkai-development-key-change-me"


def env(name: str, default: str | None = None) -> str | None:
    path = os.environ.get(name + "_FILE")
    if path:
        if name in os.environ:
            raise ImproperlyConfigured(f"{name} and {name}_FILE are both set: keep one")
        try:
            return Path(path).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as e:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {path}: {e.strerror}") from None
    return os.environ.get(name, default)


def envbool(name: str, default: str) -> bool:
    value = (env(name) or default).strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean: use true/false (or 1/0, yes/no, on/off)"
    )


def envint(name: str, default: str) -> int:
    value = (env(name) or default).strip()
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number") from None


def envlist(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def database_from_url(url: str) -> dict:
    """A DATABASES entry for postgres://user:password@host:port/name."""
    parts = urlparse(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL: unsupported scheme {parts.scheme!r} (use postgres://)"
        )
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

DEBUG = envbool("DEBUG", "False")
SECRET_KEY = env("SECRET_KEY") or DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = envlist(env("ALLOWED_HOSTS", "127.0.0.1,localhost"))
# Origins (https://host) allowed to POST besides the site's own, e.g. another name of the site.
CSRF_TRUSTED_ORIGINS = envlist(env("CSRF_TRUSTED_ORIGINS", ""))

INSTALLED_APPS = [
    "gongkai.web.apps.GongkaiAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "gongkai.web.apps.WebConfig",
    "gongkai.agencies",
    "gongkai.holidays",
    "gongkai.applications",
    "gongkai.annualreports",
    "gongkai.casefiles",
    "gongkai.portal",
    "gongkai.notices",
    "gongkai.api",
    "gongkai.guide",
    "gongkai.reportcheck",
    "gongkai.catalogue",
    "gongkai.zfxxgk",
    "django.contrib.sitemaps",
    "gongkai.evaluations",
    "gongkai.rectifications",
    "gongkai.dashboards",
    "gongkai.audits",
]

MIDDLEWARE = [
    # First: the health check answers before host checks and the HTTPS redirect (the proxy and
    # the upgrade script ask the server directly over HTTP).
    "gongkai.web.health.HealthCheckMiddleware",
    "gongkai.web.proxy.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "gongkai.web.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication (staff may send larger bodies), before anything reads the body.
    "gongkai.web.limits.RequestSizeLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A path integer too large for any id is a 404 before it reaches the database driver.
    "gongkai.web.params.BoundedPathIntegers",
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
    # A database that does not answer fails the request (and /healthz) instead of hanging it.
    DATABASES["default"]["OPTIONS"] = {"connect_timeout": envint("DATABASE_CONNECT_TIMEOUT", "5")}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            # Django's SQLite backend, whose flush also lifts the append-only triggers
            # (gongkai.web.appendonly) as TRUNCATE does on PostgreSQL.
            "ENGINE": "gongkai.web.sqlite",
            "NAME": env("SQLITE_PATH", str(DATA_DIR / "gongkai.sqlite3")),
            # BEGIN IMMEDIATE: concurrent writers queue for the lock instead of failing when a read
            # transaction upgrades (document numbers, tracking codes); wait up to 20 s.
            # WAL: readers (pages, progress polls) do not wait for a writer, and a commit is one
            # fsync of the log instead of the rollback journal's several; synchronous stays FULL,
            # so a committed transaction survives a power cut (docs/performance-audit.md).
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL",
            },
        }
    }
# Keep a connection per server thread open between requests instead of connecting for each one;
# checked before reuse so a restarted server is not an error. SQLite too: a new connection
# reads the schema and starts with an empty page cache (36 ms against 1.8 ms for the queries of
# one 目录 page on the 1,000,000-item benchmark database, docs/performance-catalogue.md).
DATABASES["default"]["CONN_MAX_AGE"] = envint("DATABASE_CONN_MAX_AGE", "60")
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
# The interface exists in one language: a browser asking for English must not get Django's own
# English strings (login labels, form errors) mixed into Chinese pages.
LANGUAGES = [("zh-hans", "简体中文")]
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

# -- Security (docs/settings.md, "Hardening"); deploy/gongkai.env.example turns all of it on. -----
# Addresses of the reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed
# (gongkai.web.proxy); from anyone else those headers are ignored.
TRUSTED_PROXIES = envlist(env("TRUSTED_PROXIES", ""))
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "False")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "False")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "False")
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", "False")
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", "False")
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(12 * 3600))
# Only this site's own scripts, styles, images and forms; no inline code, no frames.
CONTENT_SECURITY_POLICY = env(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": envint("PASSWORD_MIN_LENGTH", "10")},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed log-ins (staff login and admin) counted per account and per address (gongkai.web.login).
LOGIN_RATE_WINDOW = envint("LOGIN_RATE_WINDOW", "900")
LOGIN_FAILURES_PER_ACCOUNT = envint("LOGIN_FAILURES_PER_ACCOUNT", "10")
LOGIN_FAILURES_PER_IP = envint("LOGIN_FAILURES_PER_IP", "50")
# Request bodies over these sizes are refused before they are read (gongkai.web.limits).
REQUEST_MAX_BYTES = envint("REQUEST_MAX_BYTES", str(20 * 1024 * 1024))
STAFF_REQUEST_MAX_BYTES = envint("STAFF_REQUEST_MAX_BYTES", str(100 * 1024 * 1024))
API_TOKEN_DAYS = envint("API_TOKEN_DAYS", "365")

EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "False")
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", "30")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "gongkai@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if envbool("EMAIL_TO_CONSOLE", "True"):
    # Offline intranets often have no mail relay; reminders are then printed to the log.
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Who gets an e-mail for each server error, besides the log ("Name <address>" or an address,
# comma-separated). Unset: errors go to the log only.
ADMINS = [
    (a.split("<")[0].strip() or a, a.split("<")[-1].rstrip(">").strip())
    for a in envlist(env("ADMINS", ""))
]

# Working days before the due date at which an application counts as "due soon".
DUE_SOON_WORKING_DAYS = envint("DUE_SOON_WORKING_DAYS", "5")

# Background jobs: stored in the database and run by `manage.py worker` (bin/run starts one;
# deploy/gongkai-worker@.service in production). "immediate" runs them inside the request.
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }.get(env("TASKS_BACKEND", "database") or "", "invalid")
    }
}
if TASKS["default"]["BACKEND"] == "invalid":
    raise ImproperlyConfigured(f"TASKS_BACKEND={env('TASKS_BACKEND')!r}: use database or immediate")
TASK_RESULTS_KEEP_DAYS = envint("TASK_RESULTS_KEEP_DAYS", "30")

# Public portal (gongkai.portal); see docs/settings.md and docs/portal.md.
# Identity documents uploaded online: outside STATIC_ROOT, served only to the agency's staff.
PORTAL_UPLOAD_DIR = env("PORTAL_UPLOAD_DIR", str(DATA_DIR / "private"))
PORTAL_UPLOAD_MAX_BYTES = envint("PORTAL_UPLOAD_MAX_BYTES", str(5 * 1024 * 1024))
# 补正 materials the applicant uploads online: how many files (each within PORTAL_UPLOAD_MAX_BYTES).
PORTAL_CORRECTION_MAX_FILES = envint("PORTAL_CORRECTION_MAX_FILES", "5")
# Scans staff attach to a case (paper letters, 补正 materials, released information).
CASEFILE_UPLOAD_MAX_BYTES = envint("CASEFILE_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024))
PORTAL_RATE_WINDOW = envint("PORTAL_RATE_WINDOW", "3600")
PORTAL_STATUS_LIMIT_PER_IP = envint("PORTAL_STATUS_LIMIT_PER_IP", "30")
PORTAL_STATUS_FAILURES_PER_CODE = envint("PORTAL_STATUS_FAILURES_PER_CODE", "5")
PORTAL_SUBMIT_LIMIT_PER_IP = envint("PORTAL_SUBMIT_LIMIT_PER_IP", "20")
# The public report checker (/check/): largest file, and checks per address in PORTAL_RATE_WINDOW.
REPORT_CHECK_MAX_BYTES = envint("REPORT_CHECK_MAX_BYTES", str(10 * 1024 * 1024))
REPORT_CHECK_LIMIT_PER_IP = envint("REPORT_CHECK_LIMIT_PER_IP", "60")

# Uploads ("private": identity documents, 补正 materials, case files; gongkai.web.uploads) live in a store
# every application server reaches: a folder (shared by NFS or similar when there are several
# machines) or an S3-compatible object store (gongkai.web.storage).
_upload_storage = env("UPLOAD_STORAGE", "filesystem")
if _upload_storage == "filesystem":
    _private_storage = {"BACKEND": "gongkai.web.storage.PrivateFileSystemStorage"}
elif _upload_storage == "s3":
    _private_storage = {
        "BACKEND": "gongkai.web.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": env("UPLOAD_S3_BUCKET", ""),
            "endpoint_url": env("UPLOAD_S3_ENDPOINT_URL", "") or None,
            "region_name": env("UPLOAD_S3_REGION", "") or None,
            "access_key": env("UPLOAD_S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env("UPLOAD_S3_SECRET_ACCESS_KEY", "") or None,
            "location": env("UPLOAD_S3_PREFIX", ""),
        },
    }
else:
    raise ImproperlyConfigured(f"UPLOAD_STORAGE={_upload_storage!r}: use filesystem or s3")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": _private_storage,
}

# Shared by every server process and machine: sessions (Django's default, the database) and the
# cache in the database (table gongkai_cache, created by the web app's migration). The portal's
# and the login's rate limits are counted in their own table (gongkai.web.ratelimit).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "gongkai_cache",
    }
}

# Backups (manage.py backup / restore, docs/deployment.md).
BACKUP_DIR = env("BACKUP_DIR", str(DATA_DIR / "backups"))
BACKUP_KEEP = envint("BACKUP_KEEP", "14")

# One line per event on standard error (journald): JSON, or "text" for people at a terminal.
LOG_FORMAT = env("LOG_FORMAT", "json")
LOG_LEVEL = env("LOG_LEVEL", "INFO")
from gongkai.web.logs import logging_config  # noqa: E402

LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL, mail_admins=bool(ADMINS))

# Bulk audit of annual reports (gongkai.audits); see docs/settings.md and docs/audit.md.
# One uploaded file or ZIP archive (the whole request is bounded by STAFF_REQUEST_MAX_BYTES).
AUDIT_UPLOAD_MAX_BYTES = envint("AUDIT_UPLOAD_MAX_BYTES", str(100 * 1024 * 1024))
AUDIT_UPLOAD_MAX_FILES = envint("AUDIT_UPLOAD_MAX_FILES", "1000")
# A ZIP archive: members, and bytes once unpacked (a ZIP bomb is refused before it is unpacked).
AUDIT_ZIP_MAX_MEMBERS = envint("AUDIT_ZIP_MAX_MEMBERS", "20000")
AUDIT_ZIP_MAX_UNPACKED_BYTES = envint("AUDIT_ZIP_MAX_UNPACKED_BYTES", str(2 * 1024 * 1024 * 1024))
# Jobs queued per batch: each claims reports a few at a time, so as many workers as this share a batch.
AUDIT_JOBS_PER_BATCH = envint("AUDIT_JOBS_PER_BATCH", "4")
# Seconds after which a report claimed by a worker that never finished it is claimed again.
AUDIT_CLAIM_TIMEOUT = envint("AUDIT_CLAIM_TIMEOUT", "600")
