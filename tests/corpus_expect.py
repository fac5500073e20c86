"""Comparing a read report with a corpus folder's hand-checked expected.json.

expected.json keys 表三/表四 by the template machine keys, but 表二 by the printed caption, row and
column labels; they are mapped here through the templates (both formats) to machine keys.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from gongkai.report import Report
from gongkai.report.sections import norm
from gongkai.report.templates import TEMPLATE_2019, TEMPLATE_2021

_CN = "一二三四五六七八九十"


def _t2_key(caption: str | None, row: str, column: str) -> tuple[str, str, str] | None:
    """Machine keys of a 表二 cell; without a caption (files keyed by row label only, e.g.
    huaian-2024) the sub-table is the one printing that row and column."""
    sub = None
    for i, ch in enumerate(_CN):
        if caption is not None and f"({ch})" in norm(caption):
            sub = f"art20_{i + 1}"
    if sub is None and caption is not None:
        return None
    for t in (TEMPLATE_2021, TEMPLATE_2019):
        for s in t.t2:
            if sub is not None and s.key != sub:
                continue
            rkey = next(
                (
                    r.key
                    for r in s.rows
                    if norm(r.label) == norm(row) or norm(r.label).endswith(norm(row))
                ),
                None,
            )
            ckey = next(
                (
                    c.key
                    for c in s.columns
                    if norm(c.label).split("(")[0] == norm(column).split("(")[0]
                ),
                None,
            )
            ckey = ckey or _misprinted_column(s.columns, column)
            if rkey and ckey:
                return s.key, rkey, ckey
    return None


def _misprinted_column(columns, printed: str) -> str | None:
    """The column a header label misprinted by one character names (putian-szfb-2019 prints
    "本年新作数量" for 本年新制作数量, and expected.json keeps the label as printed)."""
    core = norm(printed).split("(")[0]
    close = [
        c.key
        for c in columns
        if SequenceMatcher(None, norm(c.label).split("(")[0], core).ratio() >= 0.9
    ]
    return close[0] if len(close) == 1 else None


def expected_cells(expected: dict) -> dict[str, dict[tuple, object]]:
    """{"T2"|"T3"|"T4": {(…keys): value}} of an expected.json."""
    tables = expected["tables"]
    out: dict[str, dict[tuple, object]] = {"T2": {}, "T3": {}, "T4": {}}
    for row, cells in tables.get("t3_applications", {}).items():
        for col, v in cells.items():
            out["T3"][(row, col)] = v
    for g, cells in tables.get("t4_review_litigation", {}).items():
        for col, v in cells.items():
            out["T4"][(g, col)] = v
    for caption, rows in tables.get("t2_active_disclosure", {}).items():
        if not isinstance(rows, dict):
            continue
        if not all(isinstance(v, dict) for v in rows.values()):
            caption, rows = None, {caption: rows}  # keyed by row label, no caption level
        for row, cells in rows.items():
            for col, v in cells.items():
                key = _t2_key(caption, row, col)
                out["T2"][key or ("?", caption, row, col)] = v
    return out


def actual_cell(report: Report, table: str, key: tuple):
    """The value the report holds at `key`; a missing row/cell gives the marker MISSING."""
    if table == "T3":
        return report.t3.get(key[0], {}).get(key[1], MISSING)
    if table == "T4":
        return report.t4.get(key[0], {}).get(key[1], MISSING)
    if key[0] == "?":
        return MISSING
    return report.t2.get(key[0], {}).get(key[1], {}).get(key[2], MISSING)


MISSING = object()


@dataclass
class Tally:
    expected: int = 0
    correct: int = 0
    blank_with_finding: int = 0
    wrong: int = 0
    misses: list[str] = field(default_factory=list)


def compare(report: Report, expected: dict) -> dict[str, Tally]:
    flagged_rows = {(f.location.table, f.location.row) for f in report.read_findings}
    flagged_tables = {f.location.table for f in report.read_findings if f.rule.startswith("READ-")}
    result = {}
    for table, cells in expected_cells(expected).items():
        tally = Tally()
        for key, value in cells.items():
            tally.expected += 1
            got = actual_cell(report, table, key)
            if got is not MISSING and got == value and (got is None) == (value is None):
                tally.correct += 1
                continue
            tname = {
                "T2": "t2_active_disclosure",
                "T3": "t3_applications",
                "T4": "t4_review_litigation",
            }[table]
            row = key[1] if table == "T2" else key[0]
            if (got is None or got is MISSING) and (
                (tname, row) in flagged_rows or tname in flagged_tables
            ):
                tally.blank_with_finding += 1
                tally.misses.append(f"{table} {key}: blank with finding (expected {value})")
            else:
                tally.wrong += 1
                shown = "missing" if got is MISSING else got
                tally.misses.append(f"{table} {key}: got {shown}, expected {value}")
        result[table] = tally
    return result


def load_expected(folder: Path) -> dict:
    return json.loads((folder / "expected.json").read_text(encoding="utf-8"))


def compare_reports(report: Report, original: Report) -> dict[str, Tally]:
    """`compare` for a report written from a known one (generated reports): every 表二, 表三
    and 表四 cell of `original` against what was read back."""
    flagged_rows = {(f.location.table, f.location.row) for f in report.read_findings}
    flagged_tables = {f.location.table for f in report.read_findings if f.rule.startswith("READ-")}
    got, want = report.to_dict()["tables"], original.to_dict()["tables"]
    result = {}
    for table, key in (
        ("T2", "t2_active_disclosure"),
        ("T3", "t3_applications"),
        ("T4", "t4_review_litigation"),
    ):
        tally = Tally()
        rows = (
            [
                ((sub, row), cells)
                for sub, subrows in want[key].items()
                for row, cells in subrows.items()
            ]
            if table == "T2"
            else [((row,), cells) for row, cells in want[key].items()]
        )
        for path, cells in rows:
            read_cells = got[key]
            for step in path:
                read_cells = read_cells.get(step, {})
            for col, value in cells.items():
                tally.expected += 1
                value_read = read_cells.get(col, MISSING)
                if (
                    value_read is not MISSING
                    and value_read == value
                    and (value_read is None) == (value is None)
                ):
                    tally.correct += 1
                elif value_read in (None, MISSING) and (
                    (key, path[-1]) in flagged_rows or key in flagged_tables
                ):
                    tally.blank_with_finding += 1
                    tally.misses.append(
                        f"{table} {path} {col}: blank with finding (expected {value})"
                    )
                else:
                    tally.wrong += 1
                    tally.misses.append(f"{table} {path} {col}: got {value_read}, expected {value}")
        result[table] = tally
    return result
