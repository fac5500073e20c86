"""The work on one claimed report: read and check it (every rule of the core, the publication date,
the 专栏), then — once the whole batch is checked — compare it with the same agency's report of the
year before. Each step stores its findings and moves the row on in one transaction.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.annualreports.models import PublishedReport
from gongkai.report.audit import (
    Publication,
    ReportAudit,
    agency_key,
    audit_bytes,
    audit_report,
    unreadable_audit,
)
from gongkai.report.findings import Finding, Severity
from gongkai.report.model import Report
from gongkai.report.rules import check_against_previous
from gongkai.report.rules.audit import NO_PREVIOUS

from .models import AuditBatch, AuditedReport, AuditFinding, BatchState, ReportState
from .zhuanlan import zhuanlan_findings

DONE_STATES = (ReportState.DONE, ReportState.FAILED)


def units_by_name(owner: Agency) -> dict[str, Agency]:
    """The agencies under the office, by their name as compared (agency_key)."""
    return {agency_key(a.name): a for a in Agency.objects.filter(pk__in=owner.descendant_ids())}


def match_unit(row: AuditedReport, name: str | None, units: dict[str, Agency]) -> Agency | None:
    """The unit in the system a report belongs to: the published version's agency, else the one
    under the batch's office whose name is the name read from the report."""
    if row.published_report_id:
        return row.published_report.agency
    key = agency_key(name)
    return units.get(key) if key else None


def check_row(row: AuditedReport, units: dict[str, Agency]) -> None:
    """Read and check one claimed report (state CHECKING), store the findings, move it to CHECKED.
    `units`: the office's agencies by name (`units_by_name`), looked up once per job."""
    store_audits([audit_row(row, units)])


def audit_row(
    row: AuditedReport, units: dict[str, Agency]
) -> tuple[AuditedReport, ReportAudit, Agency | None]:
    """Read and check one claimed report, storing nothing: the row, its audit and its unit."""
    unit: list[Agency | None] = [None]

    def guide(report: Report) -> list[Finding]:
        unit[0] = match_unit(row, report.agency, units)
        return zhuanlan_findings(unit[0])

    try:
        if row.published_report_id:
            report = Report.from_dict(row.published_report.report_json)
            published = row.entered_published_on or timezone.localdate(
                row.published_report.published_at
            )
            source = "审核时录入的发布日期" if row.entered_published_on else "系统记录的发布时间"
            audit = audit_report(
                report, row.original_name, Publication(published, source), checks=[guide]
            )
        else:
            with row.file.open("rb") as fh:
                data = fh.read()
            audit = audit_bytes(
                data, row.original_name, published=row.entered_published_on, checks=[guide]
            )
    except Exception as exc:  # a defect of a reader costs this file only, never the batch
        audit = unreadable_audit(
            row.original_name,
            f"读取时程序出错（{type(exc).__name__}），请将该文件报告给 gongkai 的维护者",
        )
    return row, audit, unit[0]


def store_audits(checked: list[tuple[AuditedReport, ReportAudit, Agency | None]]) -> None:
    """Store the audits of reports one worker claimed and move each row on, in one transaction
    (one commit for a chunk, not one a report). Only the rows still claimed by the worker are
    written: one taken back from a worker thought dead is stored by the worker that has it now.
    (An attempt cut short stored nothing: findings and state are written together here.)"""
    if not checked:
        return
    with transaction.atomic():
        mine = _still_mine([row for row, _, _ in checked], ReportState.CHECKING)
        new = []
        for row, audit, unit in checked:
            if row.pk in mine:
                AuditedReport.objects.filter(pk=row.pk).update(**_checked(audit, unit))
                row.agency, row.year = unit, audit.report.year if audit.report else None
                new += [_finding(row, f) for f in audit.findings]
        AuditFinding.objects.bulk_create(new)


def _still_mine(rows: list[AuditedReport], working: str) -> set[int]:
    """The rows still in `working` under this worker's claim, locked until the transaction ends
    (on PostgreSQL; SQLite's write transaction holds the whole database already), so that no
    worker takes them back between this check and the UPDATE."""
    return set(
        # No ordering: the model's default joins the batch, and FOR UPDATE would lock its one row
        # too, making every worker's store wait for every other's. NO KEY: another worker's
        # cross-year rows point at these (previous_id), and their foreign-key checks take KEY
        # SHARE locks, which FOR UPDATE blocks: two workers deadlocked so (100,000-file run).
        AuditedReport.objects.select_for_update(of=("self",), no_key=True)
        .filter(pk__in=[r.pk for r in rows], state=working, claimed_by=rows[0].claimed_by)
        .order_by()
        .values_list("pk", flat=True)
    )


def _checked(audit: ReportAudit, unit: Agency | None) -> dict:
    """The columns a check writes on its row."""
    report = audit.report
    result = audit.to_dict()
    result.pop("findings")
    findings = audit.findings
    return dict(
        agency=unit,
        agency_name=(report.agency or "")[:200] if report else "",
        agency_key=(agency_key(report.agency) or "")[:200] if report else "",
        year=report.year if report else None,
        published_on=audit.publication.date if audit.publication else None,
        published_source=audit.publication.source[:100] if audit.publication else "",
        complete=audit.completeness.complete,
        not_a_report=audit.not_a_report,
        problem=audit.error or "",
        audit=result,
        report_json=report.to_dict() if report else None,
        checked_at=timezone.now(),
        state=ReportState.CHECKED if report else ReportState.DONE,
        errors=sum(1 for f in findings if f.severity == Severity.ERROR),
        warnings=sum(1 for f in findings if f.severity == Severity.WARNING),
        infos=sum(1 for f in findings if f.severity == Severity.INFO),
    )


def _text(value, size: int) -> str:
    return "" if value is None else str(value)[:size]


def _finding(row: AuditedReport, f: Finding) -> AuditFinding:
    loc = f.location
    return AuditFinding(
        report=row, batch_id=row.batch_id, agency=row.agency, year=row.year, rule=f.rule[:40],
        level=str(f.severity), message=f.message, section=_text(loc.section, 100), table=_text(loc.table, 100),
        row=_text(loc.row, 200), column=_text(loc.column, 200), line=loc.line, excerpt=_text(loc.text, 500),
        expected=_text(f.expected, 200), actual=_text(f.actual, 200),
    )  # fmt: skip


# -- the cross-year step ----------------------------------------------------------------------


def previous_of(
    row: AuditedReport, uploaded: dict | None = None
) -> tuple[Report, AuditedReport | None, PublishedReport | None] | None:
    """The same agency's report of the year before: uploaded in this batch or an earlier one of the
    same office (this batch first, then the latest), else the unit's published version in the
    system. `uploaded`: the candidates `uploaded_previous` found for a chunk of rows at once."""
    if not row.agency_key or row.year is None:
        return None
    if uploaded is None:
        uploaded = uploaded_previous([row])
    earlier = uploaded.get((row.agency_key, row.year - 1))
    if earlier is not None:
        pk, report_json = earlier
        return Report.from_dict(report_json), AuditedReport(pk=pk), None
    if row.agency_id:
        published = (
            PublishedReport.objects.filter(agency_id=row.agency_id, year=row.year - 1)
            .order_by("-published_at")
            .first()
        )
        if published is not None:
            return Report.from_dict(published.report_json), None, published
    return None


def uploaded_previous(rows: list[AuditedReport]) -> dict[tuple[str, int], tuple[int, dict]]:
    """For each (agency_key, year) of last year among `rows` (one batch), the best uploaded report:
    this batch first, then the latest earlier batch of the same office; read completely; fewest
    errors. One query for the chunk, only the columns needed."""
    wanted = {(r.agency_key, r.year - 1) for r in rows if r.agency_key and r.year is not None}
    if not wanted:
        return {}
    batch = rows[0].batch
    candidates = (
        AuditedReport.objects.filter(
            batch__owner_id=batch.owner_id, batch_id__lte=batch.pk, agency_key__in={k for k, _ in wanted},
            year__in={y for _, y in wanted}, state__in=(ReportState.CHECKED, ReportState.PAIRING, ReportState.DONE),
            not_a_report=False,
        )
        .order_by("-batch_id", "-complete", "errors", "pk")
        .values_list("pk", "agency_key", "year", "report_json")
    )  # fmt: skip
    best: dict[tuple[str, int], tuple[int, dict]] = {}
    for pk, key, year, report_json in candidates:
        if (key, year) in wanted and (key, year) not in best and report_json is not None:
            best[(key, year)] = (pk, report_json)
    return best


def pair_rows(rows: list[AuditedReport]) -> None:
    """Compare claimed reports (state PAIRING) with last year's; store every finding and move the
    rows to DONE in one transaction."""
    results = []
    uploaded = uploaded_previous(rows)
    for row in rows:
        found = previous_of(row, uploaded)
        if found is None:
            why = (
                "机关或年度未能识别"
                if not row.agency_key or row.year is None
                else (
                    f"本批次、此前批次和系统内均没有「{row.agency_name}」{row.year - 1}年度的报告"
                )
            )
            findings = [
                NO_PREVIOUS.finding(
                    f"{why}，未作跨年度核对（上年结转、现行有效件数、是否照搬上年内容）；可上传上年报告。"
                )
            ]
            results.append((row, findings, None, None))
        else:
            previous, before, published = found
            results.append(
                (
                    row,
                    check_against_previous(Report.from_dict(row.report_json), previous),
                    before,
                    published,
                )
            )
    with transaction.atomic():
        mine = _still_mine(rows, ReportState.PAIRING)
        new = []
        for row, findings, before, published in results:
            if row.pk not in mine:
                continue  # taken back from us meanwhile: the other worker stores it
            new += [_finding(row, f) for f in findings]
            counts = {
                str(level): sum(1 for f in findings if f.severity == level) for level in Severity
            }
            AuditedReport.objects.filter(pk=row.pk).update(
                errors=F("errors") + counts["error"], warnings=F("warnings") + counts["warning"],
                infos=F("infos") + counts["info"], previous=before, previous_published=published,
                state=ReportState.DONE,
            )  # fmt: skip
        AuditFinding.objects.bulk_create(new)


def pair_row(row: AuditedReport) -> None:
    pair_rows([row])


def fail(row: AuditedReport, reason: str) -> None:
    """A report no worker could finish: an error finding, never a pass."""
    with transaction.atomic():
        AuditFinding.objects.filter(report=row).delete()
        audit = unreadable_audit(row.original_name, reason)
        AuditFinding.objects.bulk_create([_finding(row, f) for f in audit.findings])
        AuditedReport.objects.filter(pk=row.pk).update(
            state=ReportState.FAILED,
            problem=reason,
            errors=1,
            warnings=0,
            infos=0,
            checked_at=timezone.now(),
        )


# -- the batch ---------------------------------------------------------------------------------


def progress(batch: AuditBatch) -> dict:
    """Counts by state, read from the rows (so any page, after any restart, shows the truth)."""
    by_state = dict(batch.reports.values_list("state").annotate(n=Count("pk")).order_by())
    total = sum(by_state.values())
    checked = sum(
        n for s, n in by_state.items() if s not in (ReportState.PENDING, ReportState.CHECKING)
    )
    done = sum(by_state.get(s, 0) for s in DONE_STATES)
    # Reading is most of the work; the cross-year step the last tenth of the bar.
    percent = 100 if total == 0 else int((checked * 0.9 + done * 0.1) * 100 / total)
    return {"total": total, "checked": checked, "done": done, "percent": min(percent, 100),
            "finished": batch.state == BatchState.DONE, "by_state": by_state}  # fmt: skip


def finish_if_done(batch_id: int) -> bool:
    """Write the batch's counts once every report is DONE or FAILED (idempotent)."""
    with transaction.atomic():
        batch = AuditBatch.objects.select_for_update().get(pk=batch_id)
        if batch.state == BatchState.DONE:
            return True
        if batch.reports.exclude(state__in=DONE_STATES).exists():
            return False
        totals = batch.reports.aggregate(
            total=Count("pk"), failed=Count("pk", filter=Q(state=ReportState.FAILED) | Q(not_a_report=True)),
            errors=Sum("errors"), warnings=Sum("warnings"),
        )  # fmt: skip
        batch.total, batch.failed = totals["total"], totals["failed"]
        batch.errors, batch.warnings = totals["errors"] or 0, totals["warnings"] or 0
        batch.state, batch.finished_at = BatchState.DONE, timezone.now()
        batch.save()
        return True


def still_checking(batch_id: int) -> bool:
    return AuditedReport.objects.filter(
        batch_id=batch_id, state__in=(ReportState.PENDING, ReportState.CHECKING)
    ).exists()
