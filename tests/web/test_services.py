"""Every transition, done and refused (wrong state, wrong role, bad input), through the services."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.agencies.models import Role
from gongkai.applications import services
from gongkai.applications.choices import State
from gongkai.applications.models import Application, ApplicationEvent, ReviewCase

from .conftest import RECEIVED, person_data

# A day inside the 20 working days of an application received on RECEIVED (due 31 March 2025),
# after every step World.application takes before it.
D = RECEIVED + dt.timedelta(days=14)


def _duplicate_source(world):
    return world.application(State.REPLIED)


def _second_handler(world):
    """Another handler at office A, to assign cases the first already handles."""
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Membership

    user, _ = get_user_model().objects.get_or_create(username="a_handler_2")
    Membership.objects.get_or_create(user=user, agency=world.office_a, role=Role.HANDLER)
    return user


_UNFINISHED = set(State) - {State.ARCHIVED, State.NOT_ACCEPTED, State.DISCARDED}


# name: (states it is allowed in, roles allowed, how to call it)
TRANSITIONS = {
    "confirm_receipt": (
        {State.SUBMITTED},
        {Role.REGISTRAR, Role.HANDLER},
        lambda w, a, u: services.confirm_receipt(a, actor=u, on=RECEIVED + dt.timedelta(days=1)),
    ),
    "set_reasonable_deadline": (
        {State.IN_REVIEW, State.IN_CONSULTATION},
        {Role.APPROVER},
        lambda w, a, u: services.set_reasonable_deadline(
            a,
            actor=u,
            deadline=D + dt.timedelta(days=60),
            reason="申请数量明显超过合理范围，理由合理",
            notified_on=D,
        ),
    ),
    "start_review": (
        {State.REGISTERED},
        {Role.HANDLER},
        lambda w, a, u: services.start_review(a, actor=u),
    ),
    "request_correction": (
        {State.IN_REVIEW},
        {Role.HANDLER},
        lambda w, a, u: services.request_correction(
            a, actor=u, items="请补充文号", due_on=D + dt.timedelta(days=9), on=D
        ),
    ),
    "receive_correction": (
        {State.AWAITING_CORRECTION},
        {Role.REGISTRAR, Role.HANDLER},
        lambda w, a, u: services.receive_correction(a, actor=u, on=D),
    ),
    "lapse_correction": (
        {State.AWAITING_CORRECTION},
        {Role.HANDLER},
        lambda w, a, u: services.lapse_correction(a, actor=u, on=D + dt.timedelta(days=60)),
    ),
    "start_consultation": (
        {State.IN_REVIEW},
        {Role.HANDLER},
        lambda w, a, u: services.start_consultation(
            a, actor=u, party_kind="other_agency", party_name="区财政局", sent_on=D
        ),
    ),
    "end_consultation": (
        {State.IN_CONSULTATION},
        {Role.HANDLER},
        lambda w, a, u: services.end_consultation(a, actor=u, answered_on=D, opinion="同意公开"),
    ),
    "request_extension": (
        {State.IN_REVIEW, State.IN_CONSULTATION},
        {Role.HANDLER},
        lambda w, a, u: services.request_extension(a, actor=u, days=15, reason="信息量大", on=D),
    ),
    "notify_fee": (
        {State.IN_REVIEW},
        {Role.HANDLER},
        lambda w, a, u: services.notify_fee(
            a, actor=u, method="PER_ITEM", quantity=15, on=D, pay_by=D + dt.timedelta(days=15)
        ),
    ),
    "record_fee_paid": (
        {State.AWAITING_FEE},
        {Role.REGISTRAR, Role.HANDLER},
        lambda w, a, u: services.record_fee_paid(a, actor=u, on=D),
    ),
    "lapse_fee": (
        {State.AWAITING_FEE},
        {Role.HANDLER},
        lambda w, a, u: services.lapse_fee(a, actor=u, on=D + dt.timedelta(days=60)),
    ),
    "decide": (
        {State.IN_REVIEW},
        {Role.HANDLER},
        lambda w, a, u: services.decide(
            a, actor=u, outcome="unable.not_held", reason="经检索不存在", on=D
        ),
    ),
    "sign_reply": (
        {State.DECIDED},
        {Role.APPROVER},
        lambda w, a, u: services.sign_reply(a, actor=u, on=D),
    ),
    "serve": (
        {State.REPLIED},
        {Role.REGISTRAR, Role.HANDLER},
        lambda w, a, u: services.serve(a, actor=u, method="email", on=D, proof="系统回执"),
    ),
    "archive": (
        {State.SERVED},
        {Role.REGISTRAR, Role.HANDLER},
        lambda w, a, u: services.archive(a, actor=u, on=D),
    ),
    "record_review_case": (
        {State.REPLIED, State.SERVED, State.ARCHIVED},
        {Role.HANDLER, Role.APPROVER},
        lambda w, a, u: services.record_review_case(a, actor=u, kind="review", filed_on=D),
    ),
    "correct_registration": (
        {
            State.REGISTERED,
            State.IN_REVIEW,
            State.AWAITING_CORRECTION,
            State.IN_CONSULTATION,
            State.AWAITING_FEE,
            State.DECIDED,
        },
        {Role.REGISTRAR},
        lambda w, a, u: services.correct_registration(
            a, actor=u, data={"applicant_name": "张三丰"}, reason="姓名登记有误"
        ),
    ),
    "return_draft": (
        {State.DECIDED},
        {Role.APPROVER},
        lambda w, a, u: services.return_draft(a, actor=u, reason="答复理由不充分"),
    ),
    "assign": (
        _UNFINISHED,
        {Role.REGISTRAR, Role.APPROVER},
        lambda w, a, u: services.assign(a, actor=u, handler=_second_handler(w)),
    ),
    "decline_submission": (
        {State.SUBMITTED},
        {Role.REGISTRAR, Role.HANDLER},
        lambda w, a, u: services.decline_submission(
            a, actor=u, reason="系投诉举报，不属于政府信息公开申请", on=D
        ),
    ),
    "discard_submission": (
        {State.SUBMITTED},
        {Role.REGISTRAR, Role.HANDLER},
        lambda w, a, u: services.discard_submission(a, actor=u, discard_reason="spam"),
    ),
}


def _snapshot(app: Application) -> tuple:
    app.refresh_from_db()
    fields = {
        f.attname: getattr(app, f.attname)
        for f in Application._meta.concrete_fields
        if f.attname != "updated_at"
    }
    return (
        fields,
        app.events.count(),
        app.consultations.count(),
        ReviewCase.objects.filter(application=app).count(),
    )


@pytest.mark.parametrize("name", TRANSITIONS)
def test_it_performs_each_transition_in_each_allowed_state_and_role(world, name):
    states, roles, call = TRANSITIONS[name]
    for state in states:
        for role in roles:
            app = world.application(state)
            before = app.events.count()
            call(world, app, world.users[role])
            app.refresh_from_db()
            event = app.events.order_by("-pk").first()
            assert app.events.count() == before + 1
            assert event.actor == world.users[role]
            assert event.state_before == state


@pytest.mark.parametrize("name", TRANSITIONS)
def test_it_refuses_each_transition_in_every_other_state_and_changes_nothing(world, name):
    states, roles, call = TRANSITIONS[name]
    actor = world.users[sorted(roles)[0]]
    for state in set(State) - states:
        app = world.application(state)
        before = _snapshot(app)
        with pytest.raises(services.WrongState):
            call(world, app, actor)
        assert _snapshot(app) == before


@pytest.mark.parametrize("name", TRANSITIONS)
def test_it_refuses_each_transition_to_every_other_role_and_other_agencies(world, name):
    states, roles, call = TRANSITIONS[name]
    app = world.application(sorted(states)[0])
    wrong = [world.users[r] for r in set(Role.values) - roles]
    wrong += [world.other_handler, world.other_approver, world.district_supervisor]
    for actor in wrong:
        before = _snapshot(app)
        with pytest.raises(services.WrongRole):
            call(world, app, actor)
        assert _snapshot(app) == before


@pytest.mark.parametrize("name", TRANSITIONS)
def test_it_tells_a_user_without_the_role_so_before_naming_the_state(world, name):
    states, roles, call = TRANSITIONS[name]
    app = world.application(sorted(set(State) - states)[0])
    actor = world.users[sorted(set(Role.values) - roles)[0]]
    before = _snapshot(app)
    with pytest.raises(services.WrongRole):
        call(world, app, actor)
    assert _snapshot(app) == before


def test_it_names_the_wrong_state_before_looking_at_the_input(world):
    # A registered case has no fee deadline, draft or reply: these inputs would be refused (or
    # could not even be compared) if the state were not checked first.
    app = world.application(State.REGISTERED)
    before = _snapshot(app)
    for call in (
        lambda: services.lapse_fee(app, actor=world.handler, on=D),
        lambda: services.lapse_correction(app, actor=world.handler, on=D),
        lambda: services.decide(app, actor=world.handler, outcome="不存在", on=D),
        lambda: services.serve(app, actor=world.handler, method="信鸽", on=D, proof=""),
        lambda: services.return_draft(app, actor=world.approver, reason=""),
    ):
        with pytest.raises(services.WrongState):
            call()
    assert _snapshot(app) == before


def test_it_fails_a_call_with_a_wrong_keyword_before_checking_anything(world):
    app = world.application(State.AWAITING_FEE)
    before = _snapshot(app)
    with pytest.raises(TypeError, match="paid_on"):
        services.record_fee_paid(app, actor=world.district_supervisor, on=D, paid_on=D)
    with pytest.raises(TypeError, match="'on'"):
        services.archive(app, actor=world.handler)
    assert _snapshot(app) == before


def test_it_dates_receipt_by_channel_as_article_31_says():
    s, signed, confirmed = dt.date(2025, 1, 2), dt.date(2025, 1, 6), dt.date(2025, 1, 7)
    assert services.receipt_date("in_person", s, signed, confirmed) == s
    assert services.receipt_date("post_signed", s, signed, confirmed) == signed
    for channel in ("ordinary_letter", "internet", "fax", "email"):
        assert services.receipt_date(channel, s, signed, confirmed) == confirmed
        with pytest.raises(services.InvalidInput):
            services.receipt_date(channel, s, signed, None)
    with pytest.raises(services.InvalidInput):
        services.receipt_date("post_signed", s, None, confirmed)


def test_it_registers_with_a_number_and_a_first_event(world):
    app = services.register(
        actor=world.registrar,
        agency=world.office_a,
        data=person_data(
            channel="post_signed", submitted_on=dt.date(2025, 3, 1), signed_on=dt.date(2025, 3, 4)
        ),
    )
    assert app.state == State.REGISTERED
    assert app.received_on == dt.date(2025, 3, 4)
    assert app.number == "D01-01-2025-00001"
    second = services.register(actor=world.handler, agency=world.office_a, data=person_data())
    assert second.number == "D01-01-2025-00002"
    (event,) = app.events.all()
    assert (event.kind, event.state_before, event.state_after) == ("registered", "", "registered")


@pytest.mark.parametrize("role", [Role.APPROVER, Role.SUPERVISOR, Role.ADMINISTRATOR])
def test_it_refuses_registration_to_roles_without_the_right(world, role):
    with pytest.raises(services.WrongRole):
        services.register(actor=world.users[role], agency=world.office_a, data=person_data())
    assert not Application.objects.exists()


def test_it_refuses_registration_at_another_agency(world):
    with pytest.raises(services.WrongRole):
        services.register(actor=world.registrar, agency=world.office_b, data=person_data())
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {
            "id_number": "110105198001011230"
        },  # wrong check digit (the right one is computed in conftest)
        {"id_number": ""},
        {"applicant_type": "commercial_enterprise", "credit_code": ""},
        {"applicant_type": "commercial_enterprise", "credit_code": "91350100M000100Y44"},
        {"applicant_type": "legal_service_org", "credit_code": "91350100M0001O0Y43"},
        {"contact_phone": ""},
    ],
)
def test_it_refuses_registration_with_bad_applicant_data(world, overrides):
    if overrides.get("id_number") == "110105198001011230":
        from gongkai.applications.identifiers import id_card_check_digit

        assert id_card_check_digit("11010519800101123") != "0"
    with pytest.raises(services.InvalidInput):
        services.register(
            actor=world.registrar, agency=world.office_a, data=person_data(**overrides)
        )
    assert not Application.objects.exists()


def test_it_registers_an_organisation_with_a_valid_credit_code(world):
    app = services.register(
        actor=world.registrar,
        agency=world.office_a,
        data=person_data(
            applicant_type="research_institution",
            id_doc_type="",
            id_number="",
            credit_code="91350100m000100y43",
        ),
    )
    assert app.credit_code == "91350100M000100Y43"


def test_it_restarts_the_clock_after_correction(world):
    app = world.application(State.AWAITING_CORRECTION)
    assert app.clock_start == RECEIVED
    services.receive_correction(app, actor=world.registrar, on=dt.date(2025, 3, 20))
    assert app.state == State.IN_REVIEW
    assert app.clock_start == dt.date(2025, 3, 20)


def test_it_requests_correction_only_once(world):
    app = world.application(State.AWAITING_CORRECTION)
    services.receive_correction(app, actor=world.registrar, on=dt.date(2025, 3, 20))
    with pytest.raises(services.InvalidInput, match="一次性"):
        services.request_correction(
            app, actor=world.handler, items="再补", due_on=D, on=dt.date(2025, 3, 21)
        )


def test_it_flags_a_correction_notice_later_than_seven_working_days(world):
    app = world.application(State.IN_REVIEW)
    # Received Monday 3 March; the 7th working day after is Wednesday 12 March.
    services.request_correction(
        app, actor=world.handler, items="x", due_on=D, on=dt.date(2025, 3, 12)
    )
    assert app.events.last().payload["late_notice"] is False
    other = world.application(State.IN_REVIEW)
    services.request_correction(
        other, actor=world.handler, items="x", due_on=D, on=dt.date(2025, 3, 13)
    )
    assert other.events.last().payload["late_notice"] is True


def test_it_closes_an_uncorrected_application_as_no_correction_only_after_the_deadline(world):
    app = world.application(State.AWAITING_CORRECTION)
    with pytest.raises(services.InvalidInput):
        services.lapse_correction(app, actor=world.handler, on=app.correction_due_on)
    assert app.state == State.AWAITING_CORRECTION
    services.lapse_correction(
        app, actor=world.handler, on=app.correction_due_on + dt.timedelta(days=1)
    )
    assert (app.state, app.outcome) == (State.DECIDED, "other.no_correction")


def test_it_lets_only_the_approver_grant_an_extension_of_at_most_20_days(world):
    app = world.application(State.IN_REVIEW)
    with pytest.raises(services.InvalidInput):
        services.request_extension(app, actor=world.handler, days=21, reason="多")
    with pytest.raises(services.WrongState):
        services.approve_extension(app, actor=world.approver, on=D, notified_on=D)
    services.request_extension(app, actor=world.handler, days=20, reason="信息量大", on=D)
    for actor in (world.handler, world.registrar, world.supervisor, world.other_approver):
        with pytest.raises(services.WrongRole):
            services.approve_extension(app, actor=actor, on=D, notified_on=D)
    assert app.extension_days == 0
    services.approve_extension(app, actor=world.approver, on=D, notified_on=D)
    assert app.extension_days == 20
    assert app.extension_notified_on == D
    with pytest.raises(services.InvalidInput):
        services.request_extension(app, actor=world.handler, days=5, reason="再延", on=D)


def test_it_lets_the_approver_refuse_an_extension(world):
    app = world.application(State.IN_CONSULTATION)
    services.request_extension(app, actor=world.handler, days=10, reason="r", on=D)
    with pytest.raises(services.WrongRole):
        services.refuse_extension(app, actor=world.handler)
    services.refuse_extension(app, actor=world.approver, reason="无必要")
    assert app.extension_days == 0 and app.extension_requested_days is None
    assert app.events.last().kind == "extension_refused"


def test_it_accepts_only_leaf_outcome_rows_of_table_three(world):
    app = world.application(State.IN_REVIEW)
    for bad in (
        "denied",
        "results_total",
        "other",
        "partially",
        "other.no_correction",
        "other.fee_not_paid",
    ):
        with pytest.raises(services.InvalidInput):
            services.decide(app, actor=world.handler, outcome=bad, reason="r", on=D)
    assert app.state == State.IN_REVIEW and app.outcome == ""
    services.decide(
        app, actor=world.handler, outcome="partially_granted", reason="部分涉及个人隐私", on=D
    )
    assert (app.state, app.outcome) == (State.DECIDED, "partially_granted")


def test_it_requires_reasons_for_refusals(world):
    app = world.application(State.IN_REVIEW)
    with pytest.raises(services.InvalidInput):
        services.decide(app, actor=world.handler, outcome="denied.state_secret", reason=" ", on=D)


def test_it_links_a_duplicate_to_an_answered_application_of_the_same_agency(world):
    original = world.application(State.REPLIED)
    open_one = world.application(State.IN_REVIEW)
    foreign = world.application(State.REPLIED, agency=world.office_b)
    app = world.application(State.IN_REVIEW)
    for bad in (None, open_one, foreign, app):
        with pytest.raises(services.InvalidInput):
            services.decide(
                app,
                actor=world.handler,
                outcome="not_processed.duplicate",
                reason="重复",
                on=D,
                duplicate_of=bad,
            )
    services.decide(
        app,
        actor=world.handler,
        outcome="not_processed.duplicate",
        reason="重复",
        on=D,
        duplicate_of=original,
    )
    assert app.duplicate_of == original
    assert app.events.last().payload["duplicate_of"] == original.number


def test_it_answers_unclear_after_correction_only_after_a_correction(world):
    app = world.application(State.IN_REVIEW)
    with pytest.raises(services.InvalidInput):
        services.decide(
            app, actor=world.handler, outcome="unable.unclear_after_correction", reason="r", on=D
        )
    corrected = world.application(State.AWAITING_CORRECTION)
    services.receive_correction(corrected, actor=world.handler, on=D)
    services.decide(
        corrected,
        actor=world.handler,
        outcome="unable.unclear_after_correction",
        reason="仍不明确",
        on=D,
    )
    assert corrected.state == State.DECIDED


def test_it_records_art35_and_art39_outcomes(world):
    for outcome in (
        "not_processed.excessive",
        "not_processed.petition_complaint",
        "not_processed.publication",
    ):
        app = world.application(State.IN_REVIEW)
        services.decide(
            app,
            actor=world.handler,
            outcome=outcome,
            reason="依法告知",
            on=D,
            redirect_to="区信访局",
        )
        assert app.outcome == outcome


def test_it_signs_serves_and_archives_with_the_details_given(world):
    app = world.application(State.DECIDED)
    services.sign_reply(app, actor=world.approver, on=D)
    assert app.signed_by == world.approver and app.replied_on == D
    with pytest.raises(services.InvalidInput):
        services.serve(app, actor=world.registrar, method="carrier pigeon", on=D, proof="x")
    with pytest.raises(services.InvalidInput):
        services.serve(app, actor=world.registrar, method="post", on=D, proof="")
    services.serve(app, actor=world.registrar, method="post", on=D, proof="EMS9")
    assert (app.service_method, app.served_on, app.service_proof) == ("post", D, "EMS9")
    services.archive(app, actor=world.registrar, on=D)
    kinds = list(app.events.values_list("kind", flat=True))
    assert kinds[-4:] == ["decided", "reply_signed", "served", "archived"]
    assert [e.state_after for e in app.events.all()][-1] == State.ARCHIVED


def test_it_records_review_cases_for_table_four(world):
    app = world.application(State.SERVED)
    with pytest.raises(services.InvalidInput):
        services.record_review_case(
            app, actor=world.handler, kind="litigation_after_review", filed_on=D
        )
    review = services.record_review_case(app, actor=world.handler, kind="review", filed_on=D)
    assert review.result == "pending"
    services.conclude_review_case(
        review, actor=world.approver, result="upheld", concluded_on=D + dt.timedelta(days=40)
    )
    review.refresh_from_db()
    assert (review.result, review.concluded_on) == ("upheld", D + dt.timedelta(days=40))
    with pytest.raises(services.WrongState):
        services.conclude_review_case(
            review, actor=world.approver, result="corrected", concluded_on=D + dt.timedelta(days=41)
        )
    with pytest.raises(services.WrongRole):
        services.conclude_review_case(
            review, actor=world.other_handler, result="corrected", concluded_on=D
        )
    after = services.record_review_case(
        app, actor=world.handler, kind="litigation_after_review", filed_on=D + dt.timedelta(days=50)
    )
    assert after.kind == "litigation_after_review"


def test_it_never_updates_or_deletes_events(world):
    app = world.application(State.IN_REVIEW)
    event = app.events.first()
    event.payload = {"forged": True}
    with pytest.raises(Exception, match="只能追加"):
        event.save()
    with pytest.raises(Exception, match="只能追加"):
        event.delete()
    with pytest.raises(Exception, match="只能追加"):
        ApplicationEvent.objects.filter(pk=event.pk).update(kind="archived")
    with pytest.raises(Exception, match="只能追加"):
        ApplicationEvent.objects.all().delete()
    assert ApplicationEvent.objects.get(pk=event.pk).payload != {"forged": True}


def test_it_offers_exactly_the_transitions_the_services_accept(world):
    for state in State:
        app = world.application(state)
        for role in Role.values:
            offered = set(services.allowed_transitions(app, world.users[role]))
            expected = {
                name
                for name, (states, roles, _) in TRANSITIONS.items()
                if state in states and role in roles
            }
            # Extension approval and review conclusions need a pending request first.
            assert (
                offered - {"approve_extension", "refuse_extension", "conclude_review_case"}
                == expected
            )
        assert services.allowed_transitions(app, world.other_handler) == []
        assert services.allowed_transitions(app, world.district_supervisor) == []


def test_it_explains_a_refusal_in_chinese_naming_state_and_role(world):
    app = world.application(State.REGISTERED)
    with pytest.raises(
        services.WrongState, match="当前状态为“已登记”，只有“已答复、已送达、已归档”状态可以"
    ):
        services.record_review_case(app, actor=world.handler, kind="review", filed_on=D)
    with pytest.raises(services.WrongRole, match="无权签发答复：需要本机关的审核签发角色"):
        services.sign_reply(app, actor=world.handler, on=D)


def test_it_takes_a_portal_submission_without_a_receipt_date_until_confirmed(world):
    from gongkai.applications.deadline import due_info
    from gongkai.holidays.table import working_calendar

    app = services.submit_online(
        agency=world.office_a, data=person_data(channel="email", confirmed_on=RECEIVED)
    )
    assert (app.state, app.channel, app.received_on, app.confirmed_on) == (
        State.SUBMITTED,
        "internet",
        None,
        None,
    )
    assert app.number.startswith("D01-01-2025-")
    (event,) = app.events.all()
    assert event.actor is None and event.kind == "submitted"
    info = due_info(app, working_calendar(), RECEIVED)
    assert info.due_on is None and "第三十一条第（三）项" in info.explanation[0]
    with pytest.raises(services.InvalidInput):
        services.confirm_receipt(app, actor=world.registrar, on=RECEIVED - dt.timedelta(days=1))
    services.confirm_receipt(app, actor=world.registrar, on=dt.date(2025, 3, 5))
    assert (app.state, app.received_on, app.confirmed_on) == (
        State.REGISTERED,
        dt.date(2025, 3, 5),
        dt.date(2025, 3, 5),
    )
    assert due_info(app, working_calendar(), RECEIVED).due_on == dt.date(2025, 4, 2)


def test_it_validates_portal_submissions_like_registrations(world):
    with pytest.raises(services.InvalidInput, match="证件号码"):
        services.submit_online(agency=world.office_a, data=person_data(id_number="123"))
    assert not Application.objects.exists()


def test_it_sets_an_art35_deadline_only_later_than_the_current_one(world):
    from gongkai.applications.deadline import due_info
    from gongkai.holidays.table import working_calendar

    app = world.application(State.IN_REVIEW)
    with pytest.raises(services.InvalidInput, match="应晚于"):
        services.set_reasonable_deadline(
            app,
            actor=world.approver,
            deadline=dt.date(2025, 3, 31),
            reason="r",
            notified_on=RECEIVED,
        )
    services.set_reasonable_deadline(
        app,
        actor=world.approver,
        deadline=dt.date(2025, 5, 30),
        reason="数量明显超过合理范围",
        notified_on=RECEIVED,
    )
    info = due_info(app, working_calendar(), RECEIVED)
    assert info.due_on == dt.date(2025, 5, 30)
    assert "第三十五条" in info.explanation[-1]
    with pytest.raises(services.InvalidInput):
        services.set_reasonable_deadline(
            app,
            actor=world.approver,
            deadline=dt.date(2025, 6, 30),
            reason="再延",
            notified_on=RECEIVED,
        )


def test_it_documents_every_transition():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "applications.md").read_text(
        encoding="utf-8"
    )
    for name in services.RULES:
        assert f"| `{name}` |" in doc, name


def test_it_charges_the_fee_the_deadline_package_computes_and_pauses_the_clock(world):
    from gongkai.applications.deadline import due_info
    from gongkai.deadlines import FeeMethod, information_fee
    from gongkai.holidays.table import working_calendar

    app = world.application(State.IN_REVIEW)
    with pytest.raises(services.InvalidInput, match="不收取"):
        services.notify_fee(
            app,
            actor=world.handler,
            method="PER_ITEM",
            quantity=10,
            on=D,
            pay_by=D + dt.timedelta(days=10),
        )
    on, paid = dt.date(2025, 3, 10), dt.date(2025, 3, 14)  # Monday to Friday
    services.notify_fee(
        app, actor=world.handler, method="PER_ITEM", quantity=15, on=on, pay_by=dt.date(2025, 3, 24)
    )
    assert app.fee_amount == information_fee(FeeMethod.PER_ITEM, 15).amount > 0
    assert app.state == State.AWAITING_FEE
    cal = working_calendar()
    assert due_info(app, cal, on).due_on is None  # paused until payment
    services.record_fee_paid(app, actor=world.registrar, on=paid)
    info = due_info(app, cal, paid)
    assert info.due_on == cal.add_working_days(RECEIVED, 25)
    assert any("信息处理费" in line for line in info.explanation)


def test_it_closes_an_unpaid_application_as_fee_not_paid_only_after_the_deadline(world):
    app = world.application(State.AWAITING_FEE)
    with pytest.raises(services.InvalidInput):
        services.lapse_fee(app, actor=world.handler, on=app.fee_pay_by)
    services.lapse_fee(app, actor=world.handler, on=app.fee_pay_by + dt.timedelta(days=1))
    assert (app.state, app.outcome) == (State.DECIDED, "other.fee_not_paid")
