"""The worker puts back in the queue the jobs it was running when it was killed."""

from __future__ import annotations

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gongkai.portal.tasks import notify_registrars
from gongkai.web.management.commands.worker import requeue_orphans


@pytest.mark.django_db
def test_it_requeues_only_its_own_interrupted_jobs(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    mine, other, done = (DBTaskResult.objects.get(pk=notify_registrars.enqueue(1).id) for _ in range(3))
    mine.claim("host-1")
    other.claim("host-2")
    done.claim("host-1")
    done.set_successful(0)
    assert requeue_orphans("host-1") == 1
    states = {r.pk: r.status for r in DBTaskResult.objects.all()}
    assert states == {mine.pk: TaskResultStatus.READY, other.pk: TaskResultStatus.RUNNING, done.pk: TaskResultStatus.SUCCESSFUL}
