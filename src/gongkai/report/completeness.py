"""Whether a report was read completely: never report what was not read as clean.

A check can only vouch for what was read. `completeness(report)` says which of the parts the
checks rest on could not be read at all (the report is then *incomplete*: `gongkai check` exits 1
and prints ``"complete": false``) and which were read with gaps (*partial*: named in warnings, the
report stays complete). The semantics (docs/rules.md, "Complete and partial reads"):

- 表二, 表三, 表四 — not read when no cell of the table holds a number read from the file (the
  table was not found, or nothing in it could be read), and 表三 also when fewer than half of its
  template rows were found (a table cut off, not a row or two a publisher left out);
- the sections 一 … 六 — not read when not one of their headings was found (except in a format
  that carries only the tables, the XLSX collection workbook, where that is a partial read);
- partial: template rows of a table not found, cells reading had to leave blank (run together,
  printed as words, placed nowhere), sections whose heading was not found.

`note_unread(report)` records a reading finding at error level for each part not read; every
reader's report passes through it (`readers.read_bytes`), so a report from any format, and the
audit, the web checker and the CLI that call `read`, cannot come out clean without being read.
It works on any `Report`: one computed from the records is complete when its tables and sections
are there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import labels
from .findings import Finding, Location, Severity
from .model import T2, T3, T4, Report
from .reading import NO_SECTIONS, TABLE_NOT_FOUND
from .templates import get_template, template_for_year

# The parts of a report a check rests on: key -> (Chinese name, section it belongs to, table key).
PARTS: dict[str, tuple[str, str | None, str | None]] = {
    "t2": ("表二（主动公开政府信息情况）", "二", T2),
    "t3": ("表三（收到和处理政府信息公开申请情况）", "三", T3),
    "t4": ("表四（政府信息公开行政复议、行政诉讼情况）", "四", T4),
    "sections": ("正文一至六部分", None, None),
}
_SECTIONS = ("一", "二", "三", "四", "五", "六")
# Formats that carry the tables only (the XLSX collection workbook: 基本信息, 表二, 表三, 表四):
# their narrative is not there to be read, which is said, but is no reading failure.
TABLES_ONLY_READERS = {"xlsx"}


def short_name(part: str) -> str:
    """A part's name without its explanation in brackets: 表二, 正文一至六部分."""
    return PARTS[part][0].split("（")[0]


# Reading findings that mean a table place was printed but could not be read for sure.
_CELL_GAPS = {
    "READ-AMBIGUOUS-CELLS",
    "READ-UNREADABLE-CELL",
    "READ-ROW-WITHOUT-CELLS",
    "READ-UNPLACED-CELLS",
    "READ-NO-CONSISTENT-SPLIT",
}


@dataclass(frozen=True)
class Gap:
    part: str  # a key of PARTS
    reason: str  # Chinese, one line
    places: tuple[str, ...] = ()  # rows (machine keys) or section numbers concerned

    @property
    def name(self) -> str:
        return PARTS[self.part][0]

    @property
    def short_name(self) -> str:
        return short_name(self.part)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"part": self.part, "name": self.name, "reason": self.reason}
        if self.places:
            out["places"] = list(self.places)
        return out


@dataclass(frozen=True)
class Completeness:
    not_read: tuple[Gap, ...] = ()  # parts nothing could be read from: the report is incomplete
    partial: tuple[Gap, ...] = ()  # parts read with gaps: warnings, the report stays complete

    @property
    def complete(self) -> bool:
        return not self.not_read

    def to_dict(self) -> dict[str, Any]:
        return {
            "complete": self.complete,
            "not_read": [g.to_dict() for g in self.not_read],
            "partial": [g.to_dict() for g in self.partial],
        }

    @classmethod
    def unreadable(cls, reason: str) -> Completeness:
        """A file that could not be read as a report at all: no part was read."""
        return cls(not_read=tuple(Gap(part, reason) for part in PARTS))


def completeness(report: Report) -> Completeness:
    not_read: list[Gap] = []
    partial: list[Gap] = []
    template = _template(report)
    gaps = _cell_gaps(report)
    for part, rows in (
        ("t2", _t2_rows(report)),
        ("t3", list(report.t3.values())),
        ("t4", list(report.t4.values())),
    ):
        table = PARTS[part][2]
        if not any(v is not None for cells in rows for v in cells.values()):
            why = "没有找到该表" if not rows else "表中没有读出任何数字"
            not_read.append(Gap(part, why))
            continue
        lost = _t3_rows_lost(report, template) if part == "t3" else []
        if part == "t3" and len(lost) * 2 > len(template.t3_rows):
            found = len(template.t3_rows) - len(lost)
            not_read.append(
                Gap(
                    part,
                    f"模板规定的 {len(template.t3_rows)} 行中只找到 {found} 行，表格未能完整读取",
                    tuple(lost),
                )
            )
            continue
        reasons = []
        if lost:
            reasons.append(
                f"未找到 {len(lost)} 行：{'、'.join(labels.t3_row(k) for k in lost[:5])}{'等' if len(lost) > 5 else ''}"
            )
        places = gaps.get(table, [])
        if places:
            flagged = [p for p in dict.fromkeys(places) if p]
            reasons.append(f"有 {len(places)} 处单元格未能确定（已留空或未读入），见读取提示")
            lost = [*lost, *flagged]
        if reasons:
            partial.append(Gap(part, "；".join(reasons), tuple(lost)))
    present = {s.number for s in report.sections}
    if not present & set(_SECTIONS) and report.reader in TABLES_ONLY_READERS:
        partial.append(
            Gap(
                "sections",
                "该格式（表格汇总工作簿）只含表格，不含正文，正文各部分未核对",
                _SECTIONS,
            )
        )
    elif not present & set(_SECTIONS):
        not_read.append(Gap("sections", "没有找到一至六任何一部分的标题"))
    elif missing := [n for n in _SECTIONS if n not in present]:
        partial.append(Gap("sections", f"未找到第{'、'.join(missing)}部分的标题", tuple(missing)))
    return Completeness(tuple(not_read), tuple(partial))


def unread_findings(report: Report, result: Completeness | None = None) -> list[Finding]:
    """An error-level reading finding for each part of `report` not read. None when reading
    already said at error level why the whole file could not be read (a scan needing OCR)."""
    result = result or completeness(report)
    if any(_whole_file_unread(f) for f in report.read_findings):
        return []
    out = []
    for gap in result.not_read:
        name, section, table = PARTS[gap.part]
        if gap.part == "sections":
            out.append(
                NO_SECTIONS.finding(
                    f"{gap.reason}：《条例》第五十条规定的报告内容未能按部分读取，各部分的内容无法核对；请核对原文件。",
                    Location(),
                )
            )
        else:
            out.append(
                TABLE_NOT_FOUND.finding(
                    f"{name}未能读取（{gap.reason}），{gap.short_name}的勾稽关系无法核对；请核对原文件，或改用表格完整的文件。",
                    Location(section=section, table=table),
                )
            )
    return out


def note_unread(report: Report) -> Completeness:
    """Add `unread_findings` to the report's reading findings (once) and return its completeness."""
    result = completeness(report)
    noted = {(f.rule, f.location.table) for f in report.read_findings}
    for finding in unread_findings(report, result):
        if (finding.rule, finding.location.table) not in noted:
            report.read_findings.append(finding)
    return result


def _whole_file_unread(f: Finding) -> bool:
    loc = f.location
    return (
        f.severity == Severity.ERROR
        and f.rule.startswith("READ-")
        and loc.table is None
        and loc.section is None
        and f.rule != NO_SECTIONS.id
    )


def _template(report: Report):
    if report.template:
        return get_template(report.template)
    return template_for_year(report.year) if report.year else get_template("2021")


def _t2_rows(report: Report) -> list[dict]:
    """The cells of every 表二 row read, the rows no template has included."""
    return [cells for rows in report.t2.values() for cells in rows.values()] + [
        r.values for r in report.t2_local_rows
    ]


def _t3_rows_lost(report: Report, template) -> list[str]:
    """Template rows of 表三 not in the report; a report printing （六）其他处理 in the other
    format's shape (one row, or three sub-rows) has that row."""
    t3 = report.t3
    has_other = any(k.startswith("other") for k in t3)
    return [
        k for k in template.t3_row_keys if k not in t3 and not (k.startswith("other") and has_other)
    ]


def _cell_gaps(report: Report) -> dict[str, list[str | None]]:
    """table -> the row of each reading finding that left a printed place of it unread."""
    out: dict[str, list[str | None]] = {}
    for f in report.read_findings:
        if f.rule in _CELL_GAPS and f.location.table:
            out.setdefault(_table_key(f.location.table), []).append(f.location.row)
    return out


def _table_key(table: str) -> str:
    """Reading findings name a table by its key, or (cells placed nowhere) by 表二/表三/表四."""
    return {"表二": T2, "表三": T3, "表四": T4}.get(table, table)
