"""The supervision records in the Django admin, asked from the outside: an agency's scoped
administrator sees its own rows only, nothing is changed there, complaints and their
complainants' details stay out of it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from gongkai.agencies.models import Membership, Role
from gongkai.evaluations import services as evaluation
from gongkai.evaluations.models import Indicator
from gongkai.rectifications import services as rect
from gongkai.rectifications.models import RectificationEvent

from .test_rectifications import TODAY, _scan


@pytest.fixture
def rows(world, today):
    """A notice to A and one to B, each answered; a manual score of each; the year published; a
    complaint about each."""
    today(TODAY)
    office, actor = world.district, world.district_supervisor
    out = {}
    scheme = evaluation.create_scheme(office=office, year=2025, actor=actor)
    manual = Indicator.objects.filter(scheme=scheme, method="manual", children__isnull=True).first()
    for w, unit, answerer in (
        ("a", world.office_a, world.handler),
        ("b", world.office_b, world.other_handler),
    ):
        notice = rect.issue(
            office=office,
            actor=actor,
            title=f"{w}单位的通报",
            body="b",
            deadline=TODAY + dt.timedelta(days=9),
            problems=[rect.ProblemInput(unit, f"{w}单位的问题")],
        )
        addressee = notice.addressees.get()
        answer = rect.answer(addressee, actor=answerer, text=f"{w}单位的整改情况", checked=_scan())
        score = evaluation.enter_score(
            manual,
            unit=unit,
            actor=actor,
            score=Decimal(5),
            reason=f"{w}单位的评分说明",
            link="https://x.cn",
        )
        complaint = rect.receive_complaint(
            agency=unit, name=f"{w}投诉人", phone="13800000001", email="", text=f"{w}投诉内容"
        )
        out[w] = {
            "rectifications/rectificationnotice": notice,
            "rectifications/addressee": addressee,
            "rectifications/answer": answer,
            "rectifications/problem": addressee.problems.get(),
            "rectifications/rectificationevent": RectificationEvent.objects.filter(
                addressee=addressee
            ).first(),
            "evaluations/manualscore": score,
            "complaint": complaint,
        }
    evaluation.publish_scores(scheme, actor=actor)
    return out


def _administrator(agency, name):
    user = get_user_model().objects.create_user(name, password="pw")
    Membership.objects.create(user=user, agency=agency, role=Role.ADMINISTRATOR)
    return user


def _change(model: str, obj) -> str:
    return f"/admin/{model}/{obj.pk}/change/"


def test_a_units_administrator_sees_its_own_rows_only(client, world, rows):
    client.force_login(world.administrator)  # office A's
    for model, mine in rows["a"].items():
        if model == "complaint":
            continue
        theirs = rows["b"][model]
        listing = client.get(f"/admin/{model}/")
        assert listing.status_code == 200, model
        body = listing.content.decode()
        assert _change(model, mine) in body, model
        assert _change(model, theirs) not in body, model
        assert client.get(_change(model, mine)).status_code == 200, model
        # Office B's row does not exist for them: Django's missing-object redirect, nothing shown.
        response = client.get(_change(model, theirs))
        assert response.status_code == 302 and "b单位" not in response.content.decode(), model
    assert "b单位的整改情况" not in client.get("/admin/rectifications/answer/").content.decode()


def test_the_district_administrator_sees_every_unit_below(client, world, rows):
    client.force_login(_administrator(world.district, "d_admin"))
    body = client.get("/admin/rectifications/addressee/").content.decode()
    assert _change("rectifications/addressee", rows["a"]["rectifications/addressee"]) in body
    assert _change("rectifications/addressee", rows["b"]["rectifications/addressee"]) in body
    # The year's published scores are the office's: the district's administrator sees them,
    # office B's does not.
    release = _change("evaluations/release", world.district.evaluation_schemes.get().releases.get())
    assert release in client.get("/admin/evaluations/release/").content.decode()
    client.force_login(_administrator(world.office_b, "b_admin"))
    assert release not in client.get("/admin/evaluations/release/").content.decode()


def test_nothing_is_changed_through_the_admin(client, world, rows):
    root = get_user_model().objects.create_superuser("root", password="pw")
    client.force_login(root)
    event = rows["a"]["rectifications/rectificationevent"]
    answer = rows["a"]["rectifications/answer"]
    for model, obj in (
        ("rectifications/rectificationevent", event),
        ("rectifications/answer", answer),
        ("evaluations/release", world.district.evaluation_schemes.get().releases.get()),
    ):
        assert client.get(f"/admin/{model}/add/").status_code == 403, model
        assert client.post(_change(model, obj), {"text": "改"}).status_code == 403, model
        assert client.post(f"/admin/{model}/{obj.pk}/delete/", {"post": "yes"}).status_code == 403
    answer.refresh_from_db()
    assert answer.text == "a单位的整改情况"
    assert RectificationEvent.objects.filter(pk=event.pk).exists()


def test_complaints_are_the_system_administrators_without_the_complainant(client, world, rows):
    complaint = rows["a"]["complaint"]
    client.force_login(world.administrator)
    assert client.get("/admin/rectifications/complaint/").status_code == 403
    assert client.get(_change("rectifications/complaint", complaint)).status_code == 403
    # The complaint's own events (received) are not reachable through the event log either.
    received = RectificationEvent.objects.get(complaint=complaint)
    body = client.get("/admin/rectifications/rectificationevent/").content.decode()
    assert _change("rectifications/rectificationevent", received) not in body
    assert client.get(_change("rectifications/rectificationevent", received)).status_code == 302
    root = get_user_model().objects.create_superuser("root", password="pw")
    client.force_login(root)
    page = client.get(_change("rectifications/complaint", complaint)).content.decode()
    assert world.office_a.name in page
    for secret in ("a投诉人", "13800000001", "a投诉内容", complaint.tracking_code):
        assert secret not in page
