"""Each report of a batch checked once, by whichever worker claims it first.

A claim moves one row out of a waiting state (PENDING, or CHECKED for the cross-year step) into a
working one, in one statement that only one transaction can win:
- on PostgreSQL, `SELECT … FOR UPDATE SKIP LOCKED` then the UPDATE, so workers on several
  machines skip each other's rows instead of queueing behind them;
- on SQLite (one writer at a time), `UPDATE … WHERE id = (SELECT …) AND state = 'pending'`: the
  second worker's UPDATE finds the state changed and claims nothing, then tries the next row.

The result of a check is stored in the same transaction that moves the row on (DONE or CHECKED),
so a report is counted checked exactly once. A worker killed mid-check leaves its row in the
working state: the same worker, restarted (its id is stable: gongkai.web.management.commands.
worker), takes it back at once; a row whose worker never came back is claimed again after
AUDIT_CLAIM_TIMEOUT. A row claimed three times without a result is FAILED (a file that kills the
worker must not stop the batch).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import AuditedReport, ReportState

MAX_ATTEMPTS = 3
WORKING = {ReportState.PENDING: ReportState.CHECKING, ReportState.CHECKED: ReportState.PAIRING}


def claim(batch_id: int, waiting: str, worker: str) -> AuditedReport | None:
    """Claim the next row of the batch waiting in `waiting`, or None when there is none."""
    rows = claim_many(batch_id, waiting, worker, 1)
    return rows[0] if rows else None


def claim_many(batch_id: int, waiting: str, worker: str, n: int) -> list[AuditedReport]:
    """Claim up to `n` rows of the batch waiting in `waiting` (fewer when other workers took some
    first); an empty list when none is waiting. A few at a time: one statement and one commit
    for several reports, and a killed worker holds no more than that many (its restart takes
    them back)."""
    working = WORKING[waiting]
    # Attempts count the checks begun: the ones a worker may die in (the cross-year step is cheap).
    attempts = F("attempts") + 1 if waiting == ReportState.PENDING else F("attempts")
    while True:
        now = timezone.now()
        waiting_rows = AuditedReport.objects.filter(batch_id=batch_id, state=waiting).order_by("pk")
        with transaction.atomic():
            if connection.vendor == "postgresql":
                pks = list(
                    waiting_rows.select_for_update(skip_locked=True).values_list("pk", flat=True)[
                        :n
                    ]
                )
            else:
                pks = list(waiting_rows.values_list("pk", flat=True)[:n])
            if not pks:
                return []
            # The state in the WHERE clause: on SQLite another worker may have claimed some of
            # these since the SELECT; only the rows still waiting are ours.
            AuditedReport.objects.filter(pk__in=pks, state=waiting).update(
                state=working, claimed_by=worker, claimed_at=now, attempts=attempts
            )
        mine = list(
            AuditedReport.objects.select_related("batch", "published_report")
            .defer("audit")  # the stored result: read by the pages, never by the next step
            .filter(pk__in=pks, state=working, claimed_by=worker, claimed_at=now)
            .order_by("pk")
        )
        if mine:
            return mine
        # Every row was taken by another worker between the two statements: try the next ones.


def release_stale(batch_id: int, worker: str) -> int:
    """Put back the rows whose worker will never store them: this worker's own (it was killed and
    restarted, and runs this job again), those of workers running no audit job now (killed; their
    job, requeued, may have gone to another worker), and those silent for longer than
    AUDIT_CLAIM_TIMEOUT. A row claimed MAX_ATTEMPTS times fails. The number of rows put back."""
    stale_before = timezone.now() - dt.timedelta(seconds=settings.AUDIT_CLAIM_TIMEOUT)
    stuck = (
        Q(claimed_by=worker)
        | Q(claimed_at__lt=stale_before)
        | ~Q(claimed_by__in=running_workers() - {worker})
    )
    from .checking import fail

    checking = AuditedReport.objects.filter(stuck, batch_id=batch_id, state=ReportState.CHECKING)
    for row in checking.filter(attempts__gte=MAX_ATTEMPTS):
        fail(
            row,
            f"审核进程连续 {row.attempts} 次在处理该文件时中断，未能审核；请检查文件后重新上传。",
        )
    back = checking.filter(attempts__lt=MAX_ATTEMPTS).update(
        state=ReportState.PENDING, claimed_by="", claimed_at=None
    )
    pairing = AuditedReport.objects.filter(stuck, batch_id=batch_id, state=ReportState.PAIRING)
    return back + pairing.update(state=ReportState.CHECKED, claimed_by="", claimed_at=None)


def running_workers() -> set[str]:
    """The ids of the workers running an audit job now: only they hold live claims (a worker
    claims reports only inside an audit job, and stores them all before the job ends)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    running = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, task_path="gongkai.audits.tasks.audit_batch"
    ).values_list("worker_ids", flat=True)
    return {ids[-1] for ids in running if ids}
