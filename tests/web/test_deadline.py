"""An application's due date: the Django record fed to gongkai.deadlines, with the admin table
overriding the chinese-calendar package for the years it holds."""

from __future__ import annotations

import datetime as dt

from gongkai.applications import services
from gongkai.applications.choices import State
from gongkai.applications.deadline import due_info
from gongkai.holidays.models import HolidayYear, SpecialDay
from gongkai.holidays.table import working_calendar

from .conftest import RECEIVED


def test_it_counts_twenty_working_days_from_the_day_after_receipt(world):
    app = world.application(State.IN_REVIEW)
    info = due_info(app, working_calendar(), today=RECEIVED)
    # Monday 3 March 2025 + 20 working days (no holiday in March) = Monday 31 March.
    assert info.due_on == dt.date(2025, 3, 31)
    assert info.days_left == 20 and not info.overdue
    assert any("第三十三条" in line for line in info.explanation)


def test_it_lets_the_admin_table_override_the_package_for_its_year(world):
    year = HolidayYear.objects.create(year=2025, source="测试用安排")
    SpecialDay.objects.create(
        holiday_year=year, date=dt.date(2025, 3, 10), kind="holiday", name="测试假日"
    )
    app = world.application(State.IN_REVIEW)
    info = due_info(app, working_calendar(), today=RECEIVED)
    # 10 March no longer counts, and the table has none of 2025's real holidays either.
    assert info.due_on == dt.date(2025, 4, 1)
    assert any("测试假日" in line for line in info.explanation)
    assert any("测试用安排" in line for line in info.explanation)


def test_it_counts_a_year_nobody_has_entered_provisionally_and_says_so(world, today):
    today(dt.date(2027, 3, 1))
    app = world.application(State.IN_REVIEW, submitted_on=dt.date(2027, 3, 1))  # a Monday
    info = due_info(app, working_calendar(), today=dt.date(2027, 3, 1))
    # 清明 falls on Monday 5 April 2027 (the statutory day off): 20 working days end on 30 March.
    assert info.due_on == dt.date(2027, 3, 29)
    assert "2027年节假日安排尚未录入" in info.provisional and not info.error
    assert any("暂定" in line for line in info.explanation)


def test_it_adds_the_approved_extension_and_leaves_out_consultation_time(world):
    app = world.application(State.IN_REVIEW)
    services.start_consultation(
        app,
        actor=world.handler,
        party_kind="third_party",
        party_name="某公司",
        sent_on=dt.date(2025, 3, 10),
    )
    paused = due_info(app, working_calendar(), today=dt.date(2025, 3, 12))
    assert paused.due_on is None  # the clock stands still while the consultation runs
    services.end_consultation(app, actor=world.handler, answered_on=dt.date(2025, 3, 14))  # Mon–Fri
    cal = working_calendar()
    assert due_info(app, cal, RECEIVED).due_on == cal.add_working_days(RECEIVED, 25)
    services.request_extension(
        app, actor=world.handler, days=10, reason="r", on=dt.date(2025, 3, 17)
    )
    services.approve_extension(
        app, actor=world.approver, on=dt.date(2025, 3, 18), notified_on=dt.date(2025, 3, 18)
    )
    info = due_info(app, cal, RECEIVED)
    assert info.due_on == cal.add_working_days(RECEIVED, 35)
    assert any("延长答复期限10个工作日" in line for line in info.explanation)


def test_it_has_no_due_date_while_awaiting_correction_and_restarts_after(world):
    app = world.application(State.AWAITING_CORRECTION)
    assert due_info(app, working_calendar(), RECEIVED).due_on is None
    services.receive_correction(app, actor=world.registrar, on=dt.date(2025, 3, 20))
    cal = working_calendar()
    assert due_info(app, cal, RECEIVED).due_on == cal.add_working_days(dt.date(2025, 3, 20), 20)


def test_it_marks_open_applications_overdue_after_the_due_day_only(world):
    app = world.application(State.IN_REVIEW)
    cal = working_calendar()
    assert not due_info(app, cal, dt.date(2025, 3, 31)).overdue
    assert due_info(app, cal, dt.date(2025, 4, 1)).overdue
    closed = world.application(State.REPLIED)
    assert not due_info(closed, cal, dt.date(2025, 12, 1)).overdue
