"""Publication on time (《条例》第二十六条): 主动公开 information is published within 20 working
days of being formed or changed. Working days come from the same calendar as the applications'
deadlines (gongkai.holidays.table.working_calendar: the admin's holiday table, then
chinese-calendar, provisional for years with no notice yet).

The due date is stored on the item (Item.due_on) so the late and soon-due lists are one indexed
query; services set it on every change of the dates, and a change of the holiday table
recomputes it for the items that year can move.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q
from django.utils import timezone

from gongkai.deadlines import DeadlineError, WorkingCalendar
from gongkai.holidays.table import working_calendar

from .models import Item

PUBLISH_DAYS = 20  # 第二十六条
SOON_DAYS = 5  # working days ahead that count as "soon due" on the staff lists


def due_date(start: dt.date | None, calendar: WorkingCalendar | None = None) -> dt.date | None:
    """The 20th working day after `start` (the day itself not counted), or None when there is no
    start or the calendar cannot count that far (a year it does not know)."""
    if start is None:
        return None
    try:
        return (calendar or working_calendar()).add_working_days(start, PUBLISH_DAYS)
    except DeadlineError:
        return None


def soon_until(today: dt.date, calendar: WorkingCalendar | None = None) -> dt.date:
    """The last day of the soon-due window."""
    try:
        return (calendar or working_calendar()).add_working_days(today, SOON_DAYS)
    except DeadlineError:
        return today + dt.timedelta(days=7)


def set_due(item: Item, calendar: WorkingCalendar | None = None) -> bool:
    """Set item.due_on from its dates; True when it changed (the caller saves)."""
    due = due_date(item.clock_start, calendar) if item.attribute == "proactive" else None
    changed = due != item.due_on
    item.due_on = due
    return changed


def working_days_late(item: Item, today: dt.date, calendar: WorkingCalendar | None = None) -> int:
    """Working days past the due date: to publication, or to today while unpublished (0 if on time)."""
    if item.due_on is None:
        return 0
    end = item.published_on or today
    if end <= item.due_on:
        return 0
    try:
        return (calendar or working_calendar()).working_days_between(item.due_on, end)
    except DeadlineError:
        return (end - item.due_on).days


def late_interpretations(items, today: dt.date | None = None):
    """解读 whose document is published (on or before `today`) while they are not, or were
    published after it. A 解读 is due with its document (国办发〔2016〕80号 asks for 同步
    publication); until the document is public, nothing is late yet."""
    today = today or timezone.localdate()
    return items.filter(interprets__published_on__lte=today).filter(
        Q(published_on__isnull=True) | Q(published_on__gt=F("interprets__published_on"))
    )


def recompute_after_holiday_change(sender, year: int, **kwargs) -> int:
    """holidays.signals.holiday_year_changed: recompute the due dates `year` can move: those
    whose 20 working days start from late in the year before up to the end of the year."""
    calendar = working_calendar()
    start = dt.date(year - 1, 11, 1)
    end = dt.date(year, 12, 31)
    changed = []
    window = Q(formed_on__range=(start, end)) | Q(changed_on__range=(start, end))
    for item in (
        Item.objects.filter(window, attribute="proactive")
        .only("pk", "formed_on", "changed_on", "due_on", "attribute")
        .iterator()
    ):
        if set_due(item, calendar):
            changed.append(item)
    Item.objects.bulk_update(changed, ["due_on"], batch_size=1000)
    return len(changed)
