"""manage.py send_deadline_reminders: per handler, overdue and due-soon, printed and mailed."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core import mail
from django.core.management import call_command

from gongkai.applications.choices import State


def _run(*args) -> str:
    out = StringIO()
    call_command("send_deadline_reminders", *args, stdout=out)
    return out.getvalue()


def test_it_reminds_each_handler_of_their_overdue_and_due_soon_cases(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # The mail is a background job; run it here instead of in the worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    world.handler.email = "a@example.org"
    world.handler.save()
    late = world.application(State.IN_REVIEW, submitted_on=dt.date(2025, 1, 6))
    soon = world.application(State.IN_REVIEW, submitted_on=dt.date(2025, 3, 3))
    later = world.application(State.IN_REVIEW, submitted_on=dt.date(2025, 3, 20))
    done = world.application(State.REPLIED, submitted_on=dt.date(2025, 1, 6))
    unassigned_b = world.application(
        State.REGISTERED, agency=world.office_b, submitted_on=dt.date(2025, 1, 6)
    )
    out = _run("--date", "2025-03-25")
    a_part, b_part = out.split("b_handler，")
    assert late.number in a_part and soon.number in a_part
    assert (
        a_part.index("已逾期")
        < a_part.index(late.number)
        < a_part.index("即将到期")
        < a_part.index(soon.number)
    )
    assert later.number not in out and done.number not in out
    assert unassigned_b.number in b_part and late.number not in b_part
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["a@example.org"]
    assert late.number in mail.outbox[0].body


def test_it_only_prints_with_no_email(world, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.handler.email = "a@example.org"
    world.handler.save()
    world.application(State.IN_REVIEW, submitted_on=dt.date(2025, 1, 6))
    assert "发送邮件0封" in _run("--date", "2025-03-25", "--no-email")
    assert mail.outbox == []
