"""What the applicant does on the portal after applying: the 补正 sent online, the receipt, the
reply and released files downloaded; and the apply form that keeps the chosen file, states its
limits, marks required fields, checks the phone number and puts each error beside its field."""

from __future__ import annotations

import datetime as dt
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.applications import services
from gongkai.applications.choices import EventKind, State
from gongkai.casefiles import services as casefiles
from gongkai.casefiles.models import CaseFile
from gongkai.portal import held
from gongkai.portal import services as portal_services
from gongkai.portal.models import OnlineCorrection, Submission
from gongkai.web import uploads

from .conftest import PHONE, apply_data, file_online, id_scan

PDF = b"%PDF-1.4\n" + b"1" * 500


def today() -> dt.date:
    """Today where the agency is (settings.TIME_ZONE): the date the pages and services use."""
    return timezone.localdate()


def _awaiting_correction(world, online):
    app = online.application
    services.confirm_receipt(app, actor=world.registrar, on=today())
    services.start_review(app, actor=world.handler)
    services.request_correction(
        app,
        actor=world.handler,
        items="请写明文件名称",
        due_on=today() + dt.timedelta(days=15),
        on=today(),
    )
    return app


def _correct(client, online, phone=PHONE, text="所需文件为2024年道路改造工程立项批复。", files=()):
    data = {"code": online.tracking_code, "phone": phone, "text": text}
    if files:
        data["files"] = list(files)
    return client.post(reverse("portal:correction"), data)


# -- the 补正 online -----------------------------------------------------------------------------


def test_it_takes_the_correction_online_with_code_and_phone(client, world, online):
    app = _awaiting_correction(world, online)
    response = _correct(
        client,
        online,
        files=[SimpleUploadedFile("说明.pdf", PDF), SimpleUploadedFile("图.png", id_scan().read())],
    )
    assert response.status_code == 302 and response["Location"] == reverse("portal:correction_done")
    done = client.get(response["Location"]).content.decode()
    assert "补正已提交" in done and "说明.pdf" in done and app.number in done
    correction = OnlineCorrection.objects.get()
    assert correction.text == "所需文件为2024年道路改造工程立项批复。"
    files = CaseFile.objects.filter(application=app, category="correction", uploaded_by=None)
    assert sorted(f.original_name for f in files) == ["图.png", "说明.pdf"]
    app.refresh_from_db()
    assert app.state == State.AWAITING_CORRECTION  # staff record the 补正 as received
    event = app.events.get(kind=EventKind.CORRECTION_SUBMITTED_ONLINE)
    assert event.actor is None and event.payload["files"] == 2 and event.payload["late"] is False


def test_it_logs_the_online_correction_without_control_characters(world, online):
    # Every event payload is cleaned of control characters (inputs.clean_payload), the
    # applicant's own words too.
    app = _awaiting_correction(world, online)
    portal_services.submit_correction(online, text="文件\x07名称：立项批复\x1b", files=[])
    event = app.events.get(kind=EventKind.CORRECTION_SUBMITTED_ONLINE)
    assert event.payload["note"] == "文件名称：立项批复"
    assert event.state_before == event.state_after == State.AWAITING_CORRECTION


def test_staff_see_the_online_correction_and_register_it(client, world, online):
    app = _awaiting_correction(world, online)
    _correct(Client(), online, files=[SimpleUploadedFile("说明.pdf", PDF)])
    client.force_login(world.registrar)
    page = client.get(reverse("staff:application_detail", args=[app.pk])).content.decode()
    assert (
        "申请人网上提交的补正" in page
        and "所需文件为2024年道路改造工程立项批复" in page
        and "说明.pdf" in page
    )
    listing = client.get(reverse("online:corrections")).content.decode()
    assert app.number in listing
    services.receive_correction(app, actor=world.registrar, on=today(), note="网上补正")
    assert app.number not in client.get(reverse("online:corrections")).content.decode()
    client.force_login(world.other_handler)
    assert app.number not in client.get(reverse("online:corrections")).content.decode()


def test_it_refuses_a_correction_with_a_wrong_phone_or_when_none_is_asked(client, world, online):
    assert _correct(client, online).status_code == 409  # 网上提交待确认: no 补正 asked
    _awaiting_correction(world, online)
    wrong = _correct(client, online, phone="13900000000")
    assert wrong.status_code == 404 and "查询码或联系电话不正确" in wrong.content.decode()
    assert _correct(client, online, text="", files=()).status_code == 400
    assert not OnlineCorrection.objects.exists()
    assert _correct(client, online).status_code == 302
    again = _correct(client, online)
    assert again.status_code == 409 and "已在网上提交过补正" in again.content.decode()
    assert OnlineCorrection.objects.count() == 1


def test_the_status_page_offers_the_correction_form_while_one_is_asked(client, world, online):
    _awaiting_correction(world, online)
    status = client.post(
        reverse("portal:status"), {"code": online.tracking_code, "phone": PHONE}
    ).content.decode()
    assert 'id="send-correction"' in status
    _correct(client, online)
    status = client.post(
        reverse("portal:status"), {"code": online.tracking_code, "phone": PHONE}
    ).content.decode()
    assert 'id="send-correction"' not in status and "在网上提交补正，等待受理机关确认" in status


# -- receipt and downloads -------------------------------------------------------------------


def test_it_prints_a_receipt_with_number_and_date(client, world):
    response = client.post(
        reverse("portal:apply"), {**apply_data(world.office_a), "id_document": id_scan()}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    app = Submission.objects.get().application
    assert app.number in page and reverse("portal:receipt") in page
    receipt = client.get(reverse("portal:receipt")).content.decode()
    assert "政府信息公开申请回执" in receipt and app.number in receipt
    assert (
        f"{today().year}年{today().month}月{today().day}日" in receipt and "data-print" in receipt
    )
    assert (
        Client().get(reverse("portal:receipt")).status_code == 302
    )  # another browser: look it up first


def _replied(world, online):
    app = online.application
    services.confirm_receipt(app, actor=world.registrar, on=today())
    services.start_review(app, actor=world.handler)
    services.decide(app, actor=world.handler, outcome="granted", on=today())
    return app


def test_it_gives_the_signed_reply_and_released_files_when_delivery_is_online(
    client, world, online
):
    app = _replied(world, online)
    file = casefiles.attach(
        app,
        actor=world.handler,
        category="released",
        checked=uploads.check(SimpleUploadedFile("批复.pdf", PDF), max_bytes=10**6),
    )
    # Decided but not signed: the draft stays internal.
    status = client.post(
        reverse("portal:status"), {"code": online.tracking_code, "phone": PHONE}
    ).content.decode()
    assert 'id="downloads"' not in status
    assert client.get(reverse("portal:reply_pdf")).status_code == 404
    assert client.get(reverse("portal:released_file", args=[file.pk])).status_code == 404

    services.sign_reply(app, actor=world.approver, on=today())
    status = client.post(
        reverse("portal:status"), {"code": online.tracking_code, "phone": PHONE}
    ).content.decode()
    assert 'id="downloads"' in status and "批复.pdf" in status
    reply = client.get(reverse("portal:reply_pdf"))
    assert reply.status_code == 200 and reply.content.startswith(b"%PDF")
    released = client.get(reverse("portal:released_file", args=[file.pk]))
    assert released.status_code == 200 and b"".join(released.streaming_content) == PDF
    # Another browser without the look-up gets nothing.
    stranger = Client()
    assert stranger.get(reverse("portal:reply_pdf")).status_code == 404
    assert stranger.get(reverse("portal:released_file", args=[file.pk])).status_code == 404
    # A withdrawn file is no longer given.
    casefiles.withdraw(file, actor=world.handler)
    assert client.get(reverse("portal:released_file", args=[file.pk])).status_code == 404


def test_it_gives_no_download_when_the_reply_goes_on_paper(client, world):
    online = file_online(world.office_a, delivery_form="paper")
    app = _replied(world, online)
    services.sign_reply(app, actor=world.approver, on=today())
    status = client.post(
        reverse("portal:status"), {"code": online.tracking_code, "phone": PHONE}
    ).content.decode()
    assert "已答复" in status and 'id="downloads"' not in status
    assert client.get(reverse("portal:reply_pdf")).status_code == 404


# -- the apply form --------------------------------------------------------------------------


def test_it_keeps_the_chosen_file_after_an_error(client, world):
    scan = b"\x89PNG\r\n\x1a\n" + b"\7" * 900
    refused = client.post(
        reverse("portal:apply"),
        {
            **apply_data(world.office_a, consent=""),
            "id_document": SimpleUploadedFile("我的身份证.png", scan),
        },
    )
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "已保留您上次选择的文件“我的身份证.png”" in body and "无需重新选择" in body
    accepted = client.post(reverse("portal:apply"), apply_data(world.office_a))  # no file this time
    assert accepted.status_code == 302
    stored = Submission.objects.get().id_document
    assert stored.read() == scan and stored.name.endswith(".png")
    assert not stored.storage.listdir(held.DIRECTORY)[1]  # the held copy is gone


def test_it_forgets_a_held_file_after_an_hour(client, world, monkeypatch):
    client.post(
        reverse("portal:apply"),
        {**apply_data(world.office_a, consent=""), "id_document": id_scan()},
    )
    storage = uploads.private_storage()
    assert len(storage.listdir(held.DIRECTORY)[1]) == 1
    later = __import__("time").time() + held.HOLD_SECONDS + 1
    assert held.sweep(now=later) == 1 and not storage.listdir(held.DIRECTORY)[1]
    assert client.post(reverse("portal:apply"), apply_data(world.office_a)).status_code == 400


def test_it_states_limits_marks_required_fields_and_checks_the_phone(client, world):
    page = client.get(reverse("portal:apply")).content.decode()
    assert "PDF、JPG 或 PNG，不超过 5 MB" in page
    assert re.search(r'<input type="file" name="id_document"[^>]*accept="[^"]*\.pdf', page)
    assert 'data-max-bytes="5242880"' in page
    for label in ("受理机关", "申请人姓名或名称", "联系电话", "获取信息的方式"):
        assert re.search(label + r'[^<]*<span class="required"', page), label
    assert "证件号码（自然人必填）" in page and "统一社会信用代码（法人或其他组织必填）" in page
    assert 'type="tel"' in page

    bad = client.post(
        reverse("portal:apply"),
        {**apply_data(world.office_a, contact_phone="12345"), "id_document": id_scan()},
    )
    body = bad.content.decode()
    assert bad.status_code == 400
    # The message sits inside the phone field's own block, right under its input.
    block = re.search(
        r'<div class="field has-error" id="field-contact_phone">(.*?)</div>', body, re.S
    ).group(1)
    assert (
        "请填写11位手机号码或带区号的固定电话" in block and 'id="id_contact_phone_error"' in block
    )
    assert 'href="#field-contact_phone"' in body  # and listed at the top
    ok = client.post(
        reverse("portal:apply"),
        {**apply_data(world.office_a, contact_phone="+86 139 1234 5678"), "id_document": id_scan()},
    )
    assert ok.status_code == 302
    assert Submission.objects.get().application.contact_phone == "13912345678"
