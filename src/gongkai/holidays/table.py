"""The admin-maintained holiday table as a gongkai.deadlines `HolidayTable`.

A year entered here overrides the chinese-calendar package for that year. A year neither knows
(from 2025 on) is counted provisionally from the statutory holidays (gongkai.deadlines.provisional),
and every date computed with it is marked 暂定 until the year's notice is entered here.
"""

from __future__ import annotations

from gongkai.deadlines import HolidayYear as NoticeYear
from gongkai.deadlines import WorkingCalendar

from .models import DayKind, HolidayYear


class DatabaseHolidayTable:
    def __init__(self) -> None:
        self._cache: dict[int, NoticeYear | None] = {}

    def holiday_year(self, year: int) -> NoticeYear | None:
        if year not in self._cache:
            row = HolidayYear.objects.filter(year=year).prefetch_related("days").first()
            if row is None:
                self._cache[year] = None
            else:
                days = list(row.days.all())
                self._cache[year] = NoticeYear(
                    year=year,
                    notice=row.source or f"国务院办公厅关于{year}年部分节假日安排的通知",
                    holidays={d.date: d.name for d in days if d.kind == DayKind.HOLIDAY},
                    workdays=frozenset(d.date for d in days if d.kind == DayKind.WORKDAY),
                )
        return self._cache[year]


def working_calendar() -> WorkingCalendar:
    """A calendar reading this table first, provisional for years with no notice yet; build one
    per request or command run."""
    return WorkingCalendar(DatabaseHolidayTable(), provisional=True)
