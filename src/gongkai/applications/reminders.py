"""The daily reminder: for each handler, their open applications that are overdue or due soon."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from gongkai.agencies.models import Membership, Role
from gongkai.holidays.table import working_calendar

from .choices import OPEN_STATES
from .deadline import DueInfo, due_info
from .models import Application


@dataclass
class Reminder:
    user: object
    overdue: list[tuple[Application, DueInfo]] = field(default_factory=list)
    due_soon: list[tuple[Application, DueInfo]] = field(default_factory=list)
    unknown: list[tuple[Application, DueInfo]] = field(default_factory=list)

    def text(self) -> str:
        lines = [f"{self.user.get_username()}，您好：以下政府信息公开申请需要关注。"]
        for title, rows in (
            ("已逾期", self.overdue),
            ("即将到期", self.due_soon),
            ("无法计算期限", self.unknown),
        ):
            if rows:
                lines.append(f"{title}（{len(rows)}件）：")
                for app, info in rows:
                    due = (
                        f"{info.due_on}{'（暂定）' if info.provisional else ''}"
                        if info.due_on
                        else info.error
                    )
                    lines.append(
                        f"  {app.number} {app.agency.name} 答复期限 {due} {app.get_state_display()}"
                    )
        return "\n".join(lines)


def reminders(today: dt.date, soon: int) -> list[Reminder]:
    """One reminder per handler with something to do. A handler is reminded of the cases assigned
    to them, and of unassigned registered cases of their agencies."""
    calendar = working_calendar()
    by_user: dict[int, Reminder] = {}
    handlers = defaultdict(set)
    for m in Membership.objects.filter(role=Role.HANDLER).select_related("user"):
        handlers[m.agency_id].add(m.user)
    apps = (
        Application.objects.filter(state__in=OPEN_STATES)
        .select_related("agency", "handler")
        .prefetch_related("consultations")
    )
    for app in apps:
        info = due_info(app, calendar, today)
        if info.error:
            bucket = "unknown"
        elif info.overdue:
            bucket = "overdue"
        elif info.days_left is not None and info.days_left <= soon:
            bucket = "due_soon"
        else:
            continue
        recipients = (
            [app.handler] if app.handler else sorted(handlers[app.agency_id], key=lambda u: u.pk)
        )
        for user in recipients:
            reminder = by_user.setdefault(user.pk, Reminder(user))
            getattr(reminder, bucket).append((app, info))
    return [by_user[k] for k in sorted(by_user)]
