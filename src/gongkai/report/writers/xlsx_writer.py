"""The report's tables as an XLSX workbook (openpyxl), the way a supervising office collects them.

Sheets: 基本信息 (agency, year, template), then 表二, 表三, 表四, each holding its table from A1
with the header cells merged as the template prints them. Figures are numbers, blank cells are
empty (never 0), labels are text exactly as printed.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from ..model import Report
from .base import Writer, register
from .layout import TABLE_NAMES, Grid, grids, template_of, title_of

INFO_SHEET = "基本信息"
# Label rows of the 基本信息 sheet (column A), values in column B.
INFO_LABELS = ("机关名称", "报告年度", "表格格式", "格式文件", "报告标题")
# Total width of a table in Excel character units (about an A4 portrait line); columns share it
# by the layout's widths. 表四's fifteen columns print on landscape A4.
TABLE_WIDTH_CHARS = 100
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = Font(name="宋体", size=10.5)


def _info(ws, report: Report) -> None:
    template = template_of(report)
    values = (
        report.agency,
        report.year,
        template.key,
        f"{template.name}（{template.document}）",
        title_of(report),
    )
    for i, (label, value) in enumerate(zip(INFO_LABELS, values, strict=True), start=1):
        ws.cell(i, 1, label).font = Font(name="宋体", size=10.5, bold=True)
        ws.cell(i, 2, value).font = _FONT
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 60
    _print_setup(ws, landscape=False)


def _sheet(ws, grid: Grid) -> None:
    for i, w in enumerate(grid.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(6.0, round(TABLE_WIDTH_CHARS * w, 1))
    for r in range(1, grid.rows + 1):
        for c in range(1, grid.columns + 1):
            ws.cell(r, c).border = _BORDER  # every position, so merged cells keep their frame
    for cell in grid.cells:
        target = ws.cell(cell.row + 1, cell.col + 1)
        if cell.header:
            target.value = cell.text
        else:
            target.value = cell.value  # None leaves the cell empty
        target.font = Font(name="宋体", size=10.5, bold=cell.strong)
        target.alignment = Alignment(horizontal=cell.align, vertical="center", wrap_text=True)
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(
                start_row=cell.row + 1,
                start_column=cell.col + 1,
                end_row=cell.row + cell.rowspan,
                end_column=cell.col + cell.colspan,
            )
    _row_heights(ws, grid)
    if grid.header_rows:
        ws.freeze_panes = ws.cell(grid.header_rows + 1, 1)
        ws.print_title_rows = f"1:{grid.header_rows}"
    _print_setup(ws, landscape=grid.columns > 10)


def _row_heights(ws, grid: Grid) -> None:
    """Heights for wrapped labels: spreadsheets do not grow a row to fit wrapped text on opening
    unless told, so a long label would spill over its neighbours. A Chinese character of 10.5pt
    type takes about 1.8 width units; a line about 14pt."""
    widths = [ws.column_dimensions[get_column_letter(i + 1)].width for i in range(grid.columns)]
    lines = [1] * grid.rows
    for cell in grid.cells:
        if cell.rowspan > 1 or not cell.text:
            continue
        per_line = max(1, int(sum(widths[cell.col : cell.col + cell.colspan]) / 1.8))
        lines[cell.row] = max(lines[cell.row], -(-len(cell.text) // per_line))
    for r, n in enumerate(lines, start=1):
        ws.row_dimensions[r].height = 14 * n + 4


def _print_setup(ws, landscape: bool) -> None:
    """A4, one page wide, as many pages tall as needed."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def write(report: Report) -> bytes:
    wb = Workbook()
    info = wb.active
    info.title = INFO_SHEET
    _info(info, report)
    for key, grid in grids(report).items():
        _sheet(wb.create_sheet(TABLE_NAMES[key]), grid)
    wb.properties.title = title_of(report)
    wb.properties.creator = "gongkai"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


register(
    Writer(
        "xlsx",
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        write,
        "Excel 工作簿（XLSX，表二至表四）",
    )
)
