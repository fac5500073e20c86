"""An application's answer deadline, computed by gongkai.deadlines from the case record.

This module only translates the Django record into a `CaseHistory`; the counting rules and the
Chinese explanation live in the deadline package.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

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
from gongkai.deadlines.holidays import REACH_BACK

from .choices import OPEN_STATES, ConsultedParty


@dataclass(frozen=True)
class DueInfo:
    due_on: dt.date | None
    explanation: tuple[str, ...]
    error: str = ""
    days_left: int | None = None  # working days; negative = overdue
    # Why the due date is provisional (a year counted before its holiday notice was entered).
    provisional: str = ""

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0


def clock_start(app) -> dt.date | None:
    """第三十条: after 补正 the answer period runs from the corrected application.

    A function (Application.clock_start delegates here) so the data migration's historical
    models, which have no properties, compute the same thing."""
    return app.correction_received_on or app.received_on


def case_history(app) -> CaseHistory:
    correction = None
    if app.correction_requested_on or app.correction_received_on:
        correction = Correction(
            requested=app.correction_requested_on, received=app.correction_received_on
        )
    start = (
        clock_start(app)
        if not (app.correction_requested_on and not app.correction_received_on)
        else None
    )
    pauses = tuple(
        Pause(
            PauseKind.THIRD_PARTY
            if c.party_kind == ConsultedParty.THIRD_PARTY
            else PauseKind.AGENCY,
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
    return CaseHistory(
        received=app.received_on, correction=correction, pauses=pauses, extension=extension
    )


def answer_due(app, calendar: WorkingCalendar) -> tuple[dt.date | None, tuple[str, ...], str, str]:
    """(due date, explanation, error, why provisional) from the full computation; today does not
    enter into it."""
    if app.received_on is None:
        return (
            None,
            ("网上提交的申请，以双方确认之日为收到申请之日（第三十一条第（三）项），尚待确认",),
            "",
            "",
        )
    try:
        deadline = compute_deadline(case_history(app), calendar)
    except DeadlineError as e:
        return None, (), str(e), ""
    due = deadline.due
    explanation = deadline.explanation
    provisional = deadline.provisional if due is not None else ""
    if app.art35_deadline:
        # 《条例》第三十五条: a reasonable later deadline, told to the applicant, replaces 第三十三条's.
        due, provisional = app.art35_deadline, ""
        explanation = (*explanation, f"依照第三十五条确定延迟答复的合理期限：{due}")
    return due, explanation, "", provisional


def _with_days_left(
    app, due, explanation, error, provisional, calendar: WorkingCalendar, today: dt.date
) -> DueInfo:
    if error or due is None:
        return DueInfo(due, explanation, error=error)
    days_left = None
    if app.state in OPEN_STATES:
        try:
            days_left = working_days_left(due, today, calendar)
        except DeadlineError as e:
            return DueInfo(due, explanation, error=str(e))
    return DueInfo(due, explanation, days_left=days_left, provisional=provisional)


def due_info(app, calendar: WorkingCalendar, today: dt.date) -> DueInfo:
    """The due date with its explanation; for a closed case only the explanation matters."""
    return _with_days_left(app, *answer_due(app, calendar), calendar, today)


def stored_due_info(app, calendar: WorkingCalendar, today: dt.date) -> DueInfo:
    """As due_info, from the stored columns (no explanation): what the lists show per row."""
    return _with_days_left(
        app,
        app.answer_due_on,
        (),
        app.answer_due_error,
        app.answer_due_provisional,
        calendar,
        today,
    )


def refresh_stored_due(apps, calendar: WorkingCalendar | None = None) -> list:
    """Set answer_due_on / answer_due_error / answer_due_provisional on each application (not
    saved); the changed ones.

    `apps` should prefetch "consultations". Works on historical models too (the data migration).
    """
    from gongkai.holidays.table import working_calendar

    calendar = calendar or working_calendar()
    changed = []
    for app in apps:
        due, _, error, provisional = answer_due(app, calendar)
        # The column holds a date only when the computation gave one; a date counted over a year
        # with no holiday notice yet is stored with the reason it is provisional, so the lists
        # keep it in 已逾期 / 即将到期 and say 暂定, and the notice's entry recomputes it.
        stored = (
            app.answer_due_on,
            app.answer_due_error,
            getattr(app, "answer_due_provisional", ""),
        )
        if stored != (due, error, provisional):
            app.answer_due_on, app.answer_due_error = due, error
            if hasattr(app, "answer_due_provisional"):
                app.answer_due_provisional = provisional
            changed.append(app)
    return changed


def recompute_stored_due(queryset, batch: int = 1000) -> int:
    """Recompute the stored due date of every application in `queryset`; how many changed.

    One calendar for the whole run (read after any holiday edit), batches with the
    consultations prefetched, and only changed rows written.
    """
    from gongkai.holidays.table import working_calendar

    calendar = working_calendar()
    manager = queryset.model._default_manager
    ids = list(queryset.order_by().values_list("pk", flat=True))
    changed = 0
    for i in range(0, len(ids), batch):
        chunk = manager.filter(pk__in=ids[i : i + batch]).prefetch_related("consultations")
        rows = refresh_stored_due(chunk, calendar)
        fields = [f for f in STORED_DUE_FIELDS if f in _field_names(queryset.model)]
        manager.bulk_update(rows, fields, batch_size=500)
        changed += len(rows)
    return changed


STORED_DUE_FIELDS = ("answer_due_on", "answer_due_error", "answer_due_provisional")


def _field_names(model) -> set[str]:
    # Historical models (the data migrations) may predate a stored column.
    return {f.name for f in model._meta.get_fields()}


def affected_by_holiday_year(year: int) -> Q:
    """Applications whose stored due date an edit of `year`'s holiday notice may change: every
    open case, every case whose computation failed, and every case due on or after the first day
    that consults that notice (29 December of the year before, see deadlines.holidays.REACH_BACK;
    a due date earlier than that was counted without it)."""
    return (
        Q(state__in=OPEN_STATES)
        | ~Q(answer_due_error="")
        | ~Q(answer_due_provisional="")
        | Q(answer_due_on__gte=dt.date(year - 1, *REACH_BACK))
    )


def recompute_after_holiday_change(sender, year: int, **kwargs) -> int:
    """holidays.signals.holiday_year_changed: recompute the stored due dates `year` may move
    (a provisional date becomes final when the year's notice is entered)."""
    from .models import Application

    return recompute_stored_due(Application.objects.filter(affected_by_holiday_year(year)))
