"""The report as Markdown: headings, paragraphs and pipe tables.

Markdown has no merged cells, so the tables are flattened: 表二 prints one table per caption
(第二十条第（一）项 …); 表三 repeats its group labels (三、本年度办理结果 / （三）不予公开) in a label
column and names each column with its spanning header (法人或其他组织/商业企业); 表四 prints one
row per group (行政复议, 行政诉讼/未经复议直接起诉, 行政诉讼/复议后起诉) under the five result
columns. Blank cells stay blank.
"""

from __future__ import annotations

from ..model import Report
from .base import Writer, register
from .layout import (
    Document,
    Heading,
    Paragraph,
    Table,
    document,
    format_value,
    t2_blocks,
    t3_lines,
)

GROUP_SEPARATOR = " / "


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _paragraph(text: str) -> str:
    # A narrative line must not turn into a heading, quote, list item or table row.
    return "\\" + text if text[:1] in "#>-+*|" else text


def pipe_table(header: list[str], rows: list[list[str]], label_columns: int) -> list[str]:
    rule = [":---"] * label_columns + ["---:"] * (len(header) - label_columns)
    lines = ["| " + " | ".join(_escape(h) for h in header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(_escape(c) for c in row) + " |" for row in rows]
    return lines


def _t2(report: Report, doc: Document) -> list[str]:
    out: list[str] = []
    for block in t2_blocks(report, doc.template):
        cols = block.sub.columns
        # A heading line (a template row printed only above its local rows) gets no figure
        # cells at all: empty cells would read back as a printed row of blanks.
        rows = [
            [line.label]
            if line.heading
            else [line.label, *(format_value(line.cells.get(c.key)) for c in cols)]
            for line in block.lines
        ]
        out += [
            f"**{block.sub.caption}**",
            "",
            *pipe_table([block.sub.label_column, *(c.label for c in cols)], rows, 1),
            "",
        ]
    return out


def _t3(report: Report, doc: Document) -> list[str]:
    cols = doc.template.t3_columns
    header = ["分组", "项目", *(f"{c.parent}/{c.label}" if c.parent else c.label for c in cols)]
    rows = [
        [
            GROUP_SEPARATOR.join(line.path),
            line.label,
            *(format_value(line.cells.get(c.key)) for c in cols),
        ]
        for line in t3_lines(report, doc.template)
    ]
    return [doc.template.t3_note, "", *pipe_table(header, rows, 2), ""]


def _t4(report: Report, doc: Document) -> list[str]:
    cols = doc.template.t4_columns
    rows = []
    for g in doc.template.t4_groups:
        cells = report.t4.get(g.key, {})
        label = f"{g.group}/{g.label}" if g.group else g.label
        rows.append([label, *(format_value(cells.get(c.key)) for c in cols)])
    return [*pipe_table(["类别", *(c.label for c in cols)], rows, 1), ""]


def render(report: Report, doc: Document) -> str:
    tables = {"t2": _t2, "t3": _t3, "t4": _t4}
    out = [f"# {doc.title}", ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += [f"## {block.text}", ""]
        elif isinstance(block, Paragraph):
            out += [_paragraph(block.text), ""]
        elif isinstance(block, Table):
            out += tables[block.grid.key](report, doc)
    return "\n".join(out).rstrip("\n") + "\n"


def write(report: Report) -> bytes:
    return render(report, document(report)).encode("utf-8")


register(Writer("md", "md", "text/markdown; charset=utf-8", write, "Markdown"))
