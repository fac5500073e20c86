"""The lists a clerk starts the day with, and the per-agency counts a supervisor reads.

- 我的待办: cases assigned to me, and cases waiting on a role I hold at their agency.
- 待我签发: drafts and extension requests waiting for an approver of my agencies.
- 各机关办理情况: per agency I read, the open cases, the overdue and due-soon ones (by the stored
  due date, as the lists), those waiting for confirmation, signature or a handler — one query.

Each section is a declaration (title, roles, condition), so what "waits on a role" means is
written once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q

from gongkai.agencies.models import Agency, Role
from gongkai.deadlines import DeadlineError

from .choices import OPEN_STATES, State
from .models import Application

_REVIEWING = (State.IN_REVIEW, State.IN_CONSULTATION)
_EXTENSION_PENDING = Q(
    state__in=_REVIEWING, extension_requested_days__isnull=False, extension_days=0
)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    roles: frozenset[str]  # whose work it is, at the case's agency
    condition: Q


# 我的待办: what waits on each role (the transitions of services.RULES each role performs next).
WAITING = (
    Section(
        "confirm",
        "待确认的网上申请",
        frozenset({Role.REGISTRAR, Role.HANDLER}),
        Q(state=State.SUBMITTED),
    ),
    # Registrar or approver assign it (services.assign), or a handler starts the review.
    Section(
        "unassigned",
        "尚无承办人的已登记申请",
        frozenset({Role.REGISTRAR, Role.HANDLER, Role.APPROVER}),
        Q(state=State.REGISTERED, handler__isnull=True),
    ),
    Section("serve", "待送达", frozenset({Role.REGISTRAR}), Q(state=State.REPLIED)),
    Section("archive", "待归档", frozenset({Role.REGISTRAR}), Q(state=State.SERVED)),
)

# 待我签发: what waits on the approver.
SIGNING = (
    Section("sign", "待签发的答复", frozenset({Role.APPROVER}), Q(state=State.DECIDED)),
    Section("extension", "待审批的延期申请", frozenset({Role.APPROVER}), _EXTENSION_PENDING),
)

# A handler's own cases: everything not finished and not waiting on the approver's signature.
MINE = Q(state__in=OPEN_STATES | {State.REPLIED, State.SERVED})


def assigned_to(user):
    return Application.objects.filter(MINE, handler=user)


def sections(access, declared: tuple[Section, ...]):
    """(section, queryset) for each declared section the user has a role for."""
    out = []
    for section in declared:
        agencies = access.agencies_with(section.roles)
        if agencies:
            out.append(
                (section, Application.objects.filter(section.condition, agency_id__in=agencies))
            )
    return out


def due_bounds(calendar, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """(last working day up to today, the (soon + 1)-th working day after today): a stored due
    date before the first is overdue, one in [first, second) is due soon (as the lists' filters).
    None when those days reach a year without holiday data."""
    try:
        last = today
        while not calendar.is_workday(last):
            last -= dt.timedelta(days=1)
        return last, calendar.add_working_days(today, settings.DUE_SOON_WORKING_DAYS + 1)
    except DeadlineError:
        return None


COUNTS = {
    "open": Q(state__in=OPEN_STATES),
    "to_confirm": Q(state=State.SUBMITTED),
    "unassigned": Q(state=State.REGISTERED, handler__isnull=True),
    "to_sign": Q(state=State.DECIDED),
    "extension": _EXTENSION_PENDING,
}


# Every count above concerns these states, so the counting reads only the unfinished cases
# (the (agency, state, due) index), not the agencies' whole history.
_COUNTED_STATES = OPEN_STATES | {State.DECIDED}


def agency_counts(access, calendar, today: dt.date) -> list[dict]:
    """Per agency the user reads: the counts above, overdue and due soon, received this year.
    Two grouped queries: the unfinished cases, and this year's receipts (an index-only count)."""
    bounds = due_bounds(calendar, today)
    counts = {name: Count("pk", filter=q) for name, q in COUNTS.items()}
    if bounds is not None:
        last, soon_end = bounds
        open_due = Q(state__in=OPEN_STATES, answer_due_on__isnull=False)
        counts["overdue"] = Count("pk", filter=open_due & Q(answer_due_on__lt=last))
        counts["soon"] = Count(
            "pk", filter=open_due & Q(answer_due_on__gte=last, answer_due_on__lt=soon_end)
        )
    visible = Application.objects.filter(agency_id__in=access.reads).order_by().values("agency_id")
    by_agency = {
        row["agency_id"]: row
        for row in visible.filter(state__in=_COUNTED_STATES).annotate(**counts)
    }
    this_year = dict(
        visible.filter(received_on__gte=dt.date(today.year, 1, 1))
        .annotate(n=Count("pk"))
        .values_list("agency_id", "n")
    )
    out = []
    for agency in Agency.objects.filter(pk__in=access.reads).order_by("code"):
        row = by_agency.get(agency.pk, {})
        # None, not 0, when the days around today reach a year without holiday data.
        unknown = {"overdue": None, "soon": None} if bounds is None else {}
        out.append(
            {
                "agency": agency,
                **unknown,
                **{name: row.get(name, 0) for name in counts},
                "this_year": this_year.get(agency.pk, 0),
            }
        )
    return out


def totals(rows: list[dict]) -> dict:
    """Column sums of agency_counts (None stays None)."""
    keys = [k for k in (rows[0] if rows else {}) if k != "agency"]
    return {k: None if any(r[k] is None for r in rows) else sum(r[k] for r in rows) for k in keys}
