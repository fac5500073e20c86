"""The staff list as a file: CSV or XLSX, with the due date and the state.

ID numbers are always masked in exports; contact phones are masked unless the reader handles the
agency's cases (gongkai.applications.personal). Spreadsheet programs run text that starts like a
formula (`=HYPERLINK(...)` typed as an applicant's name): the CSV prefixes such text with an
apostrophe, the XLSX stores every text as a string cell, never as a formula (OWASP, "CSV
Injection").
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Iterable, Iterator

from django.http import FileResponse, StreamingHttpResponse

from .deadline import stored_due_info
from .identifiers import mask_id_number
from .personal import mask_phone

HEADER = [
    "申请编号",
    "受理机关",
    "申请人类型",
    "申请人",
    "证件号码",
    "联系电话",
    "提交方式",
    "收到申请之日",
    "状态",
    "答复期限",
    "期限情况",
    "承办人",
    "办理结果",
    "答复日期",
]
# The columns a row reads; the rest of the record is not loaded.
FIELDS = (
    "number",
    "agency__name",
    "applicant_type",
    "applicant_name",
    "id_number",
    "contact_phone",
    "channel",
    "received_on",
    "state",
    "answer_due_on",
    "answer_due_error",
    "handler__username",
    "handler__first_name",
    "handler__last_name",
    "outcome",
    "replied_on",
)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text a spreadsheet would read as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _due_note(info) -> str:
    if info.error:
        return "无法计算：" + info.error
    if info.days_left is None:
        return ""
    return "已逾期" if info.overdue else f"剩余{info.days_left}个工作日"


def rows(apps: Iterable, access, calendar, today: dt.date) -> Iterator[list]:
    """One list of cell values per application (dates as dates)."""
    for app in apps:
        info = stored_due_info(app, calendar, today)
        handler = app.handler
        yield [
            app.number,
            app.agency.name,
            app.get_applicant_type_display(),
            app.applicant_name,
            mask_id_number(app.id_number),
            app.contact_phone
            if access.sees_personal_data(app.agency_id)
            else mask_phone(app.contact_phone),
            app.get_channel_display(),
            app.received_on,
            app.get_state_display(),
            info.due_on,
            _due_note(info),
            (handler.get_full_name() or handler.get_username()) if handler else "",
            app.get_outcome_display() if app.outcome else "",
            app.replied_on,
        ]


class _Echo:
    def write(self, value):
        return value


def csv_response(table: Iterable[list], filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # Excel opens UTF-8 CSV correctly only with a BOM
        yield writer.writerow(HEADER)
        for row in table:
            yield writer.writerow(
                [neutralise(v.isoformat() if isinstance(v, dt.date) else v) for v in row]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(
    table: Iterable[list],
    filename: str,
    *,
    header: list[str] = HEADER,
    title: str = "申请",
    widths: Iterable[int] = (22, 24, 12, 20, 22, 16, 16, 14, 14, 14, 20, 12, 30, 14),
) -> FileResponse:
    """Any list as XLSX (the catalogue's lists too): text always as text, dates as dates."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.freeze_panes = "A2"
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    bold = Font(bold=True)

    def cell(value):
        c = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            c.data_type = "s"  # text stays text: "=HYPERLINK(…)" is not a formula here
        elif isinstance(value, dt.date):
            c.number_format = "yyyy-mm-dd"
        return c

    first = [cell(v) for v in header]
    for c in first:
        c.font = bold
    sheet.append(first)
    for row in table:
        sheet.append([cell(v) for v in row])
    out = tempfile.TemporaryFile()
    book.save(out)
    out.seek(0)
    return FileResponse(
        out,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
