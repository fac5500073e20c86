"""Staff URLs from the outside: anonymous, another agency, a role without the right.

The URL list is built from the URLconf, so a new staff URL is tested without being listed here.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gongkai.agencies.models import Role
from gongkai.applications.choices import State
from gongkai.applications.identifiers import mask_id_number
from gongkai.applications.staff_forms import ACTION_FORMS

from .conftest import valid_id

SECRET_NAME = "甲机关申请人王五"
SECRET_TEXT = "甲机关专属申请内容XYZ"
SECRET_ID = valid_id("11010119900307456")


def staff_patterns():
    """(name, converter names) of every URL in the staff namespace."""
    found = []

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and namespace == "staff":
                found.append(
                    (f"staff:{p.name}", sorted(re.findall(r"<(?:\w+:)?(\w+)>", str(p.pattern))))
                )

    walk(get_resolver().url_patterns, None)
    return found


def staff_urls(app) -> list[str]:
    urls = []
    for name, params in staff_patterns():
        if params == []:
            urls.append(reverse(name))
        elif params == ["pk"]:
            urls.append(reverse(name, kwargs={"pk": app.pk}))
        elif params == ["action", "pk"]:
            urls += [reverse(name, kwargs={"pk": app.pk, "action": a}) for a in ACTION_FORMS]
        else:  # a new kind of URL: teach this test how to fill it in
            raise AssertionError(f"{name} has parameters {params} this test does not know")
    return urls


@pytest.fixture
def secret_app(world):
    app = world.application(
        State.IN_REVIEW, applicant_name=SECRET_NAME, description=SECRET_TEXT, id_number=SECRET_ID
    )
    return app


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", "replace")


def _leaks(response, app) -> bool:
    body = _body(response)
    return any(
        s in body
        for s in (SECRET_NAME, SECRET_TEXT, SECRET_ID, mask_id_number(SECRET_ID), app.number)
    )


def test_it_knows_every_staff_url(world, secret_app):
    names = {n for n, _ in staff_patterns()}
    assert {
        "staff:application_list",
        "staff:application_detail",
        "staff:application_transition",
    } <= names
    assert len(staff_urls(secret_app)) >= len(names) - 1 + len(ACTION_FORMS)


def test_it_sends_anonymous_visitors_to_login_everywhere(client, secret_app):
    for url in staff_urls(secret_app):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("login")), url
            assert not _leaks(response, secret_app)
    admin = client.get(reverse("admin:index"))
    assert admin.status_code == 302


@pytest.mark.parametrize("who", ["other_handler", "other_approver"])
def test_it_shows_staff_of_another_agency_nothing(client, world, secret_app, who):
    client.force_login(getattr(world, who))
    for url in staff_urls(secret_app):
        for method in (client.get, client.post):
            response = method(url)
            # 200 own list, 400 an empty registration form, 403/404 anything of office A.
            assert response.status_code in (200, 400, 403, 404), url
            assert not _leaks(response, secret_app), url
            if str(secret_app.pk) in url.split("/"):
                assert response.status_code == 404, url
    secret_app.refresh_from_db()
    assert secret_app.state == State.IN_REVIEW and secret_app.events.count() == 2


def test_it_lists_only_the_users_own_agency(client, world, secret_app):
    own = world.application(State.REGISTERED, agency=world.office_b, applicant_name="乙机关申请人")
    client.force_login(world.other_handler)
    body = _body(client.get(reverse("staff:application_list")))
    assert own.number in body and SECRET_NAME not in body
    export = _body(client.get(reverse("staff:application_export")))
    assert own.number in export and SECRET_NAME not in export


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.ADMINISTRATOR])
def test_it_refuses_every_transition_to_read_only_roles(client, world, secret_app, role):
    client.force_login(world.users[role])
    assert client.get(reverse("staff:application_detail", args=[secret_app.pk])).status_code == 200
    for action in ACTION_FORMS:
        url = reverse("staff:application_transition", args=[secret_app.pk, action])
        assert client.get(url).status_code == 403, action
        assert client.post(url, {"on": "2025-04-01"}).status_code == 403, action
    assert client.get(reverse("staff:application_create")).status_code == 403
    secret_app.refresh_from_db()
    assert secret_app.state == State.IN_REVIEW and secret_app.events.count() == 2


def test_it_lets_a_supervisor_read_the_agencies_below_but_not_change_them(
    client, world, secret_app
):
    client.force_login(world.district_supervisor)
    assert SECRET_NAME in _body(client.get(reverse("staff:application_list")))
    url = reverse("staff:application_transition", args=[secret_app.pk, "decide"])
    response = client.post(url, {"outcome": "granted", "on": "2025-03-20"})
    assert response.status_code == 403
    secret_app.refresh_from_db()
    assert secret_app.state == State.IN_REVIEW


def test_it_refuses_a_transition_of_another_role_with_403(client, world, secret_app):
    client.force_login(world.registrar)
    url = reverse("staff:application_transition", args=[secret_app.pk, "decide"])
    assert client.post(url, {"outcome": "granted", "on": "2025-03-20"}).status_code == 403
    client.force_login(world.handler)
    url = reverse("staff:application_transition", args=[secret_app.pk, "sign_reply"])
    assert client.post(url, {"on": "2025-03-20"}).status_code == 403
    secret_app.refresh_from_db()
    assert secret_app.state == State.IN_REVIEW


def test_it_masks_id_numbers_in_lists_and_exports_even_for_handlers(client, world, secret_app):
    client.force_login(world.handler)
    masked = mask_id_number(SECRET_ID)
    assert masked == SECRET_ID[:6] + "********" + SECRET_ID[-4:]
    for url in (reverse("staff:application_list"), reverse("staff:application_export")):
        body = _body(client.get(url))
        assert masked in body and SECRET_ID not in body, url


@pytest.mark.parametrize("role", [Role.REGISTRAR, Role.HANDLER, Role.APPROVER])
def test_it_shows_the_full_id_number_to_the_handling_staff(client, world, secret_app, role):
    client.force_login(world.users[role])
    assert SECRET_ID in _body(client.get(reverse("staff:application_detail", args=[secret_app.pk])))


@pytest.mark.parametrize("who", ["supervisor", "administrator", "district_supervisor"])
def test_it_masks_the_id_number_for_everyone_else(client, world, secret_app, who):
    user = world.users.get(who) or getattr(world, who)
    client.force_login(user)
    body = _body(client.get(reverse("staff:application_detail", args=[secret_app.pk])))
    assert SECRET_ID not in body and mask_id_number(SECRET_ID) in body


def test_it_has_a_form_for_every_transition_rule():
    from gongkai.applications.services import RULES

    assert set(ACTION_FORMS) == set(RULES)


def test_it_refuses_every_action_url_to_every_role_without_the_right(client, world, secret_app):
    from gongkai.applications.services import RULES

    for action, rule in RULES.items():
        url = reverse("staff:application_transition", args=[secret_app.pk, action])
        for role in set(Role.values) - rule.roles:
            client.force_login(world.users[role])
            assert client.get(url).status_code == 403, (action, role)
            assert (
                client.post(url, {"on": "2025-04-01"}, HTTP_HX_REQUEST="true").status_code == 403
            ), (action, role)
    secret_app.refresh_from_db()
    assert secret_app.state == State.IN_REVIEW and secret_app.events.count() == 2
