"""Holiday schedules as data: one `HolidayYear` per State Council notice, and the provider protocol.

Every year the General Office of the State Council publishes 《国务院办公厅关于Y年部分节假日安排的通知》
(e.g. 国办发明电〔2023〕7号 for 2024): the days off and the weekend days worked instead (调休上班).
The Django admin keeps such a table; it only has to implement `HolidayTable.holiday_year`.

A notice for year Y can reach back into the last days of Y-1: the 2019 notice made 2018-12-29 a
working day and the 2012 notice 2011-12-31; the 2023 notice started the New Year break on
2022-12-31. So a `HolidayYear` may hold dates from `REACH_BACK` (29 December) of Y-1 on, and the
calendar consults the notice of Y+1 for dates from 29 December of Y.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, runtime_checkable

from .errors import HolidayTableError

# First day of year Y-1 that the notice for year Y has been seen to change (see module docstring).
REACH_BACK = (12, 29)

_WEEKDAYS = "一二三四五六日"


def weekday_zh(day: date) -> str:
    """星期一 … 星期日."""
    return "星期" + _WEEKDAYS[day.weekday()]


def reach_back_start(year: int) -> date:
    """The earliest date the notice for `year` may concern."""
    return date(year - 1, *REACH_BACK)


@dataclass(frozen=True)
class HolidayYear:
    """The schedule of one notice: days off (with the festival's name) and make-up working days.

    `holidays` maps each day off to its festival (国庆节); weekend days inside a break belong
    here too so that explanations can name the whole break. `workdays` are the weekend days
    worked instead (调休上班). `notice` names the source, with its 文号 when known. `provisional`
    marks a schedule estimated before the notice exists (provisional.py).
    """

    year: int
    notice: str
    holidays: Mapping[date, str] = field(default_factory=dict)
    workdays: frozenset[date] = frozenset()
    provisional: bool = False

    def __post_init__(self) -> None:
        holidays = self.holidays
        if not isinstance(holidays, Mapping):  # a plain set of dates: festivals unnamed
            holidays = dict.fromkeys(holidays, "")
        object.__setattr__(self, "holidays", dict(sorted(holidays.items())))
        object.__setattr__(self, "workdays", frozenset(self.workdays))
        first, last = reach_back_start(self.year), date(self.year, 12, 31)
        where = f"{self.year}年节假日表"
        for day in [*self.holidays, *self.workdays]:
            if not first <= day <= last:
                raise HolidayTableError(
                    f"{where}：{day.isoformat()} 不在本年度通知可能涉及的范围（{first.isoformat()}至{last.isoformat()}）内"
                )
        both = sorted(set(self.holidays) & self.workdays)
        if both:
            raise HolidayTableError(f"{where}：{both[0].isoformat()} 不能既放假又上班")
        for day in sorted(self.workdays):
            if day.weekday() < 5:
                raise HolidayTableError(
                    f"{where}：调休上班日 {day.isoformat()} 是{weekday_zh(day)}，调休上班日只能是周六或周日"
                )
        if not self.notice.strip():
            raise HolidayTableError(f"{where}：缺少依据（国务院办公厅通知名称及文号）")

    def to_dict(self) -> dict[str, Any]:
        data = {
            "year": self.year,
            "notice": self.notice,
            "holidays": {d.isoformat(): name for d, name in self.holidays.items()},
            "workdays": sorted(d.isoformat() for d in self.workdays),
        }
        if self.provisional:
            data["provisional"] = True
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> HolidayYear:
        """Inverse of `to_dict`; `holidays` may also be a list of dates (festivals unnamed)."""
        try:
            year = int(data["year"])
            raw = data.get("holidays", {})
            pairs = raw.items() if isinstance(raw, Mapping) else ((d, "") for d in raw)
            holidays = {date.fromisoformat(d): str(name) for d, name in pairs}
            workdays = frozenset(date.fromisoformat(d) for d in data.get("workdays", []))
            return cls(
                year=year,
                notice=str(data.get("notice", "")),
                holidays=holidays,
                workdays=workdays,
                provisional=data.get("provisional") is True,
            )
        except HolidayTableError:
            raise
        except KeyError as exc:
            raise HolidayTableError(f"节假日表格式错误：缺少字段 {exc}") from exc
        except (TypeError, ValueError) as exc:
            raise HolidayTableError(f"节假日表格式错误：{exc}") from exc


@runtime_checkable
class HolidayTable(Protocol):
    """What the administrator-maintained table provides: the schedule of a year, or None if not entered."""

    def holiday_year(self, year: int) -> HolidayYear | None: ...


class StaticHolidayTable:
    """A `HolidayTable` held in memory (tests, the CLI's --holidays file)."""

    def __init__(self, years: Iterable[HolidayYear] = ()) -> None:
        self._years: dict[int, HolidayYear] = {}
        for entry in years:
            if entry.year in self._years:
                raise HolidayTableError(f"{entry.year}年节假日表重复录入")
            self._years[entry.year] = entry

    def holiday_year(self, year: int) -> HolidayYear | None:
        return self._years.get(year)

    @classmethod
    def from_json_data(cls, data: Any) -> StaticHolidayTable:
        """A list of `HolidayYear.to_dict()` objects, or a single one."""
        entries = data if isinstance(data, list) else [data]
        if not all(isinstance(e, Mapping) for e in entries):
            raise HolidayTableError("节假日表格式错误：应为对象或对象列表")
        return cls(HolidayYear.from_dict(e) for e in entries)
