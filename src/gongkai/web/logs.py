"""Structured logs: one JSON object (or one key=value line) per event on standard error, which
systemd hands to journald. Request errors carry the request's method, path, status, client and
user; background jobs their id, task, state and duration (logged from django-tasks' signals)."""

from __future__ import annotations

import json
import logging
import time

# Attributes every LogRecord has; anything else was passed with extra= and is logged as a field.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


def _fields(record: logging.LogRecord) -> dict:
    out = {
        "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
        + f".{int(record.msecs):03d}Z",
        "level": record.levelname,
        "logger": record.name,
        "message": record.getMessage(),
    }
    request = getattr(record, "request", None)
    if request is not None and hasattr(request, "META"):
        user = getattr(request, "user", None)
        out.update(
            method=request.method,
            path=request.path,
            client=request.META.get("REMOTE_ADDR", ""),
            user=user.pk if user is not None and getattr(user, "is_authenticated", False) else None,
        )
    for key, value in vars(record).items():
        if (
            key not in _STANDARD
            and key not in {"request", "server_time"}
            and not key.startswith("_")
        ):
            out[key] = (
                value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
            )
    if record.exc_info:
        out["exception"] = logging.Formatter().formatException(record.exc_info)
    return out


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(_fields(record), ensure_ascii=False)


class KeyValueFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return " ".join(
            f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in _fields(record).items()
        )


def logging_config(fmt: str, level: str, mail_admins: bool) -> dict:
    """The LOGGING setting: everything to standard error, server errors also by mail when ADMINS is set."""
    if fmt not in {"json", "text"}:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"LOG_FORMAT={fmt!r}: use json or text")
    handlers = ["stderr"] + (["mail_admins"] if mail_admins else [])
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"line": {"()": JsonFormatter if fmt == "json" else KeyValueFormatter}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "line",
            },
            "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR"},
        },
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            # Every 4xx and 5xx of a view (Django logs 4xx as warnings, 5xx as errors with the traceback).
            "django.request": {"handlers": handlers, "level": "WARNING", "propagate": False},
            "django.security": {"handlers": handlers, "level": "WARNING", "propagate": False},
            "django.server": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "gongkai": {"handlers": handlers, "level": level, "propagate": False},
            # django-tasks' own lines ("Task id=… state=…"): ours below carry the same as fields.
            "django_tasks": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        },
    }


# -- background jobs ---------------------------------------------------------------------------
job_log = logging.getLogger("gongkai.jobs")


def _job_started(sender, task_result, **kwargs):
    job_log.info(
        "job started",
        extra={
            "job": str(task_result.id),
            "task": task_result.task.module_path,
            "status": str(task_result.status),
        },
    )


def _job_finished(sender, task_result, **kwargs):
    started, finished = task_result.started_at, task_result.finished_at
    extra = {
        "job": str(task_result.id),
        "task": task_result.task.module_path,
        "status": str(task_result.status),
        "duration_ms": round((finished - started).total_seconds() * 1000)
        if started and finished
        else None,
    }
    if task_result.errors:
        extra["error"] = task_result.errors[-1].exception_class_path
        job_log.error("job failed", extra={**extra, "traceback": task_result.errors[-1].traceback})
    else:
        job_log.info("job finished", extra=extra)


def connect_job_signals():
    from django_tasks.signals import task_finished, task_started

    task_started.connect(_job_started, dispatch_uid="gongkai-job-started")
    task_finished.connect(_job_finished, dispatch_uid="gongkai-job-finished")
