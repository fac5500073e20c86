"""Provisional holiday schedules for years whose notice is not out yet, and reading a notice
pasted as text (gongkai.deadlines.provisional, gongkai.deadlines.notice_text)."""

from __future__ import annotations

from datetime import date

import chinese_calendar
import pytest

from gongkai.deadlines import (
    CaseHistory,
    HolidayTableError,
    HolidayYear,
    UnknownYearError,
    WorkingCalendar,
    compute_deadline,
)
from gongkai.deadlines.notice_text import parse_notice
from gongkai.deadlines.provisional import provisional_year, statutory_festivals

# The State Council notice for 2026 (国办发明电〔2025〕7号) as published, the preamble included.
NOTICE_2026 = """国务院办公厅关于2026年部分节假日安排的通知
国办发明电〔2025〕7号
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。
"""


def _package(year: int) -> tuple[set[date], set[date]]:
    return (
        {d for d in chinese_calendar.holidays if d.year == year},
        {d for d in chinese_calendar.workdays if d.year == year},
    )


# -- the statutory festivals ------------------------------------------------------------------


@pytest.mark.parametrize("year", [2025, 2026])
def test_it_places_every_statutory_festival_inside_the_published_breaks(year):
    # 第二条's days are days off in every published notice (the notice adds bridges and 调休).
    holidays, _ = _package(year)
    for name, days in statutory_festivals(year).items():
        assert set(days) <= holidays, (year, name, days)


def test_it_computes_the_lunar_festivals_and_qingming():
    festivals = statutory_festivals(2027)
    assert festivals["春节"] == [
        date(2027, 2, 5),
        date(2027, 2, 6),
        date(2027, 2, 7),
        date(2027, 2, 8),
    ]  # 除夕 to 初三
    assert festivals["清明节"] == [date(2027, 4, 5)]
    assert festivals["端午节"] == [date(2027, 6, 9)]
    assert festivals["中秋节"] == [date(2027, 9, 15)]
    assert statutory_festivals(2028)["清明节"] == [date(2028, 4, 4)]


def test_it_makes_up_a_festival_day_on_a_weekend_after_the_festival():
    year = provisional_year(2027)
    assert year.provisional and "全国年节及纪念日放假办法" in year.notice
    # 1–3 October 2027: Friday, Saturday, Sunday → made up on Monday 4 and Tuesday 5 October.
    assert [d for d, n in year.holidays.items() if d.month == 10] == [
        date(2027, 10, d) for d in range(1, 6)
    ]
    assert year.holidays[date(2027, 10, 4)] == "国庆节（补假）"
    assert not year.workdays  # 调休 is decided by the notice alone


def test_it_counts_provisionally_only_when_asked_and_says_which_years():
    case = CaseHistory(received=date(2026, 12, 7))
    with pytest.raises(UnknownYearError):
        compute_deadline(case, WorkingCalendar())
    deadline = compute_deadline(case, WorkingCalendar(provisional=True))
    # 20 working days from 8 December 2026, 1 January 2027 off: 5 January 2027.
    assert deadline.due == date(2027, 1, 5)
    assert deadline.provisional_years == (2027,)
    assert "2027年节假日安排尚未录入" in deadline.provisional
    assert any("（暂定）" in line for line in deadline.explanation)
    assert deadline.to_dict()["provisional_years"] == [2027]
    known = compute_deadline(
        CaseHistory(received=date(2026, 3, 2)), WorkingCalendar(provisional=True)
    )
    assert known.provisional_years == () and known.provisional == ""


def test_it_prefers_an_entered_notice_to_the_provisional_schedule():
    entered = HolidayYear(
        2027,
        "国办发明电〔2026〕测试号",
        holidays={date(2027, 1, 1): "元旦", date(2027, 1, 4): "元旦"},
    )

    class Table:
        def holiday_year(self, year):
            return entered if year == 2027 else None

    deadline = compute_deadline(
        CaseHistory(received=date(2026, 12, 7)), WorkingCalendar(Table(), provisional=True)
    )
    assert deadline.provisional_years == () and deadline.due == date(2027, 1, 6)


def test_it_does_not_guess_years_before_the_current_version_of_the_law():
    calendar = WorkingCalendar(use_package=False, provisional=True)
    with pytest.raises(UnknownYearError):
        calendar.is_workday(date(2024, 5, 6))
    assert not calendar.is_workday(date(2027, 5, 3))  # 劳动节 on a weekend, made up on Monday


# -- the pasted notice -------------------------------------------------------------------------


def test_it_reads_the_2026_notice_exactly_as_the_package_transcribes_it():
    holidays, workdays = parse_notice(NOTICE_2026, 2026)
    assert (set(holidays), set(workdays)) == _package(2026)
    assert holidays[date(2026, 2, 23)] == "春节" and holidays[date(2026, 10, 7)] == "国庆节"
    HolidayYear(
        2026, "国办发明电〔2025〕7号", holidays=holidays, workdays=workdays
    )  # a valid schedule


def test_it_reads_plain_ranges_and_lists():
    holidays, workdays = parse_notice(
        "2027-10-01至2027-10-07 国庆节\n调休上班：2027-09-26、2027/10/9\n元旦：2027年1月1日", 2027
    )
    assert list(holidays) == [date(2027, 10, d) for d in range(1, 8)] + [date(2027, 1, 1)]
    assert set(holidays.values()) == {"国庆节", "元旦"}
    assert workdays == {date(2027, 9, 26), date(2027, 10, 9)}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("国务院办公厅\n2026年11月4日", "第2行"),
        ("春节：2月30日放假", "不是有效日期"),
        ("国庆节：10月7日至1日放假", "结束早于开始"),
        ("春节：至23日放假", "缺少月份"),
        ("只有文字没有日期", "没有读到任何日期"),
    ],
)
def test_it_names_the_line_it_cannot_read(text, message):
    with pytest.raises(HolidayTableError, match=message):
        parse_notice(text, 2026)
