"""A finding's location as people read it: 表三 ·（七）总计 · 总计, not t3_applications · results_total ·
total. Keys are the canonical model's (gongkai.report.model); labels come from the templates,
the 2021 one first (a key unknown to both is shown as it is)."""

from __future__ import annotations

from functools import cache

from gongkai.report.model import T2, T3, T4
from gongkai.report.templates import TEMPLATES

TABLES = {T2: "表二（主动公开）", T3: "表三（申请处理）", T4: "表四（复议诉讼）"}


@cache
def _labels(table: str) -> tuple[dict[str, str], dict[str, str]]:
    rows: dict[str, str] = {}
    columns: dict[str, str] = {}
    for key in ("2019", "2021"):  # the 2021 labels win
        t = TEMPLATES[key]
        if table == T3:
            rows.update({r.key: f"{r.group}{r.label}" if r.group else r.label for r in t.t3_rows})
            columns.update({c.key: c.label for c in t.t3_columns})
        elif table == T4:
            rows.update({g.key: g.label for g in t.t4_groups})
            columns.update({c.key: c.label for c in t.t4_columns})
        elif table == T2:
            for sub in t.t2:
                rows.update({r.key: r.label for r in sub.rows})
                columns.update({c.key: c.label for c in sub.columns})
    return rows, columns


def location(section: str, table: str, row: str, column: str, line: int | None) -> str:
    rows, columns = _labels(table) if table in TABLES else ({}, {})
    parts = [
        f"第{section}部分" if section else "",
        TABLES.get(table, table),
        rows.get(row, row),
        columns.get(column, column),
        f"原文件第{line}行" if line else "",
    ]
    return " · ".join(p for p in parts if p)
