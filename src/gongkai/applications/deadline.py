"""An application's answer deadline, computed by gongkai.deadlines from the case record.

This module only translates the Django record into a `CaseHistory`; the counting rules and the
Chinese explanation live in the deadline package.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.deadlines import (
    CaseHistory,
    Correction,
    DeadlineError,
    Extension,
    Pause,
    PauseKind,
    WorkingCalendar,
    compute_deadline,
    working_days_left,
)

from .choices import OPEN_STATES, ConsultedParty


@dataclass(frozen=True)
class DueInfo:
    due_on: dt.date | None
    explanation: tuple[str, ...]
    error: str = ""
    days_left: int | None = None  # working days; negative = overdue

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0


def case_history(app) -> CaseHistory:
    correction = None
    if app.correction_requested_on or app.correction_received_on:
        correction = Correction(requested=app.correction_requested_on, received=app.correction_received_on)
    start = app.clock_start if not (app.correction_requested_on and not app.correction_received_on) else None
    pauses = tuple(
        Pause(
            PauseKind.THIRD_PARTY if c.party_kind == ConsultedParty.THIRD_PARTY else PauseKind.AGENCY,
            c.sent_on,
            c.answered_on,
        )
        for c in app.consultations.all()
        # A consultation before a 补正 lies before the restarted clock and does not move it.
        if start is not None and c.sent_on >= start
    )
    if app.fee_notified_on and start is not None and app.fee_notified_on >= start:
        pauses += (Pause(PauseKind.FEE, app.fee_notified_on, app.fee_paid_on),)
    extension = None
    if app.extension_days:
        extension = Extension(working_days=app.extension_days, approved=app.extension_approved_on)
    return CaseHistory(received=app.received_on, correction=correction, pauses=pauses, extension=extension)


def due_info(app, calendar: WorkingCalendar, today: dt.date) -> DueInfo:
    """The due date with its explanation; for a closed case only the explanation matters."""
    if app.received_on is None:
        return DueInfo(None, ("网上提交的申请，以双方确认之日为收到申请之日（第三十一条第（三）项），尚待确认",))
    try:
        deadline = compute_deadline(case_history(app), calendar)
    except DeadlineError as e:
        return DueInfo(None, (), error=str(e))
    due = deadline.due
    explanation = deadline.explanation
    if app.art35_deadline:
        # 《条例》第三十五条: a reasonable later deadline, told to the applicant, replaces 第三十三条's.
        due = app.art35_deadline
        explanation = (*explanation, f"依照第三十五条确定延迟答复的合理期限：{due}")
    days_left = None
    if due is not None and app.state in OPEN_STATES:
        try:
            days_left = working_days_left(due, today, calendar)
        except DeadlineError as e:
            return DueInfo(due, explanation, error=str(e))
    return DueInfo(due, explanation, days_left=days_left)
