"""The vocabulary templates are declared in.

A template is pure data: sections, tables, rows, columns, each with the exact printed label and a
stable machine key. Readers use the labels to find cells, writers print them, rules iterate them.
Nothing here knows how a report is read or checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    # "int", "signed_int" (本年增/减 may be negative) or "decimal" (万元 amounts).
    kind: str = "int"
    parent: str | None = None  # printed spanning header, e.g. 法人或其他组织


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    group: str | None = None  # printed group cell, e.g. （三）不予公开
    evidence: str = "B"  # grade in ../shared/docs/statute.md


@dataclass(frozen=True)
class SubTable:
    """One captioned block of 表二 (第二十条第（一）项 …)."""

    key: str
    caption: str
    basis: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    label_column: str = "信息内容"

    def row(self, key: str) -> Row:
        return next(r for r in self.rows if r.key == key)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


@dataclass(frozen=True)
class Section:
    number: str  # 一 … 六
    heading: str  # the official wording, e.g. 一、总体情况
    basis: str


@dataclass(frozen=True)
class Template:
    """One statutory format, declared once."""

    key: str  # "2019" or "2021"
    name: str
    document: str  # the issuing notice
    years: str  # report years it was prescribed for
    sections: tuple[Section, ...]
    t2: tuple[SubTable, ...]
    t3_rows: tuple[Row, ...]
    t3_columns: tuple[Column, ...]
    t3_note: str
    t4_groups: tuple[Row, ...]
    t4_columns: tuple[Column, ...]
    # Labels whose presence identifies this template's tables (see detect.py).
    signature_labels: tuple[str, ...] = field(default=())

    # The key tuples are derived once per template (templates are module-level constants) rather
    # than rebuilt on every access: rules and readers ask for them several times per report.
    @cached_property
    def t3_row_keys(self) -> tuple[str, ...]:
        return tuple(r.key for r in self.t3_rows)

    @cached_property
    def t3_outcome_leaf_keys(self) -> tuple[str, ...]:
        """The leaf rows under 三、本年度办理结果 that sum to （七）总计."""
        skip = {
            "new_received",
            "carried_over_from_last_year",
            "results_total",
            "carried_to_next_year",
        }
        return tuple(r.key for r in self.t3_rows if r.key not in skip)

    @cached_property
    def t3_column_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.t3_columns)

    @cached_property
    def t4_group_keys(self) -> tuple[str, ...]:
        return tuple(g.key for g in self.t4_groups)

    @cached_property
    def t4_column_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.t4_columns)

    def subtable(self, key: str) -> SubTable:
        return next(s for s in self.t2 if s.key == key)

    def t3_row(self, key: str) -> Row:
        return next(r for r in self.t3_rows if r.key == key)

    def t3_column(self, key: str) -> Column:
        return next(c for c in self.t3_columns if c.key == key)
