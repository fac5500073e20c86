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
    working = WORKING[waiting]
    now = timezone.now()
    # Attempts count the checks begun: the ones a worker may die in (the cross-year step is cheap).
    attempts = F("attempts") + 1 if waiting == ReportState.PENDING else F("attempts")
    while True:
        if connection.vendor == "postgresql":
            with transaction.atomic():
                pk = (
                    AuditedReport.objects.select_for_update(skip_locked=True)
                    .filter(batch_id=batch_id, state=waiting)
                    .order_by("pk")
                    .values_list("pk", flat=True)
                    .first()
                )
                if pk is None:
                    return None
                AuditedReport.objects.filter(pk=pk).update(
                    state=working, claimed_by=worker, claimed_at=now, attempts=attempts
                )
        else:
            pk = (
                AuditedReport.objects.filter(batch_id=batch_id, state=waiting)
                .order_by("pk")
                .values_list("pk", flat=True)
                .first()
            )
            if pk is None:
                return None
            won = AuditedReport.objects.filter(pk=pk, state=waiting).update(
                state=working, claimed_by=worker, claimed_at=now, attempts=attempts
            )
            if not won:
                continue  # another worker took it between the two statements: the next one
        return AuditedReport.objects.select_related("batch", "published_report").get(pk=pk)


def release_stale(batch_id: int, worker: str) -> int:
    """Put back the rows this worker claimed and never finished (it was killed and restarted),
    and those of any worker silent for longer than AUDIT_CLAIM_TIMEOUT; a row claimed
    MAX_ATTEMPTS times fails. The number of rows put back."""
    stale_before = timezone.now() - dt.timedelta(seconds=settings.AUDIT_CLAIM_TIMEOUT)
    stuck = Q(claimed_by=worker) | Q(claimed_at__lt=stale_before)
    from .checking import fail

    checking = AuditedReport.objects.filter(stuck, batch_id=batch_id, state=ReportState.CHECKING)
    for row in checking.filter(attempts__gte=MAX_ATTEMPTS):
        fail(row, f"审核进程连续 {row.attempts} 次在处理该文件时中断，未能审核；请检查文件后重新上传。")
    back = checking.filter(attempts__lt=MAX_ATTEMPTS).update(state=ReportState.PENDING, claimed_by="", claimed_at=None)
    pairing = AuditedReport.objects.filter(stuck, batch_id=batch_id, state=ReportState.PAIRING)
    return back + pairing.update(state=ReportState.CHECKED, claimed_by="", claimed_at=None)
