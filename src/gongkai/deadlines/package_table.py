"""The years the `chinese-calendar` package knows, presented as a `HolidayTable`.

chinese-calendar (PyPI) transcribes the State Council notices; for a year outside its data it raises
NotImplementedError (checked with version 1.11.0, which covers 2004–2026). We ask it through its
public API whether it knows a year, and read its public `holidays` / `workdays` dicts.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import chinese_calendar

from .holidays import HolidayYear, reach_back_start

# 文号 of notices we read ourselves (see docs/deadlines.md for the sources); other years cite the title only.
NOTICE_NUMBERS = {
    2023: "国办发明电〔2022〕16号",
    2024: "国办发明电〔2023〕7号",
    2025: "国办发明电〔2024〕12号",
    2026: "国办发明电〔2025〕7号",
}

# chinese-calendar names festivals in English; the explanation uses the names of the notices.
_FESTIVALS = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def notice_title(year: int) -> str:
    number = NOTICE_NUMBERS.get(year)
    title = f"国务院办公厅关于{year}年部分节假日安排的通知"
    return f"{title}（{number}）" if number else title


def package_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 7, 1))
    except NotImplementedError:
        return False
    return True


class PackageHolidayTable:
    """`HolidayTable` backed by chinese-calendar; None for the years it does not know."""

    def holiday_year(self, year: int) -> HolidayYear | None:
        return _package_year(year)


@cache
def _package_year(year: int) -> HolidayYear | None:
    if not package_knows(year):
        return None
    first, last = reach_back_start(year), date(year, 12, 31)
    holidays = {
        day: _FESTIVALS.get(name, name)
        for day, name in chinese_calendar.holidays.items()
        if first <= day <= last
    }
    workdays = frozenset(day for day in chinese_calendar.workdays if first <= day <= last)
    notice = f"{notice_title(year)}，据 chinese-calendar {chinese_calendar.__version__} 数据"
    return HolidayYear(year=year, notice=notice, holidays=holidays, workdays=workdays)
