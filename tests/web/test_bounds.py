"""Every value bounded before it is stored, control characters stripped, fees priced only within
bounds, and absurd parameters answered with 400 (or 404), never 500, on every URL."""

from __future__ import annotations

import datetime as dt
import io
import re
import signal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gongkai.agencies.models import Membership, Role
from gongkai.applications import services
from gongkai.applications.choices import State
from gongkai.applications.models import Application
from gongkai.notices import services as notice_services

from .conftest import RECEIVED, person_data
from .portal.test_api import _post, _token
from .test_services import _snapshot

# -- values that do not fit their column --------------------------------------------------------


def test_it_refuses_a_value_longer_than_its_column_before_saving(world):
    with pytest.raises(services.InvalidInput, match="申请人姓名或名称最多200个字符"):
        services.register(
            actor=world.registrar,
            agency=world.office_a,
            data=person_data(applicant_name="张" * 300),
        )
    assert not Application.objects.exists()
    app = world.application(State.REPLIED)
    before = _snapshot(app)
    with pytest.raises(services.InvalidInput, match="送达凭证最多200个字符"):
        services.serve(
            app,
            actor=world.registrar,
            method="post",
            on=RECEIVED + dt.timedelta(days=12),
            proof="E" * 300,
        )
    in_review = world.application(State.IN_REVIEW)
    with pytest.raises(services.InvalidInput, match="征求对象最多200个字符"):
        services.start_consultation(
            in_review,
            actor=world.handler,
            party_kind="third_party",
            party_name="公司" * 150,
            sent_on=RECEIVED,
        )
    assert _snapshot(app) == before and in_review.consultations.count() == 0


def test_it_strips_control_characters_and_the_letter_then_renders(client, world):
    from docx import Document

    app = services.register(
        actor=world.registrar,
        agency=world.office_a,
        data=person_data(applicant_name="张\x01三\x7f", description="文件\x0b名称\n第二行"),
    )
    app.refresh_from_db()
    assert app.applicant_name == "张三" and app.description == "文件名称\n第二行"
    services.start_review(app, actor=world.handler)
    services.decide(
        app,
        actor=world.handler,
        outcome="unable.not_held",
        reason="经检索\x02不存在",
        on=RECEIVED + dt.timedelta(days=5),
    )
    assert Application.objects.get(pk=app.pk).decision_reason == "经检索不存在"
    assert app.events.order_by("-pk").first().payload["reason"] == "经检索不存在"
    notice = notice_services.issue(app, actor=world.handler, kind="reply")
    client.force_login(world.handler)
    response = client.get(reverse("notices:download_docx", args=[notice.pk]))
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "张三" in text


def test_it_renders_a_letter_for_a_name_stored_with_a_control_character_before_the_fix(
    client, world
):
    from docx import Document

    app = world.application(State.DECIDED)
    Application.objects.filter(pk=app.pk).update(
        applicant_name="张\x01三"
    )  # data from before the rule
    notice = notice_services.issue(app, actor=world.handler, kind="reply")
    client.force_login(world.handler)
    response = client.get(reverse("notices:download_docx", args=[notice.pk]))
    assert response.status_code == 200
    assert "张三：" in [p.text for p in Document(io.BytesIO(response.content)).paragraphs]


# -- fees --------------------------------------------------------------------------------------


def _notify(app, actor, **kwargs):
    args = {
        "method": "PER_ITEM",
        "quantity": 5,
        "on": RECEIVED + dt.timedelta(days=3),
        "pay_by": RECEIVED + dt.timedelta(days=20),
    }
    return services.notify_fee(app, actor=actor, **{**args, **kwargs})


def test_it_answers_at_once_for_an_absurd_number_of_earlier_items(world):
    app = world.application(State.IN_REVIEW)
    before = _snapshot(app)

    def too_long(signum, frame):
        raise TimeoutError("notify_fee did not return")

    # The tier-by-tier loop ran for hours on 10**30; the bound answers at once.
    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(20)
    try:
        with pytest.raises(services.InvalidInput, match="超出可计算范围"):
            _notify(app, world.handler, already_this_month=10**30)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert _snapshot(app) == before


@pytest.mark.parametrize(
    ("method", "quantity", "already"),
    [
        ("PER_ITEM", 1, 10**7),
        ("PER_ITEM", 10**7, 0),
        ("PER_VOLUME", 10**7, 0),
        ("PER_VOLUME", 2**31, 0),
    ],
)
def test_it_refuses_quantities_beyond_the_bounds_and_stores_nothing(
    world, method, quantity, already
):
    app = world.application(State.IN_REVIEW)
    before = _snapshot(app)
    with pytest.raises(services.InvalidInput, match="超出可计算范围"):
        _notify(app, world.handler, method=method, quantity=quantity, already_this_month=already)
    assert _snapshot(app) == before


def test_it_stores_the_largest_fee_within_the_bounds(world):
    app = world.application(State.IN_REVIEW)
    _notify(app, world.handler, quantity=10_000)
    app.refresh_from_db()
    assert app.fee_amount == 498_502_000 and app.fee_amount < 2**31


# -- the API and the forms bound their input -----------------------------------------------------


def test_it_answers_400_in_json_for_values_the_columns_cannot_hold(client, world):
    reg, handler = _token(world.registrar), _token(world.handler)
    long_name = {
        **person_data(),
        "applicant_name": "张" * 300,
        "agency": world.office_a.pk,
        "submitted_on": "2025-03-03",
    }
    response = _post(client, "/api/applications", long_name, **reg)
    assert response.status_code == 400 and "applicant_name" in response.json()["fields"]
    future = {**person_data(), "agency": world.office_a.pk, "submitted_on": "9999-12-31"}
    response = _post(client, "/api/applications", future, **reg)
    assert response.status_code == 400 and "晚于今天" in response.json()["error"]
    assert not Application.objects.exists()
    app = world.application(State.IN_REVIEW)
    url = f"/api/applications/{app.pk}/transitions/notify_fee"
    fee = {
        "method": "PER_VOLUME",
        "quantity": 2**31,
        "on": "2025-03-06",
        "pay_by": "2025-03-20",
        "already_this_month": 0,
    }
    response = _post(client, url, fee, **handler)
    assert response.status_code == 400 and "quantity" in response.json()["fields"]
    response = _post(
        client,
        url,
        {**fee, "quantity": 10, "method": "PER_ITEM", "already_this_month": 10**30},
        **handler,
    )
    assert response.status_code == 400 and "already_this_month" in response.json()["fields"]


def test_it_refuses_nested_json_values_with_400(client, world):
    app = world.application(State.IN_REVIEW)
    handler = _token(world.handler)
    response = _post(
        client,
        f"/api/applications/{app.pk}/transitions/decide",
        {"outcome": "granted", "on": ["2025-03-10"]},
        **handler,
    )
    assert response.status_code == 400 and response["Content-Type"].startswith("application/json")
    assert "on" in response.json()["error"]
    nested = {
        **person_data(),
        "applicant_name": {"a": 1},
        "agency": world.office_a.pk,
        "submitted_on": "2025-03-03",
    }
    response = _post(client, "/api/applications", nested, **_token(world.registrar))
    assert response.status_code == 400 and "applicant_name" in response.json()["error"]
    response = client.post(
        f"/api/applications/{app.pk}/transitions/decide",
        b"[" * 100000,
        content_type="application/json",
        **handler,
    )
    assert response.status_code == 400


def test_it_answers_api_errors_in_json(client, world):
    handler = _token(world.handler)
    for path, status in (
        ("/api/nothing-here", 404),
        (f"/api/applications/{10**30}", 404),
        ("/api/applications?agency=abc", 400),
        ("/api/applications?page_size=0", 400),
        ("/api/applications?page=inf", 400),
    ):
        response = client.get(path, **handler)
        assert response.status_code == status, path
        assert (
            response["Content-Type"].startswith("application/json") and response.json()["error"]
        ), path


def test_it_shows_a_form_error_for_a_receipt_date_in_the_future(client, world):
    client.force_login(world.registrar)
    data = {**person_data(), "agency": world.office_a.pk, "submitted_on": "9999-12-31"}
    response = client.post(reverse("staff:application_create"), data)
    assert response.status_code == 400 and "晚于今天" in response.content.decode()
    assert not Application.objects.exists()


# -- absurd parameters on every URL ------------------------------------------------------------

ABSURD = [
    {"year": "abc"},
    {"year": str(10**30)},
    {"agency": str(10**30)},
    {"agency": "-1"},
    {"page": "inf"},
    {"page": str(10**30)},
    {"page_size": "1e400"},
    {"state": "x\x00y"},
    {"q": "\x00"},
    {"q": "名" * 5000},
    {"due": "someday"},
    {"submitted_on": "9999-12-31"},
    {"year": "2025", "agency": "1" * 40},
]
NAMESPACES = ("staff", "annual", "portal", "notices", "api")


def _routes():
    """(namespace, route with <converter:name> placeholders) of every URL in NAMESPACES."""
    found = []

    def walk(patterns, prefix, namespace):
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, route, p.namespace or namespace)
            elif isinstance(p, URLPattern) and namespace in NAMESPACES:
                found.append((namespace, route.lstrip("^")))

    walk(get_resolver().url_patterns, "/", None)
    return found


def _fill(route: str, values: dict) -> str:
    return re.sub(
        r"<(?:(\w+):)?(\w+)>", lambda m: str(values.get(m[2], values["pk"])), route
    ).replace("$", "")


@pytest.fixture
def everyone(world):
    """A user with every role at office A and supervising the district: every page opens for them."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("everyone", password="pw")
    for role in Role.values:
        Membership.objects.create(user=user, agency=world.office_a, role=role)
    Membership.objects.create(user=user, agency=world.district, role=Role.SUPERVISOR)
    return user


def test_it_answers_absurd_parameters_with_4xx_on_every_url(client, world, everyone):
    app = world.application(State.DECIDED)
    notice_services.issue(app, actor=world.handler, kind="reply")
    values = {
        "pk": app.pk,
        "agency_id": world.office_a.pk,
        "year": 2025,
        "scope": "self",
        "table": "t3",
        "row": "new_received",
        "col": "total",
        "fmt": "html",
        "action": "decide",
        "version": 1,
    }
    client.raise_request_exception = False
    routes = _routes()
    assert {ns for ns, _ in routes} == set(NAMESPACES)
    failures = []
    for user in (everyone, None):
        client.logout()
        if user:
            client.force_login(user)
        for _, route in routes:
            url = _fill(route, values)
            for params in ABSURD:
                status = client.get(url, params).status_code
                if status >= 500:
                    failures.append((url, params, status))
            if "<int:" in route:
                status = client.get(
                    _fill(route, {**values, "pk": 10**30, "agency_id": 10**30, "version": 10**30})
                ).status_code
                if status != 404 and status < 500 and user is not None:
                    failures.append((route, "huge id", status))
                if status >= 500:
                    failures.append((route, "huge id", status))
    assert not failures, failures


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("staff:application_list", {"agency": str(10**30)}),
        ("staff:application_list", {"page": "inf"}),
        ("staff:application_list", {"state": "bogus"}),
        ("staff:application_list", {"due": "someday"}),
        ("staff:application_list", {"q": "x\x00"}),
        ("staff:application_export", {"agency": "abc"}),
        ("annual:index", {"year": "abc"}),
        ("annual:index", {"year": str(10**30)}),
    ],
)
def test_it_answers_400_for_a_parameter_the_view_cannot_use(client, world, url, params):
    client.force_login(world.supervisor)
    client.raise_request_exception = False
    assert client.get(reverse(url), params).status_code == 400


def test_it_bounds_the_portal_form_and_strips_control_characters(client, world, settings, tmp_path):
    from .portal.test_portal import _apply

    settings.PORTAL_UPLOAD_DIR = str(tmp_path / "private")
    client.raise_request_exception = False
    response = _apply(client, world.office_a, description="文" * 10_001)
    assert response.status_code == 400 and "10000" in response.content.decode()
    assert not Application.objects.exists()
    assert _apply(client, world.office_a, applicant_name="陈\x01七").status_code == 302
    assert Application.objects.get().applicant_name == "陈七"
