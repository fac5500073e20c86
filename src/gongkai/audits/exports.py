"""A batch's results in the shape the core's workbook writer takes (gongkai.report.audit.xlsx):
the dicts of `gongkai audit --json`, read worst first in chunks so memory stays flat."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Prefetch

from .models import AuditBatch, AuditFinding


def _finding(f: AuditFinding) -> dict:
    location = {k: v for k, v in (("section", f.section), ("table", f.table), ("row", f.row),
                                  ("column", f.column), ("line", f.line)) if v}  # fmt: skip
    return {"rule": f.rule, "severity": f.level, "message": f.message, "location": location,
            "expected": f.expected or None, "actual": f.actual or None}  # fmt: skip


def workbook_rows(batch: AuditBatch) -> Iterator[dict]:
    rows = (batch.reports.order_by("not_a_report", "-errors", "-warnings", "original_name")
            .select_related("previous", "agency")
            .prefetch_related(Prefetch("findings", queryset=AuditFinding.objects.order_by("pk"))))  # fmt: skip
    order = {"error": 0, "warning": 1, "info": 2}
    for row in rows.iterator(chunk_size=500):
        audit = row.audit or {}
        yield {
            "file": row.original_name, "agency": row.agency.name if row.agency else (row.agency_name or None),
            "year": row.year, "format": audit.get("format"), "complete": row.complete,
            "not_read": audit.get("not_read", []), "error": row.problem or None, "not_a_report": row.not_a_report,
            "errors": row.errors, "warnings": row.warnings, "infos": row.infos,
            "published": {"date": row.published_on.isoformat(), "source": row.published_source}
            if row.published_on else None,
            "deadline": audit.get("deadline"),
            "previous": row.previous.original_name if row.previous else (
                str(row.previous_published_id and "系统内已发布的上年报告") if row.previous_published_id else None),
            "findings": sorted((_finding(f) for f in row.findings.all()), key=lambda f: order[f["severity"]]),
        }  # fmt: skip
