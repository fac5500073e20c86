"""Structured logs on standard error: a request error with its request's fields and traceback, a
background job with its id, task, status and duration; the admins' mail only when ADMINS is set."""

from __future__ import annotations

import json
import logging
import sys

import pytest
from django.test import RequestFactory

from gongkai.web.logs import JsonFormatter, KeyValueFormatter, logging_config


def _error_record():
    request = RequestFactory().post("/portal/apply/", REMOTE_ADDR="203.0.113.5")
    try:
        raise ValueError("boom")
    except ValueError:
        return logging.getLogger("django.request").makeRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            ("/portal/apply/",),
            sys.exc_info(),
            extra={"status_code": 500, "request": request},
        )


def test_a_server_error_is_one_json_line_with_the_request_and_the_traceback():
    line = JsonFormatter().format(_error_record())
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and entry["status_code"] == 500
    assert (entry["method"], entry["path"], entry["client"]) == (
        "POST",
        "/portal/apply/",
        "203.0.113.5",
    )
    assert "ValueError: boom" in entry["exception"]
    text = KeyValueFormatter().format(_error_record())
    assert text.count("\n") == 0 and 'path="/portal/apply/"' in text and "status_code=500" in text


def test_mail_to_the_admins_only_when_they_are_set():
    assert (
        "mail_admins"
        not in logging_config("json", "INFO", mail_admins=False)["loggers"]["django.request"][
            "handlers"
        ]
    )
    assert (
        "mail_admins"
        in logging_config("json", "INFO", mail_admins=True)["loggers"]["django.request"]["handlers"]
    )


@pytest.mark.django_db
def test_every_background_job_is_logged(settings, world, caplog):
    from gongkai.applications.tasks import send_reminder

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with caplog.at_level(logging.INFO, logger="gongkai.jobs"):
        result = send_reminder.enqueue("a@example.org", "主题", "正文")
    jobs = [
        json.loads(JsonFormatter().format(r)) for r in caplog.records if r.name == "gongkai.jobs"
    ]
    assert [x["message"] for x in jobs] == ["job started", "job finished"]
    assert jobs[-1]["job"] == str(result.id) and jobs[-1]["status"] == "SUCCESSFUL"
    assert (
        jobs[-1]["task"] == "gongkai.applications.tasks.send_reminder"
        and jobs[-1]["duration_ms"] >= 0
    )


@pytest.mark.django_db
def test_the_session_lifetime_is_the_setting(client, settings, django_user_model):
    settings.SESSION_COOKIE_AGE = 600
    django_user_model.objects.create_user("clerk", password="right-password-1")
    response = client.post("/login/", {"username": "clerk", "password": "right-password-1"})
    assert response.status_code == 302 and response.cookies["sessionid"]["max-age"] == 600
