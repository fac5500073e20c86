"""The answer deadline of one application, with the reasons, in Chinese, for staff to check.

《条例》第三十三条: 20 working days from receipt, extended by at most 20 with the consent of the head
of the GIO body; time spent consulting third parties and other agencies is not counted.
第三十条: after 补正 the period runs from receipt of the corrected application.
Counting starts the working day after the day of receipt (common practice; statute.md §6 marks
the national convention UNVERIFIED).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

ANSWER_PERIOD = 20  # working days, 第三十三条第二款
MAX_EXTENSION = 20  # working days, 第三十三条第二款
CORRECTION_NOTICE_PERIOD = 7  # working days, 第三十条


class WorkingCalendar(Protocol):
    def is_working_day(self, day: dt.date) -> bool: ...

    def knows_year(self, year: int) -> bool: ...


def add_working_days(start: dt.date, days: int, calendar: WorkingCalendar) -> dt.date:
    """The date on which the n-th working day after `start` falls."""
    day = start
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return day


def working_days_between(start: dt.date, end: dt.date, calendar: WorkingCalendar) -> int:
    """Working days in (start, end]."""
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day):
            count += 1
    return count


@dataclass
class DueDate:
    due_on: dt.date | None
    explanation: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _fmt(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def due_date(application, calendar: WorkingCalendar, today: dt.date) -> DueDate:
    """When the reply to `application` is due, and why."""
    app = application
    lines: list[str] = []
    warnings: list[str] = []
    lines.append(f"收到申请之日为{_fmt(app.received_on)}（{app.get_channel_display()}，《条例》第三十一条）。")
    if app.correction_requested_on and not app.correction_received_on:
        due = app.correction_due_on
        lines.append(
            f"已于{_fmt(app.correction_requested_on)}告知补正，补正期限至{_fmt(due)}；"
            "答复期限自收到补正申请之日起重新计算（《条例》第三十条）。"
        )
        return DueDate(None, lines, warnings)
    start = app.clock_start
    if app.correction_received_on:
        lines.append(f"于{_fmt(app.correction_received_on)}收到补正申请，答复期限自该日起计算（《条例》第三十条）。")
    total = ANSWER_PERIOD
    lines.append(f"答复期限为{ANSWER_PERIOD}个工作日，自次日起算（《条例》第三十三条第二款）。")
    if app.extension_days:
        total += app.extension_days
        lines.append(f"经政府信息公开工作机构负责人同意延长{app.extension_days}个工作日（《条例》第三十三条第二款）。")
    paused = 0
    for consultation in app.consultations.all():
        end = consultation.answered_on or today
        if end <= start:
            continue
        days = working_days_between(max(consultation.sent_on, start), end, calendar)
        paused += days
        state = f"至{_fmt(consultation.answered_on)}" if consultation.answered_on else "尚未结束"
        lines.append(
            f"{_fmt(consultation.sent_on)}书面征求{consultation.party_name}意见，{state}，"
            f"{days}个工作日不计入答复期限（《条例》第三十三条第三款）。"
        )
    due = add_working_days(start, total + paused, calendar)
    for year in sorted({start.year, due.year}):
        if not calendar.knows_year(year):
            warnings.append(f"节假日表中没有{year}年的安排，该年只按周末计算，请管理员补录。")
    if app.art35_deadline:
        due = app.art35_deadline
        lines.append(f"依照《条例》第三十五条确定延迟答复期限至{_fmt(due)}。")
    lines.append(f"答复期限届满日为{_fmt(due)}。")
    return DueDate(due, lines, warnings)
