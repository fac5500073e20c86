"""Statutory deadlines in Chinese working days and 信息处理费 — framework-free (no Django).

The Django app supplies its administrator-maintained holiday table as a `HolidayTable` and calls
`compute_deadline(CaseHistory(...), WorkingCalendar(table))`.
"""

from .case import (
    ANSWER_DAYS,
    CONSULTATION_REPLY_DAYS,
    CORRECTION_NOTICE_DAYS,
    MAX_EXTENSION_DAYS,
    CaseHistory,
    Correction,
    Extension,
    Pause,
    PauseKind,
)
from .compute import Deadline, DeadlineState, compute_deadline
from .errors import CaseHistoryError, DeadlineError, FeeError, HolidayTableError, UnknownYearError
from .fees import Fee, FeeMethod, TierCharge, information_fee, per_item_fee, per_volume_fee
from .holidays import HolidayTable, HolidayYear, StaticHolidayTable
from .status import Triage, due_within, is_overdue, triage, working_days_left
from .working_calendar import WorkingCalendar

__all__ = [
    "ANSWER_DAYS",
    "CONSULTATION_REPLY_DAYS",
    "CORRECTION_NOTICE_DAYS",
    "MAX_EXTENSION_DAYS",
    "CaseHistory",
    "CaseHistoryError",
    "Correction",
    "Deadline",
    "DeadlineError",
    "DeadlineState",
    "Extension",
    "Fee",
    "FeeError",
    "FeeMethod",
    "HolidayTable",
    "HolidayTableError",
    "HolidayYear",
    "Pause",
    "PauseKind",
    "StaticHolidayTable",
    "TierCharge",
    "Triage",
    "UnknownYearError",
    "WorkingCalendar",
    "compute_deadline",
    "due_within",
    "information_fee",
    "is_overdue",
    "per_item_fee",
    "per_volume_fee",
    "triage",
    "working_days_left",
]
