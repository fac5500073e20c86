"""The background jobs of a bulk audit (django-tasks, database backend).

A batch queues AUDIT_JOBS_PER_BATCH copies of `audit_batch`; each claims reports one at a time
(gongkai.audits.claims) until none is waiting, so one worker or twenty on several machines share
the batch and each report is checked once. The job that finds no report left to check does the
cross-year step the same way (claiming CHECKED rows), and the last one writes the batch's counts.
A job that dies (kill -9) is run again by its restarted worker (manage.py worker requeues it):
it first takes back the reports it had claimed, then carries on; nothing checked is checked again.
"""

from __future__ import annotations

import logging
import os
import socket
import time

from django.conf import settings
from django_tasks import task

from .checking import (
    audit_row,
    finish_if_done,
    pair_rows,
    still_checking,
    store_audits,
    units_by_name,
)
from .claims import claim_many, release_stale
from .models import AuditBatch, ReportState

log = logging.getLogger("gongkai.jobs")

# Reports claimed at a time: for checking, a few (a PDF takes a second on a busy machine, and a
# killed worker's claims wait for its restart); for the cross-year step, which takes milliseconds
# a report, more, stored in one transaction.
CHECK_CHUNK = 4
PAIR_CHUNK = 50
# Seconds a job that has run out of reports to check waits for the other jobs' last chunks before
# leaving the cross-year step to them; bounded, so that a hung worker's claims (taken back only
# after AUDIT_CLAIM_TIMEOUT) do not hold this worker from its other jobs.
PAIR_WAIT = 60


def worker_name(context) -> str:
    """The id of the worker running the job: stable across its restarts (manage.py worker)."""
    ids = getattr(context.task_result, "worker_ids", None) or []
    return ids[-1] if ids else f"{socket.gethostname()}-{os.getpid()}"


@task(takes_context=True)
def audit_batch(context, batch_id: int) -> int:
    """Check the batch's reports until none is left; the number this job checked."""
    return drain(batch_id, worker_name(context))


def drain(batch_id: int, worker: str) -> int:
    batch = AuditBatch.objects.select_related("owner").get(pk=batch_id)
    release_stale(batch_id, worker)
    units = units_by_name(batch.owner)
    done = 0
    waited = 0.0
    while True:
        while rows := claim_many(batch_id, ReportState.PENDING, worker, CHECK_CHUNK):
            # The chunk's results in one transaction: a commit is an fsync (on SQLite and
            # PostgreSQL alike), and one per report was most of the wall-clock time.
            store_audits([audit_row(row, units) for row in rows])
            done += len(rows)
        if not still_checking(batch_id):
            break
        if waited >= PAIR_WAIT:
            return done  # another job is still checking: it does the cross-year step
        # Other workers are checking their last chunks: wait for them, so that every job shares
        # the cross-year step instead of leaving it to the last one (docs/performance-audit.md).
        time.sleep(1.0)
        waited += 1.0
        release_stale(batch_id, worker)  # a worker that died meanwhile: its reports are waiting
    while rows := claim_many(batch_id, ReportState.CHECKED, worker, PAIR_CHUNK):
        pair_rows(rows)
    finish_if_done(batch_id)
    log.info("audit job finished", extra={"batch": batch_id, "worker": worker, "checked": done})
    return done


def start(batch: AuditBatch) -> None:
    """Queue the batch's jobs (after the transaction that made its rows commits)."""
    from django.db import transaction

    def enqueue():
        for _ in range(max(1, settings.AUDIT_JOBS_PER_BATCH)):
            audit_batch.enqueue(batch.pk)

    transaction.on_commit(enqueue)
