"""The JSON API: schema, authentication, scoping, the lifecycle through the services."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gongkai.api.models import ApiToken
from gongkai.api.schema import schema
from gongkai.applications.choices import State

from ..conftest import person_data

ROOT = Path(__file__).resolve().parents[3]


def test_it_serves_the_schema_that_is_in_docs(client):
    served = client.get("/api/schema").json()
    assert served == json.loads((ROOT / "docs/openapi.json").read_text(encoding="utf-8"))
    assert served == json.loads(json.dumps(schema()))
    assert served["openapi"].startswith("3.")
    paths = served["paths"]
    assert "/api/applications/{pk}/transitions/decide" in paths
    decide = paths["/api/applications/{pk}/transitions/decide"]["post"]["requestBody"]["content"][
        "application/json"
    ]["schema"]
    assert "partially_granted" in decide["properties"]["outcome"]["enum"]


def _token(user) -> dict:
    _, token = ApiToken.issue(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _post(client, url, data, **headers):
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def test_it_runs_the_lifecycle_through_the_services(client, world):
    reg, handler, approver = _token(world.registrar), _token(world.handler), _token(world.approver)
    data = {**person_data(), "agency": world.office_a.pk, "submitted_on": "2025-03-03"}
    created = _post(client, "/api/applications", data, **reg)
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["state"] == State.REGISTERED
    base = f"/api/applications/{pk}"
    assert _post(client, f"{base}/transitions/start_review", {}, **handler).status_code == 200
    refused = _post(client, f"{base}/transitions/sign_reply", {"on": "2025-03-10"}, **approver)
    assert refused.status_code == 409
    decided = _post(
        client,
        f"{base}/transitions/decide",
        {"outcome": "partially_granted", "reason": "区分处理", "on": "2025-03-10"},
        **handler,
    )
    assert decided.status_code == 200 and decided.json()["state"] == State.DECIDED
    assert decided.json()["allowed_transitions"] == []
    assert (
        _post(client, f"{base}/transitions/sign_reply", {"on": "2025-03-11"}, **approver).json()[
            "state"
        ]
        == State.REPLIED
    )
    notice = _post(client, f"{base}/notices", {"kind": "reply"}, **handler)
    assert notice.status_code == 201 and "第三十七条" in notice.json()["articles"]
    kinds = [e["kind"] for e in client.get(f"{base}/events", **handler).json()]
    # The reply is drafted on deciding and issued on signing, within those steps' own events.
    assert kinds == ["registered", "review_started", "decided", "reply_signed"]
    listed = client.get("/api/applications?state=replied", **reg).json()
    assert [r["id"] for r in listed["results"]] == [pk]


def test_it_reports_bad_input_field_by_field(client, world):
    headers = _token(world.handler)
    app = world.application(State.IN_REVIEW)
    bad = _post(
        client,
        f"/api/applications/{app.pk}/transitions/decide",
        {"outcome": "nope", "on": "x"},
        **headers,
    )
    assert bad.status_code == 400 and {"outcome", "on"} <= set(bad.json()["fields"])
    assert (
        client.post(
            f"/api/applications/{app.pk}/transitions/decide",
            "[1",
            content_type="application/json",
            **headers,
        ).status_code
        == 400
    )
    assert (
        _post(client, f"/api/applications/{app.pk}/transitions/fly", {}, **headers).status_code
        == 404
    )
    assert client.get("/api/applications?state=bogus", **headers).status_code == 400


def test_it_refuses_anonymous_callers_and_bad_tokens(client, world):
    app = world.application(State.IN_REVIEW)
    for url in (
        "/api/applications",
        f"/api/applications/{app.pk}",
        f"/api/applications/{app.pk}/events",
        f"/api/applications/{app.pk}/notices",
    ):
        assert client.get(url).status_code == 401
        assert client.get(url, HTTP_AUTHORIZATION="Bearer nope").status_code == 401
    assert _post(client, f"/api/applications/{app.pk}/transitions/decide", {}).status_code == 401


def test_it_wants_the_csrf_token_from_a_session(world):
    from django.test import Client

    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(world.handler)
    app = world.application(State.REGISTERED)
    assert csrf_client.get(f"/api/applications/{app.pk}").status_code == 200
    assert (
        _post(csrf_client, f"/api/applications/{app.pk}/transitions/start_review", {}).status_code
        == 403
    )
    app.refresh_from_db()
    assert app.state == State.REGISTERED


@pytest.mark.parametrize("role", ["supervisor", "administrator", "registrar"])
def test_it_refuses_transitions_to_roles_without_the_right(client, world, role):
    app = world.application(State.IN_REVIEW)
    headers = _token(world.users[role])
    response = _post(
        client,
        f"/api/applications/{app.pk}/transitions/decide",
        {"outcome": "granted", "on": "2025-03-10"},
        **headers,
    )
    assert response.status_code == 403
    app.refresh_from_db()
    assert app.state == State.IN_REVIEW


def test_it_masks_id_numbers_for_supervisors(client, world):
    app = world.application(State.REGISTERED)
    body = client.get(f"/api/applications/{app.pk}", **_token(world.district_supervisor)).json()
    assert body["id_number"] != app.id_number and body["id_number"].endswith(app.id_number[-4:])
    assert (
        client.get(f"/api/applications/{app.pk}", **_token(world.handler)).json()["id_number"]
        == app.id_number
    )
