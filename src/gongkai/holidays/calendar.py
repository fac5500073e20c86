"""Working days from the holiday table.

Years entered in the table are authoritative; for other years only weekends are rest days (a
warning is part of the due-date explanation so staff know the table needs the year).
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from .models import DayKind, HolidayYear, SpecialDay


class TableCalendar:
    """A snapshot of the table, loaded once; cheap to query for many applications."""

    @cached_property
    def _days(self) -> dict[dt.date, str]:
        return dict(SpecialDay.objects.values_list("date", "kind"))

    @cached_property
    def years(self) -> set[int]:
        return set(HolidayYear.objects.values_list("year", flat=True))

    def is_working_day(self, day: dt.date) -> bool:
        kind = self._days.get(day)
        if kind == DayKind.HOLIDAY:
            return False
        if kind == DayKind.WORKDAY:
            return True
        return day.weekday() < 5

    def knows_year(self, year: int) -> bool:
        return year in self.years
