"""Working-day calendar: chinese-calendar data checked against the notices, override table, unknown years."""

from datetime import date

import pytest

from gongkai.deadlines import (
    HolidayTableError,
    HolidayYear,
    StaticHolidayTable,
    UnknownYearError,
    WorkingCalendar,
)

from .holiday_fixtures import INVENTED_2027, invented_2027

D = date.fromisoformat

# Transcribed by hand from 国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）.
NOTICE_2024_OFF = [
    "2024-01-01",
    *(f"2024-02-{d:02}" for d in range(10, 18)),
    "2024-04-04",
    "2024-04-05",
    "2024-04-06",
    *(f"2024-05-0{d}" for d in range(1, 6)),
    "2024-06-10",
    "2024-09-15",
    "2024-09-16",
    "2024-09-17",
    *(f"2024-10-0{d}" for d in range(1, 8)),
]
NOTICE_2024_WORKED = [
    "2024-02-04",
    "2024-02-18",
    "2024-04-07",
    "2024-04-28",
    "2024-05-11",
    "2024-09-14",
    "2024-09-29",
    "2024-10-12",
]
# 国办发明电〔2024〕12号 (2025) and 国办发明电〔2022〕16号 (2023), the periods the tests use.
NOTICE_2025_WORKED = ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]
NOTICE_2023_OFF = [*(f"2023-09-{d}" for d in (29, 30)), *(f"2023-10-0{d}" for d in range(1, 7))]
NOTICE_2023_WORKED = ["2023-10-07", "2023-10-08"]


def test_it_agrees_with_the_2024_notice_day_by_day():
    cal = WorkingCalendar()
    for day in NOTICE_2024_OFF:
        assert not cal.is_workday(D(day)), day
        assert cal.holiday_name(D(day)), day
    for day in NOTICE_2024_WORKED:
        assert cal.is_workday(D(day)) and cal.is_makeup_workday(D(day)), day
    # The notice only *encourages* rest on 除夕 2024-02-09: it stays a working day.
    assert cal.is_workday(D("2024-02-09"))


def test_it_agrees_with_the_2023_and_2025_notices_on_the_periods_tested():
    cal = WorkingCalendar()
    assert not any(cal.is_workday(D(d)) for d in NOTICE_2023_OFF)
    assert all(cal.is_workday(D(d)) for d in NOTICE_2023_WORKED + NOTICE_2025_WORKED)
    assert cal.holiday_name(D("2024-10-03")) == "国庆节"


def test_it_counts_ordinary_weekdays_and_weekends():
    cal = WorkingCalendar()
    assert cal.is_workday(D("2024-10-16"))  # Wednesday
    assert not cal.is_workday(D("2024-10-19"))  # Saturday
    assert cal.holiday_name(D("2024-10-19")) is None


def test_it_refuses_a_year_neither_source_knows():
    cal = WorkingCalendar()
    with pytest.raises(UnknownYearError) as exc:
        cal.is_workday(D("2027-03-03"))
    assert exc.value.year == 2027
    assert str(exc.value).startswith("2027年节假日安排尚未录入")


def test_it_needs_the_next_years_notice_from_29_december():
    # The notice for Y can change 29–31 December of Y-1 (2019 notice: 2018-12-29 worked).
    cal = WorkingCalendar()
    assert cal.is_workday(D("2026-12-28"))
    with pytest.raises(UnknownYearError, match="2027年"):
        cal.is_workday(D("2026-12-29"))


def test_it_uses_the_override_table_for_a_year_the_package_does_not_know():
    cal = WorkingCalendar(StaticHolidayTable([INVENTED_2027]))
    assert not cal.is_workday(D("2027-01-01"))
    assert cal.is_workday(D("2027-01-09"))  # Saturday, make-up day of the invented table
    assert cal.is_workday(
        D("2026-12-31")
    )  # 2026 still from the package, 2027 notice leaves it alone
    assert not cal.is_workday(D("2027-01-16"))  # an ordinary Saturday


def test_it_lets_a_notice_reach_back_into_the_previous_december():
    table = StaticHolidayTable(
        [invented_2027(holidays={**INVENTED_2027.holidays, D("2026-12-31"): "元旦"})]
    )
    assert not WorkingCalendar(table).is_workday(D("2026-12-31"))


def test_it_prefers_the_override_over_the_package_for_a_year_both_know():
    bare_2024 = HolidayYear(year=2024, notice="测试用：2024年无节假日")
    cal = WorkingCalendar(StaticHolidayTable([bare_2024]))
    assert cal.is_workday(D("2024-10-01"))
    assert not cal.is_workday(D("2024-09-29"))  # no longer a make-up day
    assert not WorkingCalendar().is_workday(D("2024-10-01"))


def test_it_works_without_the_package_when_told_to():
    cal = WorkingCalendar(StaticHolidayTable([INVENTED_2027]), use_package=False)
    with pytest.raises(UnknownYearError, match="2024年"):
        cal.is_workday(D("2024-10-01"))


def test_it_counts_working_days_between_two_dates():
    cal = WorkingCalendar()
    # (2024-09-27, 2024-10-08]: 09-29 (make-up), 09-30, 10-08.
    assert cal.working_days_between(D("2024-09-27"), D("2024-10-08")) == 3
    assert cal.working_days_between(D("2024-10-08"), D("2024-09-27")) == -3
    assert cal.add_working_days(D("2024-09-27"), 3) == D("2024-10-08")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"workdays": frozenset({D("2027-01-04")})}, "只能是周六或周日"),
        ({"workdays": frozenset({D("2027-01-02")})}, "不能既放假又上班"),
        ({"holidays": {D("2026-06-01"): "儿童节"}}, "不在本年度通知可能涉及的范围"),
        ({"holidays": {D("2028-01-01"): "元旦"}}, "不在本年度通知可能涉及的范围"),
        ({"notice": " "}, "缺少依据"),
    ],
)
def test_it_rejects_a_self_contradictory_table(changes, message):
    with pytest.raises(HolidayTableError, match=message):
        invented_2027(**changes)


def test_it_round_trips_a_table_through_json_data():
    data = INVENTED_2027.to_dict()
    assert data["workdays"] == ["2027-01-09"]
    assert HolidayYear.from_dict(data) == INVENTED_2027
    plain = HolidayYear.from_dict({**data, "holidays": ["2027-01-01"]})
    assert plain.holidays == {D("2027-01-01"): ""}
    with pytest.raises(HolidayTableError, match="格式错误"):
        HolidayYear.from_dict({"year": 2027, "notice": "x", "workdays": ["2027-13-01"]})


def test_it_rejects_a_year_entered_twice():
    with pytest.raises(HolidayTableError, match="重复"):
        StaticHolidayTable([INVENTED_2027, INVENTED_2027])
