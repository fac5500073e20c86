"""Daily clean-up (deploy/gongkai-purge.timer): expired sessions, rate-limit counters, and
finished background-job results older than TASK_RESULTS_KEEP_DAYS. (The database cache culls
its own expired entries.)"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from gongkai.web import ratelimit

log = logging.getLogger("gongkai.purge")


class Command(BaseCommand):
    help = "Remove expired sessions, rate-limit counters and old finished job results."

    def handle(self, **options):
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        call_command("clearsessions")
        counters = ratelimit.purge()
        cutoff = timezone.now() - dt.timedelta(days=settings.TASK_RESULTS_KEEP_DAYS)
        jobs = DBTaskResult.objects.filter(
            status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
            finished_at__lt=cutoff,
        ).delete()[0]
        log.info("purged", extra={"rate_counters": counters, "job_results": jobs})
        self.stdout.write(f"rate counters {counters}, job results {jobs}")
