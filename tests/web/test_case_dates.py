"""Dates that cannot contradict each other or today, corrected registrations, extensions only
inside the clock (《条例》第三十三条), and the approver sending a draft back."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.applications import services
from gongkai.applications.choices import EventKind, State
from gongkai.applications.models import Application
from gongkai.notices import services as notice_services

from .conftest import RECEIVED, person_data
from .test_services import _snapshot


def _tomorrow() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)


# name: (state to start from, role, call with the date under test)
DATED = {
    "confirm_receipt": (
        State.SUBMITTED,
        "registrar",
        lambda a, u, d: services.confirm_receipt(a, actor=u, on=d),
    ),
    "request_correction": (
        State.IN_REVIEW,
        "handler",
        lambda a, u, d: services.request_correction(
            a, actor=u, items="请补充文号", due_on=d + dt.timedelta(days=10), on=d
        ),
    ),
    "receive_correction": (
        State.AWAITING_CORRECTION,
        "registrar",
        lambda a, u, d: services.receive_correction(a, actor=u, on=d),
    ),
    "start_consultation": (
        State.IN_REVIEW,
        "handler",
        lambda a, u, d: services.start_consultation(
            a, actor=u, party_kind="third_party", party_name="某公司", sent_on=d
        ),
    ),
    "end_consultation": (
        State.IN_CONSULTATION,
        "handler",
        lambda a, u, d: services.end_consultation(a, actor=u, answered_on=d),
    ),
    "notify_fee": (
        State.IN_REVIEW,
        "handler",
        lambda a, u, d: services.notify_fee(
            a, actor=u, method="PER_ITEM", quantity=15, on=d, pay_by=d + dt.timedelta(days=15)
        ),
    ),
    "record_fee_paid": (
        State.AWAITING_FEE,
        "registrar",
        lambda a, u, d: services.record_fee_paid(a, actor=u, on=d),
    ),
    "decide": (
        State.IN_REVIEW,
        "handler",
        lambda a, u, d: services.decide(a, actor=u, outcome="granted", on=d),
    ),
    "sign_reply": (
        State.DECIDED,
        "approver",
        lambda a, u, d: services.sign_reply(a, actor=u, on=d),
    ),
    "serve": (
        State.REPLIED,
        "registrar",
        lambda a, u, d: services.serve(a, actor=u, method="post", on=d, proof="EMS1"),
    ),
    "archive": (State.SERVED, "registrar", lambda a, u, d: services.archive(a, actor=u, on=d)),
    "record_review_case": (
        State.REPLIED,
        "handler",
        lambda a, u, d: services.record_review_case(a, actor=u, kind="review", filed_on=d),
    ),
}


@pytest.mark.parametrize("name", DATED)
def test_it_refuses_a_date_in_the_future_and_changes_nothing(world, name):
    state, role, call = DATED[name]
    app = world.application(state)
    before = _snapshot(app)
    with pytest.raises(services.InvalidInput, match="晚于今天"):
        call(app, world.users[role], _tomorrow())
    assert _snapshot(app) == before


def test_it_refuses_a_registration_received_in_the_future_or_signed_before_it_was_sent(world):
    with pytest.raises(services.InvalidInput, match="晚于今天"):
        services.register(
            actor=world.registrar, agency=world.office_a, data=person_data(submitted_on=_tomorrow())
        )
    with pytest.raises(services.InvalidInput, match="不能早于提交日期"):
        services.register(
            actor=world.registrar,
            agency=world.office_a,
            data=person_data(
                channel="post_signed",
                submitted_on=RECEIVED,
                signed_on=RECEIVED - dt.timedelta(days=1),
            ),
        )
    with pytest.raises(services.InvalidInput, match="早于《条例》施行之日"):
        services.register(
            actor=world.registrar,
            agency=world.office_a,
            data=person_data(submitted_on=dt.date(1999, 1, 4)),
        )
    assert not Application.objects.exists()


# Steps that must not predate the step they follow (the older rules covered some of these).
def test_it_refuses_a_step_dated_before_the_step_it_follows(world):
    served = world.application(State.SERVED)  # served on RECEIVED + 12
    with pytest.raises(services.InvalidInput, match="不能早于送达日期"):
        services.archive(served, actor=world.registrar, on=RECEIVED + dt.timedelta(days=11))

    consulted = world.application(State.IN_REVIEW)
    services.start_consultation(
        consulted,
        actor=world.handler,
        party_kind="other_agency",
        party_name="区财政局",
        sent_on=RECEIVED + dt.timedelta(days=2),
    )
    services.end_consultation(
        consulted, actor=world.handler, answered_on=RECEIVED + dt.timedelta(days=8)
    )
    with pytest.raises(services.InvalidInput, match="不能早于征求意见结束日期"):
        services.decide(
            consulted, actor=world.handler, outcome="granted", on=RECEIVED + dt.timedelta(days=7)
        )
    with pytest.raises(services.InvalidInput, match="不能早于上一次征求意见结束日期"):
        services.start_consultation(
            consulted,
            actor=world.handler,
            party_kind="third_party",
            party_name="某公司",
            sent_on=RECEIVED + dt.timedelta(days=5),
        )

    paid = world.application(State.AWAITING_FEE)  # notified on RECEIVED + 3
    services.record_fee_paid(paid, actor=world.registrar, on=RECEIVED + dt.timedelta(days=9))
    with pytest.raises(services.InvalidInput, match="不能早于缴费日期"):
        services.decide(
            paid, actor=world.handler, outcome="granted", on=RECEIVED + dt.timedelta(days=8)
        )


def test_it_refuses_a_decision_dated_before_the_approved_extension(world):
    app = world.application(State.IN_REVIEW)
    approved = RECEIVED + dt.timedelta(days=14)
    services.request_extension(
        app, actor=world.handler, days=10, reason="信息量大", on=approved - dt.timedelta(days=1)
    )
    services.approve_extension(app, actor=world.approver, on=approved, notified_on=approved)
    with pytest.raises(services.InvalidInput, match="不能早于批准延期日期"):
        services.decide(
            app, actor=world.handler, outcome="granted", on=approved - dt.timedelta(days=1)
        )
    services.decide(app, actor=world.handler, outcome="granted", on=approved)
    assert app.state == State.DECIDED


def test_it_refuses_an_approval_before_the_request_and_periods_beyond_a_year(world):
    app = world.application(State.IN_REVIEW)
    services.request_extension(
        app, actor=world.handler, days=10, reason="信息量大", on=RECEIVED + dt.timedelta(days=10)
    )
    with pytest.raises(services.InvalidInput, match="不能早于申请延期日期"):
        services.approve_extension(
            app,
            actor=world.approver,
            on=RECEIVED + dt.timedelta(days=9),
            notified_on=RECEIVED + dt.timedelta(days=9),
        )
    other = world.application(State.IN_REVIEW)
    with pytest.raises(services.InvalidInput, match="超过一年"):
        services.request_correction(
            other, actor=world.handler, items="请补充", due_on=dt.date(9999, 12, 31), on=RECEIVED
        )


# -- extensions only inside the clock (第三十三条第二款) ---------------------------------------


def test_it_refuses_an_extension_requested_after_the_deadline(world):
    app = world.application(State.IN_REVIEW)  # due 31 March 2025
    before = _snapshot(app)
    with pytest.raises(services.InvalidInput, match="2025-03-31届满.*第三十三条"):
        services.request_extension(
            app, actor=world.handler, days=10, reason="信息量大", on=dt.date(2025, 4, 1)
        )
    assert _snapshot(app) == before
    # On the last day it is still in time.
    services.request_extension(
        app, actor=world.handler, days=10, reason="信息量大", on=dt.date(2025, 3, 31)
    )
    assert app.extension_requested_on == dt.date(2025, 3, 31)


def test_it_refuses_an_extension_approved_after_the_deadline(world):
    app = world.application(State.IN_REVIEW)
    services.request_extension(
        app, actor=world.handler, days=10, reason="信息量大", on=dt.date(2025, 3, 28)
    )
    before = _snapshot(app)
    with pytest.raises(services.InvalidInput, match="届满"):
        services.approve_extension(
            app, actor=world.approver, on=dt.date(2025, 4, 1), notified_on=dt.date(2025, 4, 1)
        )
    assert _snapshot(app) == before
    services.approve_extension(
        app, actor=world.approver, on=dt.date(2025, 3, 31), notified_on=dt.date(2025, 3, 31)
    )
    assert app.extension_days == 10


def test_it_allows_an_extension_while_the_clock_is_paused(world):
    app = world.application(State.IN_CONSULTATION)  # paused since RECEIVED + 3
    services.request_extension(
        app, actor=world.handler, days=5, reason="征求意见中", on=dt.date(2025, 5, 6)
    )
    assert app.extension_requested_days == 5


def test_it_issues_no_extension_letter_after_archiving(world):
    app = world.application(State.IN_REVIEW)
    on = RECEIVED + dt.timedelta(days=7)
    services.request_extension(app, actor=world.handler, days=10, reason="信息量大", on=on)
    services.approve_extension(app, actor=world.approver, on=on, notified_on=on)
    services.decide(app, actor=world.handler, outcome="granted", on=on)
    services.sign_reply(app, actor=world.approver, on=on)
    services.serve(app, actor=world.registrar, method="post", on=on, proof="EMS1")
    services.archive(app, actor=world.registrar, on=on)
    with pytest.raises(services.InvalidInput, match="已归档"):
        notice_services.issue(app, actor=world.handler, kind="extension")
    assert not app.notices.filter(
        kind="extension"
    ).exists()  # the reply is drafted and issued by itself


# -- correcting the registration ------------------------------------------------------------


def test_it_corrects_the_receipt_date_with_a_reason_and_recomputes_the_due_date(world):
    app = world.application(State.REGISTERED, channel="post_signed", signed_on=RECEIVED)
    assert app.answer_due_on == dt.date(2025, 3, 31)
    services.correct_registration(
        app,
        actor=world.registrar,
        data={"signed_on": RECEIVED + dt.timedelta(days=1), "applicant_name": "张叁"},
        reason="签收日期登记错误，以邮件签收单为准",
    )
    app.refresh_from_db()
    assert (app.received_on, app.applicant_name) == (RECEIVED + dt.timedelta(days=1), "张叁")
    assert app.answer_due_on == dt.date(2025, 4, 1)
    event = app.events.order_by("-pk").first()
    assert event.kind == EventKind.REGISTRATION_CORRECTED and event.actor == world.registrar
    assert event.payload["reason"] == "签收日期登记错误，以邮件签收单为准"
    assert event.payload["changes"] == {
        "applicant_name": {"before": "张三", "after": "张叁"},
        "signed_on": {"before": "2025-03-03", "after": "2025-03-04"},
        "received_on": {"before": "2025-03-03", "after": "2025-03-04"},
    }


def test_it_refuses_a_correction_without_reason_by_another_role_or_after_a_later_step(world):
    app = world.application(State.AWAITING_CORRECTION)  # 补正 requested on RECEIVED + 2
    before = _snapshot(app)
    with pytest.raises(services.InvalidInput, match="理由"):
        services.correct_registration(
            app, actor=world.registrar, data={"applicant_name": "李四"}, reason=" "
        )
    for actor in (world.handler, world.approver, world.supervisor, world.other_handler):
        with pytest.raises(services.WrongRole):
            services.correct_registration(
                app, actor=actor, data={"applicant_name": "李四"}, reason="更正"
            )
    with pytest.raises(services.InvalidInput, match="晚于已登记的告知补正日期"):
        services.correct_registration(
            app,
            actor=world.registrar,
            data={"submitted_on": RECEIVED + dt.timedelta(days=5)},
            reason="更正",
        )
    with pytest.raises(services.InvalidInput, match="没有需要更正的内容"):
        services.correct_registration(
            app, actor=world.registrar, data={"applicant_name": "张三"}, reason="更正"
        )
    assert _snapshot(app) == before
    replied = world.application(State.REPLIED)
    with pytest.raises(services.WrongState):
        services.correct_registration(
            replied, actor=world.registrar, data={"applicant_name": "李四"}, reason="更正"
        )


def test_it_corrects_through_the_staff_form_and_shows_before_and_after_in_the_log(client, world):
    app = world.application(State.IN_REVIEW)
    client.force_login(world.registrar)
    url = reverse("staff:application_transition", args=[app.pk, "correct_registration"])
    form = client.get(url).content.decode()
    assert 'value="张三"' in form and "更正理由" in form
    data = {
        "applicant_type": "natural_person",
        "applicant_name": "张三丰",
        "id_doc_type": "resident_id",
        "id_number": app.id_number,
        "contact_phone": "13800000000",
        "description": app.description,
        "delivery_form": "paper",
        "channel": "in_person",
        "submitted_on": "2025-03-03",
        "reason": "姓名少登记一字",
    }
    assert client.post(url, data).status_code == 302
    detail = client.get(reverse("staff:application_detail", args=[app.pk])).content.decode()
    assert "更正登记信息" in detail and "张三 → 张三丰" in detail and "姓名少登记一字" in detail


# -- the approver sends a draft back ----------------------------------------------------------


def test_it_lets_the_approver_return_a_draft_with_a_reason(client, world):
    app = world.application(State.DECIDED)  # decided "granted" on RECEIVED + 10
    with pytest.raises(services.InvalidInput, match="理由"):
        services.return_draft(app, actor=world.approver, reason="")
    with pytest.raises(services.WrongRole):
        services.return_draft(app, actor=world.handler, reason="自己退回")
    services.return_draft(app, actor=world.approver, reason="应部分公开，涉及第三方信息")
    app.refresh_from_db()
    assert (app.state, app.outcome, app.decided_on) == (State.IN_REVIEW, "", None)
    event = app.events.order_by("-pk").first()
    assert (event.kind, event.state_before, event.state_after) == (
        EventKind.DRAFT_RETURNED,
        State.DECIDED,
        State.IN_REVIEW,
    )
    assert (
        event.payload["reason"] == "应部分公开，涉及第三方信息"
        and event.payload["outcome"] == "granted"
    )
    # The handler sees why, and gets the returned draft back in the form.
    client.force_login(world.handler)
    detail = client.get(reverse("staff:application_detail", args=[app.pk])).content.decode()
    assert (
        "审核退回修改" in detail and "应部分公开，涉及第三方信息" in detail and "予以公开" in detail
    )
    form = client.get(
        reverse("staff:application_transition", args=[app.pk, "decide"])
    ).content.decode()
    assert '<option value="granted" selected>' in form
    services.decide(
        app,
        actor=world.handler,
        outcome="partially_granted",
        reason="涉及第三方",
        on=RECEIVED + dt.timedelta(days=12),
    )
    detail = client.get(reverse("staff:application_detail", args=[app.pk])).content.decode()
    assert "审核退回修改" not in detail


def test_it_returns_a_lapse_draft_to_the_state_it_was_made_in(world):
    app = world.application(State.AWAITING_CORRECTION)
    services.lapse_correction(
        app, actor=world.handler, on=app.correction_due_on + dt.timedelta(days=1)
    )
    services.return_draft(app, actor=world.approver, reason="申请人已于期限内补正，见收文登记")
    app.refresh_from_db()
    assert app.state == State.AWAITING_CORRECTION and app.outcome == ""
    services.receive_correction(app, actor=world.registrar, on=app.correction_due_on)
    assert app.state == State.IN_REVIEW
