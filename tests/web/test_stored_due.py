"""The stored answer deadline (Application.answer_due_on): always what gongkai.deadlines computes,
after every transition and after a holiday-table edit; the list filters built on it select
exactly the rows the per-row computation selects."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.choices import OPEN_STATES, State
from gongkai.applications.deadline import answer_due, due_info
from gongkai.applications.models import Application
from gongkai.applications.staff_views import _due_filter
from gongkai.holidays.models import DayKind, HolidayYear, SpecialDay
from gongkai.holidays.table import working_calendar

from .test_admin import _admin, _holiday_post
from .test_services import TRANSITIONS


def _assert_stored_is_computed(app: Application) -> None:
    app.refresh_from_db()
    due, _, error, provisional = answer_due(app, working_calendar())
    assert (app.answer_due_on, app.answer_due_error, app.answer_due_provisional) == (
        due,
        error,
        provisional,
    ), app.number


@pytest.mark.parametrize("state", list(State))
def test_it_stores_the_computed_due_date_in_every_state_the_services_reach(world, state):
    app = world.application(state)
    _assert_stored_is_computed(app)
    # A running clock gives a date (the check above is not NULL == NULL); a paused one gives none.
    paused = {State.SUBMITTED, State.AWAITING_CORRECTION, State.IN_CONSULTATION, State.AWAITING_FEE}
    paused |= {State.NOT_ACCEPTED, State.DISCARDED}  # never received: no clock at all
    assert (app.answer_due_on is not None) == (state not in paused)


@pytest.mark.parametrize("name", TRANSITIONS)
def test_it_refreshes_the_stored_due_date_after_each_transition(world, name):
    states, roles, call = TRANSITIONS[name]
    for state in states:
        app = world.application(state)
        call(world, app, world.users[sorted(roles)[0]])
        _assert_stored_is_computed(app)


def test_it_moves_the_stored_date_when_an_extension_is_approved_and_a_consultation_ends(world):
    app = world.application(State.IN_CONSULTATION)
    paused = Application.objects.get(pk=app.pk).answer_due_on
    services.end_consultation(app, actor=world.handler, answered_on=dt.date(2025, 3, 20))
    _assert_stored_is_computed(app)
    resumed = Application.objects.get(pk=app.pk).answer_due_on
    assert resumed is not None and resumed != paused
    services.request_extension(
        app, actor=world.handler, days=10, reason="信息量大", on=dt.date(2025, 3, 21)
    )
    services.approve_extension(
        app, actor=world.approver, on=dt.date(2025, 3, 21), notified_on=dt.date(2025, 3, 21)
    )
    _assert_stored_is_computed(app)
    assert Application.objects.get(pk=app.pk).answer_due_on > resumed


def _mixed_cases(world) -> list[Application]:
    """Open and closed cases received on many days, paused, extended, after 补正, with a 第三十五条 date."""
    apps = []
    for offset in range(0, 70, 3):
        day = dt.date(2025, 1, 2) + dt.timedelta(days=offset)
        apps.append(world.application(State.IN_REVIEW, submitted_on=day))
    apps.append(world.application(State.REPLIED, submitted_on=dt.date(2025, 1, 6)))
    apps.append(world.application(State.IN_CONSULTATION, submitted_on=dt.date(2025, 2, 10)))
    apps.append(world.application(State.AWAITING_CORRECTION))
    apps.append(world.application(State.AWAITING_FEE))
    apps.append(world.application(State.SUBMITTED))
    apps.append(world.application(State.DECIDED, submitted_on=dt.date(2025, 2, 3)))
    art35 = world.application(State.IN_REVIEW, submitted_on=dt.date(2025, 2, 5))
    services.set_reasonable_deadline(
        art35,
        actor=world.approver,
        deadline=dt.date(2025, 4, 19),
        reason="申请数量明显超过合理范围，理由合理",
        notified_on=dt.date(2025, 2, 20),
    )  # a Saturday: a 第三十五条 date need not be a working day
    apps.append(art35)
    apps.append(
        world.application(State.IN_REVIEW, agency=world.office_b, submitted_on=dt.date(2025, 2, 24))
    )
    return apps


def _python_sets(today: dt.date) -> tuple[set, set, set]:
    """What the list computed before: every open case, per row, in Python."""
    calendar = working_calendar()
    overdue, soon, unknown = set(), set(), set()
    from django.conf import settings

    for app in Application.objects.filter(state__in=OPEN_STATES).prefetch_related("consultations"):
        info = due_info(app, calendar, today)
        if info.overdue:
            overdue.add(app.pk)
        elif info.days_left is not None and 0 <= info.days_left <= settings.DUE_SOON_WORKING_DAYS:
            soon.add(app.pk)
        if info.error:
            unknown.add(app.pk)
    return overdue, soon, unknown


def _sql_set(due: str, today: dt.date) -> set:
    return {a.pk for a in _due_filter(Application.objects.all(), due, today, working_calendar())}


# Working days, weekends, the 2025 Qingming and Labour Day holidays and their make-up Sunday.
TODAYS = [dt.date(2025, 3, d) for d in range(1, 32)] + [
    dt.date(2025, 4, 4),
    dt.date(2025, 4, 6),
    dt.date(2025, 4, 21),
    dt.date(2025, 4, 27),
    dt.date(2025, 5, 3),
]


def test_it_filters_overdue_and_due_soon_exactly_as_the_per_row_computation(world):
    _mixed_cases(world)
    seen_overdue = seen_soon = False
    for today in TODAYS:
        overdue, soon, _ = _python_sets(today)
        assert _sql_set("overdue", today) == overdue, today
        assert _sql_set("soon", today) == soon, today
        seen_overdue |= bool(overdue)
        seen_soon |= bool(soon)
    assert seen_overdue and seen_soon


def test_it_filters_exactly_when_the_coming_days_reach_a_year_without_holiday_data(world, today):
    # Due late in December 2026; from 29 December the 2027 notice counts, and it is not entered:
    # the dates are provisional, and the cases stay in 已逾期 / 即将到期 all the same.
    today(dt.date(2026, 12, 31))
    for day in (
        dt.date(2026, 11, 20),
        dt.date(2026, 11, 25),
        dt.date(2026, 11, 27),
        dt.date(2026, 12, 10),
    ):
        world.application(State.IN_REVIEW, submitted_on=day)
    seen = set()
    for day in (
        dt.date(2026, 12, 21),
        dt.date(2026, 12, 23),
        dt.date(2026, 12, 24),
        dt.date(2026, 12, 28),
        dt.date(2027, 1, 12),
    ):
        overdue, soon, unknown = _python_sets(day)
        assert not unknown
        assert _sql_set("overdue", day) == overdue, day
        assert _sql_set("soon", day) == soon, day
        seen |= overdue | soon
    provisional = set(
        Application.objects.exclude(answer_due_provisional="").values_list("pk", flat=True)
    )
    assert provisional and provisional <= seen


def _unknown_year_case(world, today) -> Application:
    today(dt.date(2026, 12, 10))
    app = world.application(State.IN_REVIEW, submitted_on=dt.date(2026, 12, 10))
    app.refresh_from_db()
    assert app.answer_due_on is not None and not app.answer_due_error
    assert "2027年节假日安排尚未录入" in app.answer_due_provisional
    return app


def test_it_shows_a_provisional_date_with_its_reason_for_a_year_without_holiday_data(
    client, world, today
):
    app = _unknown_year_case(world, today)
    client.force_login(world.handler)
    body = client.get(reverse("staff:application_list")).content.decode()
    row = body[body.index(app.number) :]
    row = row[: row.index("</tr>")]
    assert "暂定" in row and "无法计算" not in row and "2027年节假日安排尚未录入" in row
    detail = client.get(reverse("staff:application_detail", args=[app.pk])).content.decode()
    assert "暂定" in detail and "全国年节及纪念日放假办法" in detail


def test_it_recomputes_stored_dates_when_the_admin_saves_a_holiday_year(
    client, world, today, django_capture_on_commit_callbacks
):
    app = _unknown_year_case(world, today)
    _admin(client)
    with django_capture_on_commit_callbacks(execute=True):
        assert _holiday_post(client, [("2027-01-01", "holiday", "元旦")]).status_code == 302
    _assert_stored_is_computed(app)
    stored = Application.objects.get(pk=app.pk)
    assert stored.answer_due_on is not None and stored.answer_due_provisional == ""
    # Deleting the year makes the date provisional again.
    with django_capture_on_commit_callbacks(execute=True):
        year = HolidayYear.objects.get(year=2027)
        client.post(reverse("admin:holidays_holidayyear_delete", args=[year.pk]), {"post": "yes"})
    app.refresh_from_db()
    assert app.answer_due_on and app.answer_due_provisional


def test_it_recomputes_stored_dates_with_the_management_command(world, today):
    app = _unknown_year_case(world, today)
    year = HolidayYear.objects.create(year=2027, source="国办发明电〔2026〕测试号")
    # Edited outside the admin: the stored date stays provisional until recomputed.
    assert Application.objects.get(pk=app.pk).answer_due_provisional
    call_command("recompute_due_dates", "--year", "2027")
    _assert_stored_is_computed(app)
    first = Application.objects.get(pk=app.pk).answer_due_on
    assert not Application.objects.get(pk=app.pk).answer_due_provisional
    # A holiday inside the counted period moves the date one working day later.
    SpecialDay.objects.create(
        holiday_year=year, date=dt.date(2027, 1, 4), kind=DayKind.HOLIDAY, name="测试"
    )
    call_command("recompute_due_dates")
    _assert_stored_is_computed(app)
    assert Application.objects.get(pk=app.pk).answer_due_on > first
