"""The official tables as HTML for the staff page, every figure of 表三 and 表四 a link.

The grids come from the writers' layout (gongkai.report.writers.layout), so the page prints the
same spans and labels as the exported documents; only the figure cells gain a link.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from gongkai.report.model import Report
from gongkai.report.templates import Template
from gongkai.report.writers.layout import Cell, Grid, grids, t3_lines, template_of

# Link for a figure cell: (table "t3"/"t4", row or group key, column key) -> URL or None.
LinkFor = Callable[[str, str, str], str | None]


def cell_keys(report: Report, template: Template) -> dict[tuple[str, int, int], tuple[str, str]]:
    """(table, grid row, grid column) of each figure cell -> its (row, column) keys in the model.
    t3_grid puts line i at grid row 3+i and column j after three label columns; t4_grid puts its
    one data row at grid row 3, group g's column k at g*width+k (layout.py)."""
    keys: dict[tuple[str, int, int], tuple[str, str]] = {}
    for i, line in enumerate(t3_lines(report, template)):
        for j, col in enumerate(template.t3_columns):
            keys[("t3", 3 + i, 3 + j)] = (line.key, col.key)
    width = len(template.t4_columns)
    for g, group in enumerate(template.t4_groups):
        for k, col in enumerate(template.t4_columns):
            keys[("t4", 3, g * width + k)] = (group.key, col.key)
    return keys


def _cell(grid: Grid, cell: Cell, href: str | None) -> str:
    tag = "th" if cell.header else "td"
    attrs = ""
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    if cell.align == "left":
        attrs += ' class="label"'
    text = escape(cell.text)
    if href and cell.text:
        text = format_html(
            '<a href="{}" data-cell="{}-{}-{}">{}</a>',
            href,
            grid.key,
            cell.row,
            cell.col,
            cell.text,
        )
    return f"<{tag}{attrs}>{text}</{tag}>"


def render_tables(report: Report, link_for: LinkFor | None = None) -> dict[str, SafeString]:
    """Each printed table ("t2", "t3", "t4") as an HTML <table>, figures linked where link_for says."""
    template = template_of(report)
    keys = cell_keys(report, template)
    out = {}
    for key, grid in grids(report, template).items():
        rows = []
        for r in range(grid.rows):
            cells = []
            for cell in grid.row_cells(r):
                href = None
                if link_for and not cell.header and (key, cell.row, cell.col) in keys:
                    href = link_for(key, *keys[(key, cell.row, cell.col)])
                cells.append(_cell(grid, cell, href))
            rows.append("<tr>" + "".join(cells) + "</tr>")
        out[key] = mark_safe(
            f'<table class="official" data-table="{key}">' + "".join(rows) + "</table>"
        )
    return out
