"""Every portal, notice, identity-document and API URL from the outside: anonymous, staff of
another agency, a role without the right. The URL list comes from the URLconf, so a new URL in
these namespaces is covered without being listed here."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gongkai.api.models import ApiToken
from gongkai.applications import services
from gongkai.applications.choices import State
from gongkai.applications.identifiers import mask_id_number
from gongkai.applications.staff_forms import ACTION_FORMS
from gongkai.casefiles import services as casefiles
from gongkai.notices import services as notice_services
from gongkai.web import uploads

from .conftest import PHONE, file_online

NAMESPACES = {"portal", "api", "notices", "online", "casefiles"}
SECRET_NAME = "甲机关网上申请人赵六"
SECRET_TEXT = "甲机关网上申请专属内容QWE"


def patterns():
    found = []

    def walk(items, namespace):
        for p in items:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and namespace in NAMESPACES:
                found.append(
                    (
                        f"{namespace}:{p.name}",
                        sorted(re.findall(r"<(?:\w+:)?(\w+)>", str(p.pattern))),
                    )
                )

    walk(get_resolver().url_patterns, None)
    return found


@pytest.fixture
def secret(world):
    submission = file_online(world.office_a, applicant_name=SECRET_NAME, description=SECRET_TEXT)
    app = submission.application
    services.confirm_receipt(app, actor=world.registrar, on=app.submitted_on)
    services.start_review(app, actor=world.handler)
    services.decide(app, actor=world.handler, outcome="granted", on=app.submitted_on)
    notice = notice_services.issue(
        app, actor=world.handler, kind="reply"
    )  # the draft made on deciding
    casefiles.attach(
        app,
        actor=world.handler,
        category="released",
        checked=uploads.check(
            SimpleUploadedFile("公开信息.pdf", b"%PDF-1.4\n" + b"9" * 100), max_bytes=10**6
        ),
    )
    return submission, app, notice


# submitted, receipt confirmed, review started, decided, file attached
EVENTS = 5


def urls(submission, app, notice):
    out = []
    for name, params in patterns():
        if params == []:
            out.append(reverse(name))
        elif params == ["pk"]:
            case_file = app.files.get().pk
            pk = {
                "notices:download_docx": notice.pk,
                "notices:download_pdf": notice.pk,
                "online:id_document": submission.pk,
                "casefiles:download": case_file,
                "casefiles:withdraw": case_file,
                "portal:released_file": case_file,
            }.get(name, app.pk)
            out.append(reverse(name, kwargs={"pk": pk}))
        elif params == ["action", "pk"]:
            out += [reverse(name, kwargs={"pk": app.pk, "action": a}) for a in ACTION_FORMS]
        else:
            raise AssertionError(f"{name} has parameters {params} this test does not know")
    return out


def _leaks(response, submission, app) -> bool:
    if response.streaming:
        return True  # a file was served
    body = response.content.decode("utf-8", "replace")
    secrets = (
        SECRET_NAME,
        SECRET_TEXT,
        app.number,
        app.id_number,
        mask_id_number(app.id_number),
        PHONE,
        submission.tracking_code,
    )
    return any(s in body for s in secrets)


def test_it_knows_every_url(secret):
    names = {n for n, _ in patterns()}
    assert {
        "portal:apply",
        "portal:status",
        "api:applications",
        "api:transition",
        "notices:download_pdf",
        "online:id_document",
    } <= names
    assert len(urls(*secret)) >= len(names)


def test_it_shows_anonymous_visitors_only_the_public_pages(client, secret):
    submission, app, notice = secret
    for url in urls(*secret):
        for method in (client.get, client.post):
            response = method(url)
            assert not _leaks(response, submission, app), url
            if url.startswith("/portal/"):
                assert response.status_code in (200, 302, 400, 404), url
            elif url.startswith("/api/"):
                assert response.status_code in (401, 405) or url == "/api/schema", url
            else:
                assert response.status_code == 302 and response["Location"].startswith(
                    reverse("login")
                ), url
    app.refresh_from_db()
    assert app.state == State.DECIDED


@pytest.mark.parametrize("who", ["other_handler", "other_approver"])
def test_it_shows_staff_of_another_agency_nothing(client, world, secret, who):
    submission, app, notice = secret
    user = getattr(world, who)
    client.force_login(user)
    token = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user, 't')[1]}"}
    for url in urls(*secret):
        for method in (client.get, client.post):
            for headers in ({}, token):
                response = method(url, **headers)
                assert not _leaks(response, submission, app), url
                if (
                    str(app.pk) in url.split("/")
                    or url.startswith("/staff/files/")
                    or url.endswith(
                        (
                            f"/{notice.pk}.pdf",
                            f"/{notice.pk}.docx",
                            f"/{submission.pk}/id-document/",
                        )
                    )
                ):
                    assert response.status_code in (404, 405), url
    listed = client.get("/api/applications", **token).json()
    assert listed["count"] == 0
    app.refresh_from_db()
    assert app.state == State.DECIDED and app.events.count() == EVENTS
    assert app.files.get().withdrawn_at is None


@pytest.mark.parametrize("role", ["supervisor", "administrator"])
def test_it_gives_read_only_roles_no_identity_documents_and_no_changes(client, world, secret, role):
    submission, app, notice = secret
    user = world.users[role]
    client.force_login(user)
    assert client.get(reverse("online:id_document", args=[submission.pk])).status_code == 404
    assert client.get(reverse("casefiles:download", args=[app.files.get().pk])).status_code == 404
    assert (
        client.post(
            reverse("notices:application_notices", args=[app.pk]), {"kind": "correction"}
        ).status_code
        == 403
    )
    token = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user, 't')[1]}"}
    for action in ACTION_FORMS:
        response = client.post(
            f"/api/applications/{app.pk}/transitions/{action}",
            "{}",
            content_type="application/json",
            **token,
        )
        assert response.status_code == 403, action
    assert (
        client.post(
            f"/api/applications/{app.pk}/notices",
            '{"kind": "reply"}',
            content_type="application/json",
            **token,
        ).status_code
        == 403
    )
    app.refresh_from_db()
    assert app.state == State.DECIDED and app.events.count() == EVENTS
    assert app.files.get().withdrawn_at is None


def test_it_serves_the_identity_document_to_case_staff(client, world, secret):
    submission, app, notice = secret
    for role in ("registrar", "handler", "approver"):
        client.force_login(world.users[role])
        response = client.get(reverse("online:id_document", args=[submission.pk]))
        assert response.status_code == 200 and b"".join(response.streaming_content).startswith(
            b"\x89PNG"
        )
        assert response["Cache-Control"] == "private, no-store"
