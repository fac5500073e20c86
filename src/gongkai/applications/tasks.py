"""Background work (django-tasks). Mail goes through a task so a slow relay does not hold up the
command that produced it: the worker (`manage.py worker`) sends it; with TASKS_BACKEND=immediate
it is sent at once."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_reminder(recipient: str, subject: str, body: str) -> int:
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
