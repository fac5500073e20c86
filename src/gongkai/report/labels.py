"""Chinese names of table places, for messages a clerk can act on."""

from __future__ import annotations

from .templates import TEMPLATE_2019, TEMPLATE_2021, Template

_T3_ROW_LABELS = {r.key: r.label for t in (TEMPLATE_2019, TEMPLATE_2021) for r in t.t3_rows}
_T3_COL_LABELS = {c.key: c.label for c in TEMPLATE_2021.t3_columns}
_T4_GROUP_LABELS = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼·未经复议直接起诉",
    "litigation_after_review": "行政诉讼·复议后起诉",
}
_T4_COL_LABELS = {c.key: c.label for c in TEMPLATE_2021.t4_columns}


def _t3_row(key: str) -> str:
    label = _T3_ROW_LABELS.get(key, key)
    if key.startswith(("denied.", "unable.", "not_processed.", "other.")):
        group = next(
            r.group for t in (TEMPLATE_2019, TEMPLATE_2021) for r in t.t3_rows if r.key == key
        )
        return f"{group}{label}"
    return label.replace("（区分处理的，只计这一情形，不计其他情形）", "")


# Every template row's name, worked out once: a message names several rows.
_T3_ROW_NAMES = {key: _t3_row(key) for key in _T3_ROW_LABELS}


def t3_row(key: str) -> str:
    return _T3_ROW_NAMES.get(key) or _t3_row(key)


def t3_column(key: str) -> str:
    return _T3_COL_LABELS.get(key, key)


def t3_cell(row: str, column: str) -> str:
    return f"表三「{t3_row(row)}」行「{t3_column(column)}」列"


def t4_cell(group: str, column: str) -> str:
    return f"表四「{_T4_GROUP_LABELS.get(group, group)}」的「{_T4_COL_LABELS.get(column, column)}」"


def t4_group(group: str) -> str:
    return _T4_GROUP_LABELS.get(group, group)


def t2_cell(template: Template, sub: str, row: str, column: str) -> str:
    try:
        s = template.subtable(sub)
        return f"表二{s.caption}「{s.row(row).label}」行「{s.column(column).label}」列"
    except StopIteration:
        return f"表二 {sub}.{row}.{column}"


def fmt(value) -> str:
    return "空白" if value is None else str(value)


_SECTION_HEADINGS = {s.number: s.heading for s in TEMPLATE_2021.sections}


def section(number: str) -> str:
    """The template heading of a section, e.g. 三、收到和处理政府信息公开申请情况."""
    return _SECTION_HEADINGS.get(number, f"{number}、")


def t4_column(column: str) -> str:
    return _T4_COL_LABELS.get(column, column)


def cells(values: dict[str, object]) -> str:
    """`a 3、b 空白` — several labelled values in one phrase."""
    return "、".join(f"{k} {fmt(v)}" for k, v in values.items())


def candidates(values) -> str:
    """Values a narrative number was compared with, in the order tried, without repeats."""
    seen: list = []
    for v in values:
        if v not in seen:
            seen.append(v)
    return "或".join(str(v) for v in seen)
