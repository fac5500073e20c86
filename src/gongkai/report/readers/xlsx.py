"""Workbooks offices use to collect the three tables (one sheet per table, or all on one sheet).

Sheets are read in order; on each, runs of non-empty rows separated by empty rows are blocks. A
run whose rows each hold at most one value is text (titles, headings, narrative); any other run is
a table, less the heading lines above its first real row. Cells covered by a merged range, except
its top-left cell, are not repeated (a merged "0" counts in every row it covers, as in html.py).

openpyxl reads in read-only mode (normal mode spends most of its time restyling merged cells);
read-only mode does not expose merged ranges, so they are read from each sheet's <mergeCell>
elements directly. Values are the ones Excel cached (data_only).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from bisect import bisect_left, bisect_right

from ..errors import ReportReadError
from ..model import Report
from ._blocks import Block, TableBlock, TextBlock, assemble, clean_cell, clean_line
from ._zip import XLSX_MAIN, open_zip, read_zip, zip_format, zip_kind
from .base import register

# A "basic information" block: label | value rows naming the report (机关名称 | 某局 …).
_INFO = {
    "机关名称": "agency", "单位名称": "agency", "填报单位": "agency", "报送单位": "agency",
    "报告年度": "year", "年度": "year", "统计年度": "year",
    "报告标题": "title", "标题": "title",
}  # fmt: skip
_INFO_OTHER = {"表格格式", "格式文件", "填报人", "联系电话", "填报日期"}
_HEADING = re.compile(r"^\s*([一二三四五六]、|表[一二三四]|.*年度报告)")


def _value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return clean_cell(str(value))


_NOT_XLSX = f"不是 Excel 工作簿：压缩包中没有 {XLSX_MAIN}（XLSX 文件可能已损坏）"


def xlsx_blocks(data: bytes, source: str) -> list[Block]:
    archive = open_zip(data, source)
    if XLSX_MAIN not in archive.NameToInfo:
        raise ReportReadError(source, _NOT_XLSX)
    return _read_book(archive, data, source)[0]


def _read_book(
    archive: zipfile.ZipFile, data: bytes, source: str
) -> tuple[list[Block], dict[str, str]]:
    import io

    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged parts; all mean the same
        raise ReportReadError(
            source, f"文件已损坏：无法读取 Excel 工作簿（{type(exc).__name__}: {exc}）"
        ) from None
    blocks: list[Block] = []
    info: dict[str, str] = {}
    try:
        for sheet in book.worksheets:
            merged = _merged_ranges(archive.read(sheet._worksheet_path))
            blocks.extend(_sheet_blocks(sheet_cells(sheet, source), merged, info))
    except ReportReadError:
        raise
    except Exception as exc:  # a damaged sheet part
        raise ReportReadError(
            source, f"文件已损坏：无法读取工作表（{type(exc).__name__}: {exc}）"
        ) from None
    finally:
        book.close()
    return blocks, info


# Excel's sheets end at row 1,048,576; a row numbered outside 1 … 1,048,576 is damage.
_MAX_ROW = 1_048_576


def sheet_cells(sheet, source: str):
    """Each cell a sheet's XML holds (row, column, value), as openpyxl's sheet parser reads it.

    Not `sheet.iter_rows()`: it yields an empty row for every row number the sheet skips, so one
    <row r="1e9"> or r="９９…９" (int() reads fullwidth digits) is a billion rows, and it pads
    every row out to its last column. The parser yields only the rows the XML holds.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    book = sheet.parent
    part = sheet._worksheet_path
    with sheet._get_source() as xml:
        parser = WorkSheetParser(
            xml,
            sheet._shared_strings,
            data_only=book.data_only,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            if not 1 <= number <= _MAX_ROW:
                shown = str(number)
                raise ReportReadError(
                    source,
                    f"文件已损坏：{part} 中的行号 {shown[:20]}{'…' if len(shown) > 20 else ''}"
                    f" 超出 Excel 的行号范围 1–{_MAX_ROW}",
                )
            for cell in cells:
                yield cell["row"], cell["column"], cell["value"]


def header_and_rows(sheet, source: str) -> tuple[list[str], list[tuple[int, dict[int, object]]]]:
    """A sheet whose first row names its columns (the import templates of the catalogue and the
    register): the names, and each later row holding a value as (row number, {column index from
    0: value}). Read from the sheet parser as the report reader reads (`sheet_cells`), not by
    `iter_rows`: one <row r="1e9"> in a sheet without a <dimension> made that a billion rows, and a
    cell in column XFD made every row 16,384 wide. ReportReadError for a row past Excel's last."""
    rows: dict[int, dict[int, object]] = {}
    try:
        for row, column, value in sheet_cells(sheet, source):
            rows.setdefault(row, {})[column - 1] = value
    except ReportReadError:
        raise
    except Exception as exc:  # a damaged sheet part: openpyxl and lxml raise many types
        raise ReportReadError(
            source, f"文件已损坏：无法读取工作表（{type(exc).__name__}: {exc}）"
        ) from None
    first = rows.pop(1, {})
    header = [
        "" if first.get(i) is None else str(first[i]).strip()
        for i in range(max(first, default=-1) + 1)
    ]
    return header, [
        (n, cells)
        for n, cells in sorted(rows.items())
        if any(v not in (None, "") for v in cells.values())
    ]


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _merged_ranges(sheet_xml: bytes) -> list[tuple[int, int, int, int]]:
    """(min_row, min_col, max_row, max_col) of every merged range of a sheet."""
    return [
        (int(r1), _column(c1), int(r2), _column(c2)) for c1, r1, c2, r2 in _MERGE.findall(sheet_xml)
    ]


def _sheet_blocks(cells, merged, info: dict[str, str]) -> list[Block]:
    values: dict[int, dict[int, str]] = {}
    for row, column, value in cells:  # every cell the sheet holds, whatever its <dimension> says
        text = _value(value)
        if text:
            values.setdefault(row, {})[column] = text
    if not values:
        return []
    rows = sorted(values)
    first_col = min(min(cols) for cols in values.values())
    last_col = max(max(cols) for cols in values.values())
    covered: dict[tuple[int, int], tuple[int, int]] = {}  # covered cell -> its merge anchor
    for min_row, min_col, max_row, max_col in merged:
        # Only cells of rows holding values, between the columns holding values, are looked up:
        # a damaged sheet may merge A1:XFD1048576 (17 billion cells).
        for row in rows[bisect_left(rows, min_row) : bisect_right(rows, max_row)]:
            for col in range(max(min_col, first_col), min(max_col, last_col) + 1):
                if (row, col) != (min_row, min_col):
                    covered[(row, col)] = (min_row, min_col)

    blocks: list[Block] = []
    run: list[int] = []
    for r in rows:  # runs of consecutive rows (not range(1, last row): a cell may say row 99999999)
        if run and r != run[-1] + 1:
            blocks.extend(_run_blocks(run, values, covered, info))
            run = []
        run.append(r)
    blocks.extend(_run_blocks(run, values, covered, info))
    return blocks


def _run_blocks(
    rows: list[int], values: dict[int, dict[int, str]], covered, info: dict[str, str]
) -> list[Block]:
    def anchor_text(r: int, c: int) -> str:
        ar, ac = covered[(r, c)]
        return values.get(ar, {}).get(ac, "")

    pairs = [list(values[r].values()) for r in rows]
    # A label whose value cell is empty (an agency the report never named) is still an info row.
    if all(len(p) in (1, 2) for p in pairs) and all(
        p[0].rstrip("：:") in _INFO or p[0].rstrip("：:") in _INFO_OTHER for p in pairs
    ):
        for label, *value in pairs:
            key = _INFO.get(label.rstrip("：:"))
            if key and value and value[0]:
                info.setdefault(key, value[0])
        return []
    if all(len(values[r]) <= 1 for r in rows):
        return [TextBlock(clean_line(next(iter(values[r].values())))) for r in rows]
    lo = min(min(values[r]) for r in rows)
    hi = max(max(values[r]) for r in rows)
    blocks: list[Block] = []
    table: list[list[str]] = []
    for r in rows:
        if not table and len(values[r]) == 1 and _HEADING.match(next(iter(values[r].values()))):
            blocks.append(TextBlock(clean_line(next(iter(values[r].values())))))
            continue
        cells = []
        for c in range(lo, hi + 1):
            if (r, c) in covered:
                ar, ac = covered[(r, c)]
                if ac == c and anchor_text(r, c) == "0":
                    cells.append("0")
                continue
            cells.append(values.get(r, {}).get(c, ""))
        table.append(cells)
    if table:
        blocks.append(TableBlock(table))
    return blocks


class XlsxReader:
    name = "xlsx"

    def sniff(self, head: bytes) -> int:
        return 90 if zip_kind(head) == "xlsx" else 0

    def read(self, data: bytes, source: str) -> Report:
        return read_zip(data, source, XLSX_MAIN)


def _read_archive(archive: zipfile.ZipFile, data: bytes, source: str) -> Report:
    blocks, info = _read_book(archive, data, source)
    title = info.get("title")
    if not title and info.get("agency") and info.get("year"):
        title = f"{info['agency']}{info['year']}年政府信息公开工作年度报告"
    report = assemble(blocks, source, title=title, agency=info.get("agency"))
    year = info.get("year", "")
    # isdigit() alone also takes "²" and 5000-digit strings, which int() refuses.
    if report.year is None and year.isascii() and year.isdigit() and len(year) == 4:
        report.year = int(year)  # 报告年度 when the title does not carry the year
    return report


zip_format(XLSX_MAIN, _read_archive, _NOT_XLSX)
register(XlsxReader())
