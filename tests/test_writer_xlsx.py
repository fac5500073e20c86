import io

from hypothesis import given, settings
from openpyxl import load_workbook

from gongkai.report.writers import write

from .printed_tables import Printed, Span, check_t2, check_t3, check_t4
from .strategies import reports
from .test_writer_html import with_local_row


def sheet_table(ws) -> Printed:
    """A sheet's table from A1 with merged ranges as spans; cell values kept as typed."""
    merged = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges}
    covered = {
        (r, c)
        for m in merged.values()
        for r in range(m.min_row, m.max_row + 1)
        for c in range(m.min_col, m.max_col + 1)
    }
    spans = []
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column):
        for cell in row:
            key = (cell.row, cell.column)
            if key in merged:
                m = merged[key]
                spans.append(
                    Span(
                        cell.row - 1,
                        cell.column - 1,
                        m.max_row - m.min_row + 1,
                        m.max_col - m.min_col + 1,
                        cell.value,
                    )
                )
            elif key not in covered:
                spans.append(Span(cell.row - 1, cell.column - 1, 1, 1, cell.value))
    return Printed(spans)


def as_stored(value):
    """A figure as the sheet must hold it: the number itself, or an empty cell."""
    return value


@settings(max_examples=10, deadline=None)
@given(reports())
def test_it_writes_one_sheet_per_table_with_numbers_in_place(report):
    report = with_local_row(report)
    wb = load_workbook(io.BytesIO(write(report, "xlsx")))
    assert wb.sheetnames == ["基本信息", "表二", "表三", "表四"]
    tables = {name: sheet_table(wb[name]) for name in ("表二", "表三", "表四")}
    check_t2(tables["表二"], report, as_stored)
    check_t3(tables["表三"], report, as_stored)
    check_t4(tables["表四"], report, as_stored)
    for table in tables.values():
        for span in table.spans:
            assert span.text is None or isinstance(span.text, int | float | str)
    figures = [s.text for s in tables["表四"].spans if s.row == 3]
    assert all(v is None or isinstance(v, int) for v in figures)  # numbers, not text


@settings(max_examples=3, deadline=None)
@given(reports())
def test_it_names_agency_year_and_template_on_the_first_sheet(report):
    ws = load_workbook(io.BytesIO(write(report, "xlsx")))["基本信息"]
    info = {row[0]: row[1] for row in ws.iter_rows(values_only=True)}
    assert info["机关名称"] == report.agency
    assert info["报告年度"] == report.year
    assert info["表格格式"] == report.template
    assert "国办公开办函" in info["格式文件"]
