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
    mine, other, done = (
        DBTaskResult.objects.get(pk=notify_registrars.enqueue(1).id) for _ in range(3)
    )
    mine.claim("host-1")
    other.claim("host-2")
    done.claim("host-1")
    done.set_successful(0)
    assert requeue_orphans("host-1") == 1
    states = {r.pk: r.status for r in DBTaskResult.objects.all()}
    assert states == {
        mine.pk: TaskResultStatus.READY,
        other.pk: TaskResultStatus.RUNNING,
        done.pk: TaskResultStatus.SUCCESSFUL,
    }


@pytest.mark.django_db
def test_the_daily_purge_removes_dead_counters_and_old_job_results(settings):
    import datetime as dt
    import time
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from gongkai.web import ratelimit
    from gongkai.web.models import RateCounter

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    RateCounter.objects.create(subject="old", window_start=0, expires=int(time.time()) - 10, hits=3)
    ratelimit.count("login-ip", "192.0.2.1", 900)
    old, recent = (DBTaskResult.objects.get(pk=notify_registrars.enqueue(1).id) for _ in range(2))
    for row in (old, recent):
        row.claim("w")
        row.set_successful(0)
    DBTaskResult.objects.filter(pk=old.pk).update(
        finished_at=timezone.now() - dt.timedelta(days=31)
    )
    call_command("purge_expired", stdout=StringIO())
    assert list(RateCounter.objects.values_list("hits", flat=True)) == [1]
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [recent.pk]
