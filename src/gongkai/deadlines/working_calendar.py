"""Working days: which dates count, from the override table first, then chinese-calendar.

A date is a working day when a notice makes it a make-up working day (调休上班), or when it is
Monday–Friday and no notice gives it off. The notices consulted for a date are those of its own
year and, from 29 December on, of the next year (see holidays.REACH_BACK). If any of them is
unknown the calendar raises `UnknownYearError`, unless it was built with `provisional=True`: then a
year from 2025 on without a notice gets the schedule the law fixes in advance (provisional.py),
marked provisional so every date computed with it can say so.
"""

from __future__ import annotations

from datetime import date, timedelta

from .errors import UnknownYearError
from .holidays import REACH_BACK, HolidayTable, HolidayYear
from .package_table import PackageHolidayTable
from .provisional import FIRST_YEAR, LAST_YEAR, provisional_year

ONE_DAY = timedelta(days=1)


class WorkingCalendar:
    """Chinese working-day calendar. `override` (the admin table) wins for every year it covers.

    An instance remembers each year it has read: build a new one after the table is edited.
    """

    def __init__(
        self,
        override: HolidayTable | None = None,
        *,
        use_package: bool = True,
        provisional: bool = False,
    ) -> None:
        self._sources: list[HolidayTable] = [t for t in (override,) if t is not None]
        self._provisional = provisional
        if use_package:
            self._sources.append(PackageHolidayTable())
        self._years: dict[int, HolidayYear] = {}
        # is_workday answers, memoised: a list page counts the same days for every row.
        self._workdays: dict[date, bool] = {}

    def notice(self, year: int) -> HolidayYear:
        """The schedule for `year` from the first source that has it."""
        if year not in self._years:
            for source in self._sources:
                entry = source.holiday_year(year)
                if entry is not None:
                    self._years[year] = entry
                    break
            else:
                if not (self._provisional and FIRST_YEAR <= year <= LAST_YEAR):
                    raise UnknownYearError(year)
                self._years[year] = provisional_year(year)
        return self._years[year]

    def notices_for(self, day: date) -> list[HolidayYear]:
        years = [day.year]
        if (day.month, day.day) >= REACH_BACK:
            years.append(day.year + 1)
        return [self.notice(y) for y in years]

    def holiday_name(self, day: date) -> str | None:
        """The festival if a notice gives `day` off ('' if unnamed), else None."""
        for entry in self.notices_for(day):
            if day in entry.holidays:
                return entry.holidays[day]
        return None

    def is_makeup_workday(self, day: date) -> bool:
        return any(day in entry.workdays for entry in self.notices_for(day))

    def is_workday(self, day: date) -> bool:
        known = self._workdays.get(day)
        if known is None:
            known = self.is_makeup_workday(day) or (
                day.weekday() < 5 and self.holiday_name(day) is None
            )
            self._workdays[day] = known
        return known

    def add_working_days(self, start: date, count: int) -> date:
        """The `count`-th working day after `start`, `start` itself not counted."""
        day, seen = start, 0
        while seen < count:
            day += ONE_DAY
            seen += self.is_workday(day)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when end < start (days in (end, start])."""
        if end < start:
            return -self.working_days_between(end, start)
        day, seen = start, 0
        while day < end:
            day += ONE_DAY
            seen += self.is_workday(day)
        return seen
