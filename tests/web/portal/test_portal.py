"""The public portal: applying online, the tracking code, the status check and its limits."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.applications import services
from gongkai.applications.choices import EventKind, State
from gongkai.portal import services as portal_services
from gongkai.portal import tracking
from gongkai.portal.models import Submission

from ..conftest import valid_id
from .conftest import PHONE, apply_data, file_online, id_scan


def _apply(client, agency, **overrides):
    data = apply_data(agency, **overrides)
    data.setdefault("id_document", id_scan())
    if data["id_document"] is None:
        del data["id_document"]
    return client.post(reverse("portal:apply"), data)


def test_it_files_an_online_application_and_shows_its_code_once(client, world):
    response = _apply(client, world.office_a)
    assert response.status_code == 302
    page = client.get(response["Location"])
    submission = Submission.objects.get()
    assert tracking.display(submission.tracking_code) in page.content.decode()
    app = submission.application
    assert app.state == State.SUBMITTED and app.channel == "internet" and app.received_on is None
    assert list(app.events.values_list("kind", flat=True)) == [EventKind.SUBMITTED]
    assert submission.consented_at is not None
    # The code is shown once only: a second visit goes to the status page.
    assert client.get(reverse("portal:submitted"))["Location"] == reverse("portal:status")


def test_it_stores_identity_documents_outside_static_files(client, world):
    _apply(client, world.office_a)
    stored = Path(Submission.objects.get().id_document.path)
    assert stored.is_file() and Path(settings.PORTAL_UPLOAD_DIR) in stored.parents
    assert Path(settings.STATIC_ROOT) not in stored.parents
    assert not any(Path(d) in stored.parents for d in settings.STATICFILES_DIRS)


def test_it_refuses_an_application_without_consent(client, world):
    response = _apply(client, world.office_a, consent="")
    assert response.status_code == 400
    assert "同意处理个人信息" in response.content.decode()
    assert not Submission.objects.exists()


def test_it_checks_the_applicant_like_staff_registration(client, world):
    bad_id = valid_id()[:-1] + ("0" if valid_id()[-1] != "0" else "1")
    assert _apply(client, world.office_a, id_number=bad_id).status_code == 400
    org = _apply(
        client,
        world.office_a,
        applicant_type="legal_service_org",
        applicant_name="某律师事务所",
        id_doc_type="",
        id_number="",
    )
    assert org.status_code == 400 and "统一社会信用代码" in org.content.decode()
    assert _apply(client, world.office_a, contact_phone="").status_code == 400
    assert _apply(Client(), world.office_a, id_document=None).status_code == 400
    assert not Submission.objects.exists()


def test_it_accepts_organisations_of_each_report_category(client, world):
    from gongkai.applications.identifiers import credit_code_check_char

    first17 = "91110105MA01ABCD1"
    code = first17 + credit_code_check_char(first17)
    for kind in (
        "commercial_enterprise",
        "research_institution",
        "social_welfare_org",
        "legal_service_org",
        "other_org",
    ):
        response = _apply(
            client,
            world.office_a,
            applicant_type=kind,
            applicant_name="某单位",
            id_doc_type="",
            id_number="",
            credit_code=code,
            legal_representative="王五",
        )
        assert response.status_code == 302, kind
    assert sorted(
        Submission.objects.values_list("application__applicant_type", flat=True)
    ) == sorted(
        [
            "commercial_enterprise",
            "research_institution",
            "social_welfare_org",
            "legal_service_org",
            "other_org",
        ]
    )


def test_it_refuses_a_script_as_identity_document(client, world):
    data = apply_data(world.office_a)
    from django.core.files.uploadedfile import SimpleUploadedFile

    data["id_document"] = SimpleUploadedFile(
        "id.html", b"<script>alert(1)</script>", content_type="text/html"
    )
    assert client.post(reverse("portal:apply"), data).status_code == 400


def test_it_draws_a_new_code_on_collision(world, monkeypatch):
    first = file_online(world.office_a)
    codes = iter([first.tracking_code, first.tracking_code, "NEWCODE777777"])
    monkeypatch.setattr(tracking, "new_code", lambda: next(codes))
    second = file_online(world.office_a)
    assert second.tracking_code == "NEWCODE777777"
    assert Submission.objects.count() == 2


def test_it_makes_codes_that_differ_and_read_back_in_any_form():
    codes = {tracking.new_code() for _ in range(2000)}
    assert len(codes) == 2000
    code = codes.pop()
    assert set(code) <= set(tracking.ALPHABET) and len(code) == tracking.LENGTH
    assert tracking.normalise(tracking.display(code).lower()) == code


def _status(client, code, phone, htmx=False):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(reverse("portal:status"), {"code": code, "phone": phone}, **headers)


def test_it_shows_the_status_with_code_and_phone(client, world, online):
    response = _status(client, tracking.display(online.tracking_code).lower(), "139-1234-5678")
    body = response.content.decode()
    assert response.status_code == 200
    assert (
        "网上提交待确认" in body
        and online.application.number in body
        and world.office_a.name in body
    )


def test_it_refuses_a_wrong_second_factor(client, world, online):
    response = _status(client, online.tracking_code, "13900000000")
    assert response.status_code == 404
    body = response.content.decode()
    assert (
        "查询码或联系电话不正确" in body
        and online.application.number not in body
        and "李四" not in body
    )


def test_it_locks_a_code_after_repeated_failures_from_any_address(client, world, online, settings):
    settings.PORTAL_STATUS_FAILURES_PER_CODE = 3
    for i in range(3):
        assert (
            client.post(
                reverse("portal:status"),
                {"code": online.tracking_code, "phone": "1"},
                REMOTE_ADDR=f"10.0.0.{i}",
            ).status_code
            == 404
        )
    locked = client.post(
        reverse("portal:status"),
        {"code": online.tracking_code, "phone": PHONE},
        REMOTE_ADDR="10.0.0.9",
    )
    assert locked.status_code == 429 and online.application.number not in locked.content.decode()
    other = file_online(world.office_a)
    assert _status(client, other.tracking_code, PHONE).status_code == 200


def test_it_limits_status_look_ups_per_address(client, world, online, settings):
    settings.PORTAL_STATUS_LIMIT_PER_IP = 4
    for _ in range(4):
        assert _status(client, online.tracking_code, PHONE).status_code == 200
    assert _status(client, online.tracking_code, PHONE).status_code == 429
    assert (
        client.post(
            reverse("portal:status"),
            {"code": online.tracking_code, "phone": PHONE},
            REMOTE_ADDR="10.1.1.1",
        ).status_code
        == 200
    )


def test_it_limits_submissions_per_address(client, world, settings):
    settings.PORTAL_SUBMIT_LIMIT_PER_IP = 2
    assert _apply(client, world.office_a).status_code == 302
    assert _apply(client, world.office_a).status_code == 302
    assert _apply(client, world.office_a).status_code == 429
    assert Submission.objects.count() == 2


def test_it_shows_progress_but_nothing_internal(client, world, online):
    app = online.application
    services.confirm_receipt(app, actor=world.registrar, on=timezone.localdate())
    services.start_review(app, actor=world.handler)
    services.request_extension(app, actor=world.handler, days=10, reason="内部延期理由QQQ")
    services.approve_extension(
        app, actor=world.approver, on=timezone.localdate(), notified_on=timezone.localdate()
    )
    services.decide(
        app,
        actor=world.handler,
        outcome="denied.process_info",
        reason="草稿理由ZZZ",
        on=timezone.localdate(),
    )
    body = _status(client, online.tracking_code, PHONE).content.decode()
    assert "审查办理中" in body and "延长10个工作日" in body
    for secret in (
        "内部延期理由QQQ",
        "草稿理由ZZZ",
        world.handler.username,
        world.approver.username,
        "过程性信息",
    ):
        assert secret not in body
    services.sign_reply(app, actor=world.approver, on=timezone.localdate())
    body = _status(client, online.tracking_code, PHONE, htmx=True).content.decode()
    assert "已答复" in body and "过程性信息" in body and "<html" not in body


def test_it_only_reaches_applications_filed_online(client, world):
    app = world.application(State.IN_REVIEW, contact_phone=PHONE)
    assert _status(client, app.number, PHONE).status_code == 404


def test_it_finds_nothing_with_an_empty_phone(world, online, monkeypatch):
    assert portal_services.find(online.tracking_code, "") is None
