"""A provisional holiday schedule for a year whose State Council notice is not known yet.

Each autumn the General Office of the State Council publishes next year's 节假日安排 (October to
December); until an administrator enters it (or chinese-calendar ships it), deadlines running into
that year can only be estimated. The estimate uses what the law fixes in advance:
《全国年节及纪念日放假办法》 (revised by 国务院令第795号 of 2024-11-10, in force from 2025-01-01)
第二条, the seven festivals of all citizens with their days off, the lunar ones computed by the
`lunar_python` package; and its 第六条, a festival day falling on a Saturday or Sunday is made
up (补假) on a working day, here the first weekday after the festival. What only the notice
decides — the bridging days off and the weekend days worked instead (调休) — is not guessed, so
a provisional due date can move by a few working days once the notice is entered; every
computation that used such a year says so (`Deadline.provisional_years`).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from lunar_python import Lunar, Solar

from .holidays import HolidayYear

REGULATION = "《全国年节及纪念日放假办法》（2024年11月10日国务院令第795号修订，2025年1月1日起施行）"
# The first year the current version of the 放假办法 governs: earlier unknown years are refused.
# The last is a sanity bound (no deadline runs that far; the lunar tables are checked to 2099).
FIRST_YEAR, LAST_YEAR = 2025, 2099
ONE_DAY = timedelta(days=1)


def _lunar(year: int, month: int, day: int) -> date:
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _qingming(year: int) -> date:
    # The solar term 清明 of `year`: the lunar year containing mid-April lists it.
    solar = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()["清明"]
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def statutory_festivals(year: int) -> dict[str, list[date]]:
    """第二条: each festival of all citizens and its days off in `year`."""
    spring = _lunar(year, 1, 1)
    return {
        "元旦": [date(year, 1, 1)],
        # 农历除夕、正月初一至初三: 除夕 is the day before 正月初一 whatever the month's length.
        "春节": [spring - ONE_DAY + timedelta(days=i) for i in range(4)],
        "清明节": [_qingming(year)],
        "劳动节": [date(year, 5, 1), date(year, 5, 2)],
        "端午节": [_lunar(year, 5, 5)],
        "中秋节": [_lunar(year, 8, 15)],
        "国庆节": [date(year, 10, d) for d in (1, 2, 3)],
    }


@cache
def provisional_year(year: int) -> HolidayYear:
    """The schedule the law alone gives for `year` (see the module docstring), marked provisional."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(
            f"只能推算{FIRST_YEAR}至{LAST_YEAR}年的节假日（{REGULATION}），不能推算{year}年"
        )
    holidays: dict[date, str] = {}
    for name, days in statutory_festivals(year).items():
        for day in days:
            holidays.setdefault(day, name)
        # 第六条: each festival day on a weekend is made up on a working day after the festival.
        owed = sum(day.weekday() >= 5 for day in days)
        day = max(days)
        while owed:
            day += ONE_DAY
            if day.weekday() < 5 and day not in holidays:
                holidays[day] = f"{name}（补假）"
                owed -= 1
    holidays = {d: n for d, n in holidays.items() if d.year == year}
    notice = (
        f"{year}年节假日安排尚未录入，暂按{REGULATION}第二条、第六条规定的法定节假日和周末推算"
        "（调休以国务院办公厅通知为准）"
    )
    return HolidayYear(year=year, notice=notice, holidays=holidays, provisional=True)
