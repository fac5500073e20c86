"""The background worker: django-tasks' database worker (db_worker) under a stable worker id,
which first puts back in the queue the jobs this same worker had claimed and never finished
(it was killed: kill -9, a power cut, an OOM kill). systemd restarts it; with a fixed id per
machine and instance (deploy/gongkai-worker@.service: %H-%i) no job is left "running" forever.

Jobs therefore run at least once: one interrupted half-way runs again from the start.
"""

from __future__ import annotations

import logging
import socket

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db.models import Q

log = logging.getLogger("gongkai.jobs")


def requeue_orphans(worker_id: str) -> int:
    """Jobs left RUNNING by an earlier process with this id go back to READY."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    # worker_ids lists every worker that claimed the job; the last one is the one that ran it.
    stuck = [
        r.pk
        for r in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
            "pk", "worker_ids"
        )
        if r.worker_ids and r.worker_ids[-1] == worker_id
    ]
    if stuck:
        DBTaskResult.objects.filter(Q(pk__in=stuck), status=TaskResultStatus.RUNNING).update(
            status=TaskResultStatus.READY, started_at=None
        )
        log.warning("requeued interrupted jobs", extra={"worker": worker_id, "jobs": len(stuck)})
    return len(stuck)


class Command(BaseCommand):
    help = "Run the background worker (requeues this worker's interrupted jobs first)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--worker-id",
            default=socket.gethostname()[:50],
            help="stable per machine and instance (default: the host name)",
        )
        parser.add_argument(
            "--interval", default="1", help="seconds between polls of an empty queue"
        )
        parser.add_argument("--batch", action="store_true", help="run what is queued, then exit")

    def handle(self, worker_id, interval, batch, **options):
        requeue_orphans(worker_id)
        args = [
            "--worker-id",
            worker_id,
            "--interval",
            interval,
            "--no-startup-delay",
            "--no-reload",
        ]
        call_command(
            "db_worker", *args, *(["--batch"] if batch else []), verbosity=options["verbosity"]
        )
