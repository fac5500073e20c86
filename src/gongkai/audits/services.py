"""State changes of a bulk audit: a batch made from uploaded files or from the units' published
versions, and started; the reading and checking happen in the jobs (gongkai.audits.tasks)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from gongkai.agencies.access import roles_at
from gongkai.agencies.models import Agency, Role
from gongkai.annualreports.models import PublishedReport

from . import tasks
from .intake import Incoming, check_total, stored, take
from .models import AuditBatch, AuditedReport, BatchSource, BatchState

# Who runs a bulk audit for an office: its supervisor (《条例》第四十七条: the 主管部门 supervises)
# or its administrator.
AUDITING_ROLES = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})
# Rows of an upload inserted at a time: one statement for many files, while only names and
# digests, never the files' bytes, wait in memory.
INSERT_CHUNK = 200


def _may_audit(actor, owner: Agency) -> None:
    if not roles_at(actor, owner.pk) & AUDITING_ROLES:
        raise PermissionDenied("只有本机关的监督人员或管理员可以发起年度报告审核。")


def create_from_files(
    owner: Agency,
    *,
    actor,
    title: str,
    files: Iterable[tuple[str, Callable[[], bytes]]],
    dates: Mapping[str, dt.date] | None = None,
) -> tuple[AuditBatch, Incoming]:
    """A batch of the report files (and ZIP archives of them) `files` names — (name, read) pairs,
    read one at a time and stored as they come — queued for checking. Raises ValidationError,
    storing nothing, when no file is a report."""
    _may_audit(actor, owner)
    dates = dates or {}
    with transaction.atomic():
        batch = AuditBatch.objects.create(
            owner=owner, title=title, source=BatchSource.UPLOAD, created_by=actor
        )

        rows: list[AuditedReport] = []

        def keep(name: str, data: bytes) -> None:
            file, digest, size = stored(name, data)
            row = AuditedReport(batch=batch, original_name=name, size=size, sha256=digest,
                                entered_published_on=dates.get(name) or dates.get(name.rsplit("/", 1)[-1]))  # fmt: skip
            row.file.save(file.name, file, save=False)  # the file now; its row with the next rows
            rows.append(row)
            if len(rows) == INSERT_CHUNK:
                AuditedReport.objects.bulk_create(rows)
                rows.clear()

        incoming = Incoming(keep=keep)
        for name, read in files:
            take(name, read(), incoming)
        AuditedReport.objects.bulk_create(rows)
        check_total(incoming)
        batch.passed_over = incoming.passed_over + len(incoming.refused)
        batch.notes = "\n".join(incoming.refused)
        batch.save(update_fields=["passed_over", "notes"])
        tasks.start(batch)
    return batch, incoming


def create_from_system(owner: Agency, *, actor, year: int, title: str = "") -> AuditBatch:
    """A batch of every unit's published report of `year` under the office (the latest version)."""
    _may_audit(actor, owner)
    latest: dict[int, PublishedReport] = {}
    for published in (
        PublishedReport.objects.filter(agency_id__in=owner.descendant_ids(), year=year)
        .select_related("agency")
        .order_by("agency_id", "published_at", "pk")
    ):
        latest[published.agency_id] = published  # the last one wins: the current version
    if not latest:
        raise ValidationError(f"本机关及所属单位尚无已发布的{year}年度报告。")
    with transaction.atomic():
        batch = AuditBatch.objects.create(
            owner=owner, title=title or f"{year}年度报告（系统内已发布）", source=BatchSource.SYSTEM,
            year=year, created_by=actor,
        )  # fmt: skip
        AuditedReport.objects.bulk_create(
            AuditedReport(batch=batch, published_report=p, agency=p.agency,
                          original_name=f"{p.agency.name} {p.year}年度报告（第{p.version}版）")
            for p in latest.values()
        )  # fmt: skip
        tasks.start(batch)
    return batch


def resume_if_stalled(batch: AuditBatch) -> bool:
    """Queue one more job for a batch left unfinished with no job queued or running (every
    worker that had it was lost for good); the job takes back the silent claims. True if queued."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if batch.state == BatchState.DONE:
        return False
    path = tasks.audit_batch.module_path
    from django.db.models import Q
    from django.utils import timezone

    jobs = DBTaskResult.objects.filter(task_path=path, args_kwargs__args__0=batch.pk)
    # A job that ended a minute ago found claims not yet stale: wait rather than queue a job per poll.
    recent = timezone.now() - dt.timedelta(seconds=60)
    if jobs.filter(
        Q(status__in=(TaskResultStatus.READY, TaskResultStatus.RUNNING))
        | Q(finished_at__gte=recent)
    ).exists():
        return False
    tasks.audit_batch.enqueue(batch.pk)
    return True
