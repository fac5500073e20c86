"""Rows of an uploaded XLSX sheet, for the imports (the catalogue's 全清单, the 表二 register and
yearly figures): the header's columns, the data rows with their row numbers in the sheet, and
typed cell values whose problems name the sheet, row, column letter and column name.

Problems are collected, not raised, so an import reports every one of them at once.
"""

from __future__ import annotations

import datetime as dt
import io
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from gongkai.report import ReportReadError
from gongkai.report.readers.xlsx import header_and_rows

# The largest count a PositiveIntegerField holds in every database Django supports.
MAX_COUNT = 2_147_483_647


class NotAWorkbook(Exception):
    """The upload is not an XLSX workbook (message in Chinese, for the uploader)."""


def open_workbook(content: bytes):
    try:
        return load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError) as e:
        raise NotAWorkbook(f"文件不是有效的 XLSX 工作簿：{e}") from None


class Sheet:
    def __init__(self, ws, columns: tuple[str, ...], problems: list[str], *, label: str = ""):
        """`columns` are looked for in row 1; `label` names the sheet in problems (a workbook of
        several sheets), left empty for a workbook read from its first sheet only."""
        self.prefix = f"工作表「{label}」" if label else ""
        self.problems = problems
        # Read as the report reader reads a sheet (bounded: one <row r="1e9"> is not a billion
        # rows); blank rows are skipped, the others keep their number in the sheet.
        try:
            header, self.rows = header_and_rows(ws, label or "xlsx")
        except ReportReadError as exc:
            header, self.rows = [], []
            problems.append(f"{self.prefix}：{exc.reason}" if self.prefix else exc.reason)
            self.unreadable = True
        else:
            self.unreadable = False
        self.index = {name: header.index(name) for name in columns if name in header}
        self.missing = [] if self.unreadable else [n for n in columns if n not in self.index]

    def where(self, n: int, col: str) -> str:
        return f"{self.prefix}第{n}行第{get_column_letter(self.index[col] + 1)}列「{col}」"

    def value(self, row, col) -> object:
        """The cell, stripped when text; None when the column is not in the sheet."""
        i = self.index.get(col)
        v = row.get(i) if i is not None else None
        return v.strip() if isinstance(v, str) else v

    def text(self, row, col) -> str:
        v = self.value(row, col)
        return "" if v is None else str(v)

    def date(self, n, row, col, *, required: bool = False) -> dt.date | None:
        v = self.value(row, col)
        if v in (None, ""):
            if required:
                self.problems.append(f"{self.where(n, col)}：不能为空。")
            return None
        if isinstance(v, dt.datetime):
            return v.date()
        if isinstance(v, dt.date):
            return v
        try:
            return dt.date.fromisoformat(str(v).replace("/", "-").replace(".", "-"))
        except ValueError:
            self.problems.append(f"{self.where(n, col)}：“{v}”不是日期（应为 2025-03-01 形式）。")
            return None

    def count(self, n, row, col) -> int | None:
        """A non-negative whole number; an empty cell is 0."""
        v = self.value(row, col)
        if v in (None, ""):
            return 0
        # str.isdigit() alone also takes "²" and 5,000-digit strings, which int() refuses.
        if isinstance(v, bool) or not (
            isinstance(v, int)
            or (isinstance(v, float) and v.is_integer())
            or (str(v).isascii() and str(v).isdigit())
        ):
            self.problems.append(f"{self.where(n, col)}：“{v}”不是非负整数。")
            return None
        value = int(v) if len(str(v)) <= 12 else MAX_COUNT + 1
        if value < 0:
            self.problems.append(f"{self.where(n, col)}：不能为负数。")
            return None
        if value > MAX_COUNT:
            self.problems.append(
                f"{self.where(n, col)}：“{v}”超出可填写的范围（最大 {MAX_COUNT}）。"
            )
            return None
        return value

    def choice(self, n, row, col, accepted: dict, default: str = "") -> str:
        """One of `accepted` (spelling -> value); `default` when empty."""
        v = self.text(row, col)
        if not v:
            return default
        if v in accepted:
            return accepted[v]
        self.problems.append(f"{self.where(n, col)}：“{v}”不是可选的值。")
        return default
