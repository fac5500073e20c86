"""Lists for the clerk's desk: which applications are overdue, which fall due within N working days."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

from .working_calendar import WorkingCalendar

K = TypeVar("K", bound=Hashable)


def is_overdue(due: date, today: date) -> bool:
    """The answer was due before today (the due day itself is still in time)."""
    return today > due


def working_days_left(due: date, today: date, calendar: WorkingCalendar) -> int:
    """Working days after today up to and including `due`: 0 = due today; negative = overdue by that many."""
    return calendar.working_days_between(today, due)


def due_within(due: date, today: date, days: int, calendar: WorkingCalendar) -> bool:
    """Not overdue, and due within `days` working days of today (due today counts)."""
    return not is_overdue(due, today) and working_days_left(due, today, calendar) <= days


@dataclass
class Triage(Generic[K]):
    overdue: list[K] = field(default_factory=list)
    due_soon: list[K] = field(default_factory=list)


def triage(
    dues: Iterable[tuple[K, date | None]], today: date, days: int, calendar: WorkingCalendar
) -> Triage[K]:
    """Split (key, due) pairs into overdue and due-within-`days`, each sorted by due date.

    A None due (clock paused or awaiting 补正) is in neither list.
    """
    result: Triage[K] = Triage()
    for key, due in sorted(((k, d) for k, d in dues if d is not None), key=lambda kd: kd[1]):
        if is_overdue(due, today):
            result.overdue.append(key)
        elif due_within(due, today, days, calendar):
            result.due_soon.append(key)
    return result
