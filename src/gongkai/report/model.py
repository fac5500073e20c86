"""The typed report and its canonical JSON form.

Tables are plain nested dicts keyed by the template's machine keys, so rules and writers can
iterate the template and look cells up. Conventions:

- a row or group absent from a dict was not printed in the report;
- a cell whose value is ``None`` was printed blank (never read as 0);
- counts are ``int``; amounts in 万元 are ``int`` or ``float`` as printed.

``Report.from_dict(r.to_dict()) == r`` and ``to_dict`` of a canonical dict gives it back unchanged.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from .errors import ReportFormatError
from .findings import Finding
from .templates import TEMPLATE_2019, TEMPLATE_2021, TEMPLATES

FORMAT = "gongkai.report/1"

Number = int | float
Cells = dict[str, Number | None]

T2 = "t2_active_disclosure"
T2_LOCAL = "t2_local_rows"
T3 = "t3_applications"
T4 = "t4_review_litigation"

# Every row key either template knows, in print order. Real 2021-format reports sometimes
# still print the 2019 single （六）其他处理 row, so it sits just before the 2021 sub-rows.
_T3_2021 = list(TEMPLATE_2021.t3_row_keys)
_T3_2021.insert(_T3_2021.index("other.no_correction"), "other")
T3_ROW_KEYS: tuple[str, ...] = tuple(_T3_2021)
T3_COLUMN_KEYS = TEMPLATE_2021.t3_column_keys
T4_GROUP_KEYS = TEMPLATE_2021.t4_group_keys
T4_COLUMN_KEYS = TEMPLATE_2021.t4_column_keys


def _t2_layout() -> dict[str, tuple[list[str], list[str]]]:
    """sub-table key -> (row keys, column keys) over both templates, in print order."""
    layout: dict[str, tuple[list[str], list[str]]] = {}
    for template in (TEMPLATE_2021, TEMPLATE_2019):
        for sub in template.t2:
            rows, cols = layout.setdefault(sub.key, ([], []))
            rows.extend(r.key for r in sub.rows if r.key not in rows)
            cols.extend(c.key for c in sub.columns if c.key not in cols)
    return dict(sorted(layout.items(), key=lambda kv: int(kv[0].split("_")[1])))


T2_LAYOUT = _t2_layout()


@dataclass
class SectionText:
    number: str  # 一 … 六
    heading: str  # as printed
    text: str  # narrative of the section, tables excluded

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "heading": self.heading, "text": self.text}


@dataclass
class LocalRow:
    """A row a report prints in 表二 that no template has (e.g. 行政检查 under 其他对外管理服务事项)."""

    subtable: str
    label: str
    parent: str | None  # template row key it is printed under, if any
    values: Cells

    def to_dict(self) -> dict[str, Any]:
        return {
            "subtable": self.subtable,
            "label": self.label,
            "parent": self.parent,
            "values": dict(self.values),
        }


@dataclass
class Report:
    agency: str | None = None
    year: int | None = None
    template: str | None = None  # "2019" or "2021": the format the tables follow
    title: str | None = None
    preamble: str = ""  # text before section 一
    sections: list[SectionText] = field(default_factory=list)
    t2: dict[str, dict[str, Cells]] = field(default_factory=dict)
    t2_local_rows: list[LocalRow] = field(default_factory=list)
    t3: dict[str, Cells] = field(default_factory=dict)
    t4: dict[str, Cells] = field(default_factory=dict)
    # Not part of the canonical form: where the report came from and what reading it noticed.
    source: str | None = field(default=None, compare=False)
    reader: str | None = field(
        default=None, compare=False
    )  # the reader that read it: "text", "xlsx", …
    read_findings: list[Finding] = field(default_factory=list, compare=False)

    # -- convenience -----------------------------------------------------------------------

    def section(self, number: str) -> SectionText | None:
        return next((s for s in self.sections if s.number == number), None)

    @property
    def narrative(self) -> str:
        """All narrative text, preamble first (what narrative rules search)."""
        return "\n".join([self.preamble, *(f"{s.heading}\n{s.text}" for s in self.sections)])

    def t3_cell(self, row: str, column: str) -> Number | None:
        return self.t3.get(row, {}).get(column)

    # -- canonical JSON ----------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "agency": self.agency,
            "year": self.year,
            "template": self.template,
            "title": self.title,
            "preamble": self.preamble,
            "sections": [s.to_dict() for s in self.sections],
            "tables": {
                T2: {
                    sub: {
                        row: _ordered(cells, T2_LAYOUT.get(sub, ([], []))[1])
                        for row, cells in _ordered_items(rows, T2_LAYOUT.get(sub, ([], []))[0])
                    }
                    for sub, rows in _ordered_items(self.t2, list(T2_LAYOUT))
                },
                T2_LOCAL: [r.to_dict() for r in self.t2_local_rows],
                T3: {
                    row: _ordered(cells, T3_COLUMN_KEYS)
                    for row, cells in _ordered_items(self.t3, T3_ROW_KEYS)
                },
                T4: {
                    g: _ordered(cells, T4_COLUMN_KEYS)
                    for g, cells in _ordered_items(self.t4, T4_GROUP_KEYS)
                },
            },
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: Any) -> Report:
        return _parse_report(data)

    @classmethod
    def from_json(cls, text: str) -> Report:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReportFormatError(
                f"$ (line {exc.lineno}, column {exc.colno})", f"not JSON: {exc.msg}"
            ) from None
        except (ValueError, RecursionError) as exc:  # a number over 4300 digits, nesting too deep
            raise ReportFormatError(
                "$", f"not JSON gongkai can read: {str(exc).split(';')[0]}"
            ) from None
        return cls.from_dict(data)


def _ordered_items(mapping: dict, order) -> list[tuple[str, Any]]:
    """Items in template order; keys the order does not know go last, sorted."""
    known = [(k, mapping[k]) for k in order if k in mapping]
    rest = sorted((k, v) for k, v in mapping.items() if k not in set(order))
    return known + rest


def _ordered(cells: Cells, order) -> Cells:
    return dict(_ordered_items(cells, order))


# -- parsing with precise error paths ---------------------------------------------------------


def _expect(cond: bool, path: str, reason: str) -> None:
    if not cond:
        raise ReportFormatError(path, reason)


def _cell(value: Any, path: str, allow_float: bool) -> Number | None:
    if value is None:
        return None
    _expect(not isinstance(value, bool), path, "a cell is a number or null")
    if isinstance(value, int):
        return value
    _expect(isinstance(value, float) and allow_float, path, "a count must be an integer or null")
    # json.loads takes NaN and Infinity (and 1e400 as inf); no amount printed in a report is one.
    _expect(math.isfinite(value), path, "an amount must be a finite number")
    return value


def _cells(data: Any, path: str, columns, allow_float) -> Cells:
    _expect(isinstance(data, dict), path, "expected an object of cells")
    out: Cells = {}
    for col, value in data.items():
        _expect(
            col in columns, f"{path}.{col}", f"unknown column; expected one of {', '.join(columns)}"
        )
        out[col] = _cell(value, f"{path}.{col}", allow_float(col))
    return out


_DECIMAL_T2_COLUMNS = {
    c.key for t in TEMPLATES.values() for sub in t.t2 for c in sub.columns if c.kind == "decimal"
}
_T2_ALL_COLUMNS = sorted({c for _, cols in T2_LAYOUT.values() for c in cols})


def _parse_report(data: Any) -> Report:
    _expect(isinstance(data, dict), "$", "a report is a JSON object")
    _expect(data.get("format") == FORMAT, "$.format", f"expected {FORMAT!r}")
    template = data.get("template")
    _expect(
        template is None or template in TEMPLATES, "$.template", 'expected "2019", "2021" or null'
    )
    year = data.get("year")
    _expect(
        year is None or (isinstance(year, int) and not isinstance(year, bool)),
        "$.year",
        "expected an integer or null",
    )
    for key in ("agency", "title"):
        _expect(
            data.get(key) is None or isinstance(data.get(key), str),
            f"$.{key}",
            "expected a string or null",
        )
    preamble = data.get("preamble", "")
    _expect(isinstance(preamble, str), "$.preamble", "expected a string")

    sections = []
    raw_sections = data.get("sections", [])
    _expect(isinstance(raw_sections, list), "$.sections", "expected a list")
    for i, s in enumerate(raw_sections):
        p = f"$.sections[{i}]"
        _expect(isinstance(s, dict), p, "expected an object")
        for key in ("number", "heading", "text"):
            _expect(isinstance(s.get(key), str), f"{p}.{key}", "expected a string")
        sections.append(SectionText(s["number"], s["heading"], s["text"]))

    tables = data.get("tables", {})
    _expect(isinstance(tables, dict), "$.tables", "expected an object")
    unknown = set(tables) - {T2, T2_LOCAL, T3, T4}
    _expect(not unknown, f"$.tables.{next(iter(unknown), '')}", "unknown table")

    t2: dict[str, dict[str, Cells]] = {}
    raw_t2 = tables.get(T2, {})
    _expect(isinstance(raw_t2, dict), f"$.tables.{T2}", "expected an object")
    for sub, rows in raw_t2.items():
        p = f"$.tables.{T2}.{sub}"
        _expect(sub in T2_LAYOUT, p, f"unknown sub-table; expected one of {', '.join(T2_LAYOUT)}")
        _expect(isinstance(rows, dict), p, "expected an object of rows")
        row_keys, col_keys = T2_LAYOUT[sub]
        t2[sub] = {}
        for row, cells in rows.items():
            _expect(
                row in row_keys, f"{p}.{row}", f"unknown row; expected one of {', '.join(row_keys)}"
            )
            t2[sub][row] = _cells(cells, f"{p}.{row}", col_keys, lambda c: c in _DECIMAL_T2_COLUMNS)

    local_rows = []
    raw_local = tables.get(T2_LOCAL, [])
    _expect(isinstance(raw_local, list), f"$.tables.{T2_LOCAL}", "expected a list")
    for i, r in enumerate(raw_local):
        p = f"$.tables.{T2_LOCAL}[{i}]"
        _expect(isinstance(r, dict), p, "expected an object")
        _expect(r.get("subtable") in T2_LAYOUT, f"{p}.subtable", "unknown sub-table")
        _expect(isinstance(r.get("label"), str), f"{p}.label", "expected a string")
        _expect(
            r.get("parent") is None or isinstance(r.get("parent"), str),
            f"{p}.parent",
            "expected a string or null",
        )
        values = _cells(r.get("values", {}), f"{p}.values", _T2_ALL_COLUMNS, lambda c: True)
        local_rows.append(LocalRow(r["subtable"], r["label"], r.get("parent"), values))

    t3: dict[str, Cells] = {}
    raw_t3 = tables.get(T3, {})
    _expect(isinstance(raw_t3, dict), f"$.tables.{T3}", "expected an object")
    for row, cells in raw_t3.items():
        p = f"$.tables.{T3}.{row}"
        _expect(row in T3_ROW_KEYS, p, "unknown row of 表三")
        t3[row] = _cells(cells, p, T3_COLUMN_KEYS, lambda c: False)

    t4: dict[str, Cells] = {}
    raw_t4 = tables.get(T4, {})
    _expect(isinstance(raw_t4, dict), f"$.tables.{T4}", "expected an object")
    for group, cells in raw_t4.items():
        p = f"$.tables.{T4}.{group}"
        _expect(
            group in T4_GROUP_KEYS, p, f"unknown group; expected one of {', '.join(T4_GROUP_KEYS)}"
        )
        t4[group] = _cells(cells, p, T4_COLUMN_KEYS, lambda c: False)

    return Report(
        agency=data.get("agency"),
        year=year,
        template=template,
        title=data.get("title"),
        preamble=preamble,
        sections=sections,
        t2=t2,
        t2_local_rows=local_rows,
        t3=t3,
        t4=t4,
    )
