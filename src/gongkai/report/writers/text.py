"""A report as plain text, in the layouts the text reader reads (used by round-trip tests).

Layouts:
- "seed": one cell per tab-indented line, rows separated by blank lines (the seed report's);
- "pipe": Markdown pipe tables;
- "tab": tab-separated rows;
- "runtogether": a page-text export: metadata lines, then the whole page on one line with every
  table row printed as its label followed by its digits, no spaces ("规章000");
- "runtogether-spaced": the same with a single space between cells ("规章 0 0 0");
- "cellline": a web page's text as a crawler copies it, every table cell on a line of its own
  with no separator (`cell_line_parts` gives the lines with what each is, for variants).

In the run-together layouts a blank cell prints nothing and so vanishes, as on the real sites.
"""

from __future__ import annotations

from ..model import Report
from ..templates import TEMPLATES, Template
from ..templates.common import RESULTS
from .base import Writer, register
from .layout import format_value

LAYOUTS = ("seed", "pipe", "tab", "runtogether", "runtogether-spaced", "cellline")

Row = list[str]


def write_text(report: Report, layout: str = "seed") -> str:
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; known: {', '.join(LAYOUTS)}")
    template = TEMPLATES[report.template or "2021"]
    tables = {
        "二": _t2_rows(report, template),
        "三": _t3_rows(report, template),
        "四": _t4_rows(report),
    }
    if layout.startswith("runtogether"):
        return _runtogether(report, tables, spaced=layout.endswith("spaced"))
    if layout == "cellline":
        return "\n".join(text for _, text in cell_line_parts(report)) + "\n"
    parts: list[str] = []
    if report.title:
        parts.append(report.title)
    if report.preamble:
        parts.append(report.preamble)
    for s in report.sections:
        parts.append(s.heading)
        if s.text:
            parts.append(s.text)
        rows = tables.get(s.number)
        if rows:
            parts.append(_grid(rows, layout))
    return "\n\n".join(parts) + "\n"


def _t2_rows(report: Report, template: Template) -> list[Row]:
    """表二 rows as printed. Rows no template has (t2_local_rows) follow their parent row: under a
    parent printed without cells they continue its merged cell (a leading blank cell); under a
    parent with cells of its own the parent's name is printed again beside them. Local rows
    without a parent come first, before any parent can claim them."""
    rows: list[Row] = []
    for sub in template.t2:
        printed = report.t2.get(sub.key) or {}
        local = [r for r in report.t2_local_rows if r.subtable == sub.key]
        if not printed and not local:
            continue
        rows.append([sub.caption])
        rows.append([sub.label_column, *(c.label for c in sub.columns)])
        parents = {r.key for r in sub.rows}
        for lr in local:
            if lr.parent not in parents:
                rows.append([lr.label, *(format_value(lr.values.get(c.key)) for c in sub.columns)])
        for r in sub.rows:
            under = [lr for lr in local if lr.parent == r.key]
            if r.key in printed:
                rows.append(
                    [r.label, *(format_value(printed[r.key].get(c.key)) for c in sub.columns)]
                )
            for i, lr in enumerate(under):
                lead = r.label if r.key in printed or i == 0 else ""
                rows.append(
                    [lead, lr.label, *(format_value(lr.values.get(c.key)) for c in sub.columns)]
                )
    return rows


def _t3_rows(report: Report, template: Template) -> list[Row]:
    if not report.t3:
        return []
    cols = template.t3_columns
    rows: list[Row] = [
        [template.t3_note, "申请人情况"],
        ["", "自然人", "法人或其他组织", "总计"],
        ["", "", *(c.label for c in cols[1:6])],
    ]
    group_seen: set[str] = set()
    results_seen = False
    for r in template.t3_rows:
        if r.key not in report.t3:
            continue
        lead: list[str] = []
        if r.group:
            lead.append("" if results_seen else RESULTS)
            results_seen = True
            if r.group != RESULTS:
                lead.append("" if r.group in group_seen else r.group)
                group_seen.add(r.group)
        rows.append([*lead, r.label, *(format_value(report.t3[r.key].get(c.key)) for c in cols)])
    return rows


def _t4_rows(report: Report) -> list[Row]:
    if not report.t4:
        return []
    t = TEMPLATES["2021"]
    col_labels = [c.label for c in t.t4_columns]
    values = [
        format_value(report.t4.get(g, {}).get(c)) for g in t.t4_group_keys for c in t.t4_column_keys
    ]
    return [
        ["行政复议", "行政诉讼"],
        [*col_labels, "未经复议直接起诉", "复议后起诉"],
        [*col_labels, *col_labels],
        values,
    ]


def _grid(rows: list[Row], layout: str) -> str:
    if layout == "seed":
        return "\n\n".join("\n".join("\t" + c for c in row) for row in rows)
    if layout == "pipe":
        width = max(len(r) for r in rows)
        lines = [
            "| " + " | ".join(rows[0] + [""] * (width - len(rows[0]))) + " |",
            "|" + "---|" * width,
        ]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return "\n".join(lines)
    # tab: a row of one cell keeps a trailing tab so it still reads as a table row
    return "\n".join("\t".join(r) + ("\t" if len(r) == 1 else "") for r in rows)


def _runtogether(report: Report, tables: dict[str, list[Row]], spaced: bool) -> str:
    sep = " " if spaced else ""
    head = [
        f"标题: {report.title or ''}",
        "发布时间: ",
        "文号: ",
        f"发布机构: {report.agency or ''}",
        "=" * 20 + " 正文 " + "=" * 20,
    ]
    parts: list[str] = []
    if report.preamble:
        parts.append(report.preamble)
    for s in report.sections:
        parts.append(s.heading)
        if s.text:
            parts.append(s.text)
        for row in tables.get(s.number, []):
            cells = [c for c in row if c]
            label = "".join(c for c in cells if not _is_number(c))
            numbers = sep.join(c for c in cells if _is_number(c))
            parts.append(label + (sep if label and numbers else "") + numbers)
    return "\n".join(head) + "\n" + " ".join(parts) + "\n"


def cell_line_parts(report: Report) -> list[tuple[str, str]]:
    """The lines of the "cellline" layout as (what, text): what is "title", "text" (a paragraph),
    "heading", or "cell:二" / "cell:三" / "cell:四" (a table cell of that section). A blank cell
    prints nothing, so it vanishes, as in a crawler's copy."""
    template = TEMPLATES[report.template or "2021"]
    tables = {
        "二": _t2_rows(report, template),
        "三": _t3_rows(report, template),
        "四": _t4_rows(report),
    }
    parts: list[tuple[str, str]] = []
    if report.title:
        parts.append(("title", report.title))
    parts += [("text", p) for p in report.preamble.split("\n") if p]
    for s in report.sections:
        parts.append(("heading", s.heading))
        parts += [("text", p) for p in s.text.split("\n") if p]
        parts += [(f"cell:{s.number}", c) for row in tables.get(s.number, []) for c in row if c]
    return parts


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


register(
    Writer(
        "txt",
        "txt",
        "text/plain; charset=utf-8",
        lambda report: write_text(report, "seed").encode("utf-8"),
        "纯文本（表格每格一行，与常见网站文本导出相同）",
    )
)
