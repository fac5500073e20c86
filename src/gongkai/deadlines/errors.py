"""Errors of the deadline package. Messages are Chinese: they reach clerks and applicants unchanged."""

from __future__ import annotations


class DeadlineError(ValueError):
    """Base class: the computation cannot give an answer for this input."""


class UnknownYearError(DeadlineError):
    """No holiday schedule is known for `year`: we refuse to guess which days are working days."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"{year}年节假日安排尚未录入：请先在节假日表中录入"
            f"《国务院办公厅关于{year}年部分节假日安排的通知》，再计算工作日"
        )


class HolidayTableError(DeadlineError):
    """An authored holiday table contradicts itself (a date both off and worked, a date outside its year…)."""


class CaseHistoryError(DeadlineError):
    """The case history is impossible (events out of order, overlapping clocks, a too-long extension…)."""


class FeeError(DeadlineError):
    """A fee request that 国办函〔2020〕109号 cannot price (negative quantities…)."""
