"""Cell-by-cell comparison of a read report with a corpus report's hand-checked expected.json.

expected.json keys 表三/表四 by template keys but 表二 by printed labels, either
{caption: {row label: {column label: value}}} or {row label: {column label: value}}; the labels
are mapped to template keys here.
"""

from __future__ import annotations

import json
from pathlib import Path

from gongkai.report import Report
from gongkai.report.model import T2, T3, T4
from gongkai.report.templates import get_template

Cell = tuple[str, str, str, str]  # (table, sub-table or "", row, column)


def _t2_row(template, caption: str | None, label: str):
    subs = [s for s in template.t2 if caption is None or s.caption == caption]
    for sub in subs:
        for row in sub.rows:
            # Reports print 规范性文件 for 行政规范性文件; the hand-checked files use the template's words.
            if row.label == label or row.label.endswith(label):
                return sub, row
    raise KeyError(f"表二 row {caption or ''} {label} not in template {template.key}")


def expected_cells(path: Path) -> tuple[dict, dict[Cell, object]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    template = get_template(data["template_tables"])
    cells: dict[Cell, object] = {}
    captions = {s.caption for s in template.t2}
    for key, value in data["tables"][T2].items():
        caption, rows = (key, value) if key in captions else (None, {key: value})
        for label, columns in rows.items():
            sub, row = _t2_row(template, caption, label)
            for column_label, v in columns.items():
                column = next(c for c in sub.columns if c.label == column_label)
                cells[(T2, sub.key, row.key, column.key)] = v
    for row, columns in data["tables"][T3].items():
        for column, v in columns.items():
            cells[(T3, "", row, column)] = v
    for group, columns in data["tables"][T4].items():
        for column, v in columns.items():
            cells[(T4, "", group, column)] = v
    return data, cells


_MISSING = object()


def read_cell(report: Report, cell: Cell):
    table, sub, row, column = cell
    rows = report.t2.get(sub, {}) if table == T2 else report.t3 if table == T3 else report.t4
    return rows.get(row, {}).get(column, _MISSING)


def misses(report: Report, expected: dict[Cell, object]) -> list[tuple[Cell, object, object]]:
    """(cell, expected, read) for every cell read differently (or not at all)."""
    out = []
    for cell, value in expected.items():
        got = read_cell(report, cell)
        if got is _MISSING or got != value or type(got) is bool:
            out.append((cell, value, None if got is _MISSING else got))
    return out
