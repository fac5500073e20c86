"""Publication: every rule runs on the computed report, errors block it, and what is published is
frozen as a new version with the records behind each cell (《条例》第五十条: the report states
the year's figures; a correction is a new version, never an edit of the old one)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.report.findings import Finding, Severity
from gongkai.report.model import Report
from gongkai.report.rules import check
from gongkai.report.templates import Template, get_template

from . import snapshot
from .compute import build_report, cell_records
from .models import PublishedReport


class PublicationBlocked(Exception):
    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("存在错误，不能发布：" + "；".join(f.message for f in findings))


def latest(agency: Agency, scope: str, year: int) -> PublishedReport | None:
    return (
        PublishedReport.objects.filter(agency=agency, scope=scope, year=year)
        .order_by("-version")
        .first()
    )


def previous_year_report(agency: Agency, scope: str, year: int) -> Report | None:
    """Last year's report as published (its latest version): the basis of the cross-year rules."""
    published = latest(agency, scope, year - 1)
    return Report.from_dict(published.report_json) if published else None


def findings_for(report: Report, agency: Agency, scope: str) -> list[Finding]:
    return check(report, previous_year_report(agency, scope, report.year))


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == Severity.ERROR]


@transaction.atomic
def publish(agency: Agency, scope: str, year: int, *, actor, note: str = "") -> PublishedReport:
    # Lock the agency row so two publications cannot take the same version number.
    Agency.objects.select_for_update().get(pk=agency.pk)
    report = build_report(agency, scope, year)
    blocking = errors(findings_for(report, agency, scope))
    if blocking:
        raise PublicationBlocked(blocking)
    last = latest(agency, scope, year)
    published = PublishedReport.objects.create(
        agency=agency,
        year=year,
        scope=scope,
        version=(last.version if last else 0) + 1,
        report_json=report.to_dict(),
        cell_records=cell_records(agency, scope, year),
        published_by=actor,
        note=note,
    )
    snapshot.store(published)  # the records as they are now, for the version's drill-down
    return published


def changes_since_published(
    report: Report, agency: Agency, scope: str
) -> tuple[PublishedReport, int, int] | None:
    """(latest version, cells changed, text parts changed) when the report computed now differs
    from the latest published version of its year; None when it matches or none is published."""
    published = latest(agency, scope, report.year)
    if published is None:
        return None
    cells, texts = diff(published.report_json, report.to_dict())
    return (published, len(cells), len(texts)) if cells or texts else None


# -- what changed between two versions --------------------------------------------------------


@dataclass(frozen=True)
class CellChange:
    table: str  # 表二 / 表三 / 表四
    path: tuple[str, ...]  # (sub-table,) row, column keys
    before: object
    after: object
    label: str = ""  # the printed row and column labels, e.g. 四、结转下年度继续办理 × 总计


def cell_label(table: str, path: tuple[str, ...], template: Template) -> str:
    """The printed labels of a cell, for people reading a list of changes."""
    try:
        if table == "表三":
            row = template.t3_row(path[0])
            return f"{row.group or ''}{row.label} × {template.t3_column(path[1]).label}"
        if table == "表四":
            group = next(g for g in template.t4_groups if g.key == path[0])
            column = next(c for c in template.t4_columns if c.key == path[1])
            return f"{group.group or ''}{group.label} × {column.label}"
        sub = template.subtable(path[0])
        return f"{sub.caption} {sub.row(path[1]).label} × {sub.column(path[2]).label}"
    except (StopIteration, IndexError):
        return " / ".join(path)


@dataclass(frozen=True)
class TextChange:
    where: str  # 前言 / 第一部分 …
    diff: list[str]  # unified diff lines


TABLES = (
    ("t2_active_disclosure", "表二", 3),
    ("t3_applications", "表三", 2),
    ("t4_review_litigation", "表四", 2),
)


def _leaves(data: dict, depth: int, prefix: tuple = ()) -> dict[tuple, object]:
    if depth == 0:
        return {prefix: data}
    out = {}
    for key, value in data.items():
        out.update(
            _leaves(value, depth - 1, (*prefix, key))
            if isinstance(value, dict)
            else {(*prefix, key): value}
        )
    return out


def diff(before: dict, after: dict) -> tuple[list[CellChange], list[TextChange]]:
    """Cells and text that differ between two canonical report dicts."""
    cells = []
    template = get_template(after.get("template") or "2021")
    for key, name, depth in TABLES:
        old = _leaves(before["tables"].get(key, {}), depth)
        new = _leaves(after["tables"].get(key, {}), depth)
        for path in sorted(set(old) | set(new)):
            if old.get(path) != new.get(path):
                cells.append(
                    CellChange(
                        name, path, old.get(path), new.get(path), cell_label(name, path, template)
                    )
                )
    texts = []
    old_texts = {"前言": before.get("preamble", "")} | {
        f"第{s['number']}部分": s["text"] for s in before.get("sections", [])
    }
    new_texts = {"前言": after.get("preamble", "")} | {
        f"第{s['number']}部分": s["text"] for s in after.get("sections", [])
    }
    for where in dict.fromkeys([*old_texts, *new_texts]):
        a, b = old_texts.get(where, ""), new_texts.get(where, "")
        if a != b:
            lines = list(
                difflib.unified_diff(
                    a.splitlines(), b.splitlines(), "原版本", "新版本", lineterm="", n=0
                )
            )
            texts.append(TextChange(where, lines))
    return cells, texts
