"""The XLSX reader's blocks: workbooks we build here with openpyxl, laid out as offices do."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from gongkai.report import ReportReadError
from gongkai.report.readers import reader_for
from gongkai.report.readers._blocks import TableBlock, TextBlock
from gongkai.report.readers.xlsx import XlsxReader, xlsx_blocks


def _t4(sheet, top: int, values):
    sheet.cell(top, 1, "行政复议")
    sheet.merge_cells(start_row=top, start_column=1, end_row=top, end_column=5)
    sheet.cell(top, 6, "行政诉讼")
    sheet.merge_cells(start_row=top, start_column=6, end_row=top, end_column=15)
    for i, label in enumerate(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]):
        sheet.cell(top + 1, 1 + i, label)
        sheet.merge_cells(start_row=top + 1, start_column=1 + i, end_row=top + 2, end_column=1 + i)
        sheet.cell(top + 2, 6 + i, label)
        sheet.cell(top + 2, 11 + i, label)
    sheet.cell(top + 1, 6, "未经复议直接起诉")
    sheet.merge_cells(start_row=top + 1, start_column=6, end_row=top + 1, end_column=10)
    sheet.cell(top + 1, 11, "复议后起诉")
    sheet.merge_cells(start_row=top + 1, start_column=11, end_row=top + 1, end_column=15)
    for i, value in enumerate(values):
        sheet.cell(top + 3, 1 + i, value)


def _t2(sheet, top: int):
    sheet.cell(top, 1, "第二十条第（五）项")
    sheet.merge_cells(start_row=top, start_column=1, end_row=top, end_column=2)
    sheet.cell(top + 1, 1, "信息内容")
    sheet.cell(top + 1, 2, "本年处理决定数量")
    sheet.cell(top + 2, 1, "行政许可")
    sheet.cell(top + 2, 2, 308)


def _bytes(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _check_t4(table: TableBlock):
    assert table.rows[0] == ["行政复议", "行政诉讼"]
    assert table.rows[1] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
        "未经复议直接起诉",
        "复议后起诉",
    ]
    assert len(table.rows[2]) == 10
    assert table.rows[3][:5] == ["1", "0", "", "1", "2"] and len(table.rows[3]) == 15


def test_it_reads_one_sheet_per_table():
    book = openpyxl.Workbook()
    first = book.active
    first.title = "表二"
    first.cell(1, 1, "二、主动公开政府信息情况")
    _t2(first, 2)
    second = book.create_sheet("表四")
    second.cell(1, 1, "四、政府信息公开行政复议、行政诉讼情况")
    _t4(second, 2, [1, 0, None, 1, 2, *[0] * 10])
    blocks = xlsx_blocks(_bytes(book), "t.xlsx")
    assert [type(b) for b in blocks] == [TextBlock, TableBlock, TextBlock, TableBlock]
    assert blocks[0].text == "二、主动公开政府信息情况"
    assert blocks[1].rows == [
        ["第二十条第（五）项"],
        ["信息内容", "本年处理决定数量"],
        ["行政许可", "308"],
    ]
    _check_t4(blocks[3])


def test_it_reads_all_tables_on_one_sheet_separated_by_empty_rows():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.cell(1, 1, "某局2024年政府信息公开工作年度报告")
    _t2(sheet, 3)
    sheet.cell(7, 1, "四、政府信息公开行政复议、行政诉讼情况")  # heading right above the table
    _t4(sheet, 8, [1, 0, None, 1, 2, *[0] * 10])
    blocks = xlsx_blocks(_bytes(book), "t.xlsx")
    assert [type(b) for b in blocks] == [TextBlock, TableBlock, TextBlock, TableBlock]
    assert blocks[2].text == "四、政府信息公开行政复议、行政诉讼情况"
    _check_t4(blocks[3])


def test_it_keeps_a_table_that_does_not_start_in_column_a_aligned():
    book = openpyxl.Workbook()
    sheet = book.active
    for r, row in enumerate(
        [["信息内容", "本年处理决定数量"], ["行政处罚", None], ["行政强制", 5]], 2
    ):
        for c, value in enumerate(row, 3):
            sheet.cell(r, c, value)
    (table,) = xlsx_blocks(_bytes(book), "t.xlsx")
    assert table.rows == [["信息内容", "本年处理决定数量"], ["行政处罚", ""], ["行政强制", "5"]]


def test_it_refuses_a_truncated_workbook():
    book = openpyxl.Workbook()
    book.active.cell(1, 1, "x")
    data = _bytes(book)[:300]
    with pytest.raises(ReportReadError) as err:
        reader_for(data, "t.xlsx").read(data, "t.xlsx")
    assert "损坏" in err.value.reason


def test_it_refuses_a_zip_without_the_workbook_part():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/styles.xml", "<styleSheet/>")
    data = out.getvalue()
    assert reader_for(data, "t.xlsx").name == "xlsx"
    with pytest.raises(ReportReadError) as err:
        XlsxReader().read(data, "t.xlsx")
    assert "xl/workbook.xml" in err.value.reason


def test_it_repeats_a_zero_merged_down_but_no_other_merged_value():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.cell(1, 1, "（六）其他处理")
    sheet.merge_cells("A1:A3")
    for r, label in enumerate(["1.逾期不补正", "2.逾期未缴费", "3.其他"], 1):
        sheet.cell(r, 2, label)
    sheet.cell(1, 3, 0)
    sheet.merge_cells("C1:C3")
    sheet.cell(1, 4, 5)
    sheet.merge_cells("D1:D2")
    sheet.cell(3, 4, 7)
    (table,) = xlsx_blocks(_bytes(book), "t.xlsx")
    assert table.rows == [
        ["（六）其他处理", "1.逾期不补正", "0", "5"],
        ["2.逾期未缴费", "0"],
        ["3.其他", "0", "7"],
    ]
