"""Notices: legal basis per outcome, document numbers, the event, DOCX and PDF, access."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.choices import EventKind, State
from gongkai.applications.services import InvalidInput, WrongRole
from gongkai.notices import services as notice_services
from gongkai.notices.kinds import OUTCOME_BASIS, LetterKind
from gongkai.notices.models import Notice

DAY = dt.date(2025, 3, 14)


def _decided(world, outcome, reason="依法说明的理由。", agency=None):
    app = world.application(State.IN_REVIEW, agency=agency)
    handler = world.handler if agency is None else world.other_handler
    services.decide(app, actor=handler, outcome=outcome, reason=reason, on=DAY)
    return app


def _signed(world, outcome="granted", agency=None):
    app = _decided(world, outcome, agency=agency)
    approver = world.approver if agency is None else world.other_approver
    services.sign_reply(app, actor=approver, on=DAY + dt.timedelta(days=1))
    return notice_services.current_reply(app)


def test_it_has_a_basis_for_every_outcome():
    from gongkai.applications.choices import OUTCOME_KEYS

    assert set(OUTCOME_BASIS) == set(OUTCOME_KEYS)


@pytest.mark.parametrize(
    "outcome, articles",
    [
        ("granted", ["第三十六条第（二）项"]),
        ("partially_granted", ["第三十七条"]),
        ("denied.state_secret", ["第三十六条第（三）项", "第十四条"]),
        ("denied.third_party_rights", ["第三十六条第（三）项", "第十五条"]),
        ("denied.process_info", ["第三十六条第（三）项", "第十六条第二款"]),
        ("unable.not_held", ["第三十六条第（四）项"]),
        ("unable.needs_creation", ["第三十八条"]),
        ("not_processed.petition_complaint", ["第三十九条第一款"]),
    ],
)
def test_it_cites_the_article_of_the_outcome(world, outcome, articles):
    notice = notice_services.issue(
        _decided(world, outcome), actor=world.handler, kind=LetterKind.REPLY
    )
    text = "".join(notice.content["paragraphs"])
    for article in articles:
        assert article in notice.content["articles"] and article in text
    assert "《中华人民共和国政府信息公开条例》" in text and "行政复议" in text


def test_it_numbers_each_series_without_gaps(world):
    numbers = [_signed(world).number for _ in range(3)]
    assert numbers == [f"D01-01答〔2025〕{i}号" for i in (1, 2, 3)]
    other = _signed(world, agency=world.office_b)
    assert other.number == "D01-02答〔2025〕1号"
    app = world.application(State.AWAITING_CORRECTION)
    assert (
        notice_services.issue(app, actor=world.handler, kind="correction").number
        == "D01-01补〔2025〕1号"
    )


def test_it_gives_the_same_notice_when_asked_twice_and_logs_once(world):
    app = world.application(State.AWAITING_CORRECTION)
    first = notice_services.issue(app, actor=world.handler, kind="correction")
    again = notice_services.issue(app, actor=world.registrar, kind="correction")
    assert first.pk == again.pk and Notice.objects.filter(kind="correction").count() == 1
    event = app.events.get(kind=EventKind.NOTICE_GENERATED)
    assert (
        event.payload["number"] == first.number
        and event.state_before == event.state_after == State.AWAITING_CORRECTION
    )
    # The reply's draft comes with the decision (whose event records the step); asking for it
    # returns the draft and logs nothing.
    app = _decided(world, "partially_granted")
    draft = notice_services.issue(app, actor=world.approver, kind="reply")
    assert draft.draft and draft.created_by == world.handler
    assert notice_services.issue(app, actor=world.handler, kind="reply") == draft
    assert not app.events.filter(kind=EventKind.NOTICE_GENERATED).exists()


def test_it_refuses_letters_that_do_not_apply_and_takes_no_number(world):
    app = world.application(State.IN_REVIEW)
    for kind in ("reply", "correction", "extension", "consultation", "fee"):
        with pytest.raises(InvalidInput):
            notice_services.issue(app, actor=world.handler, kind=kind)
    assert not Notice.objects.exists()
    assert _signed(world).number.endswith("〔2025〕1号")


def test_it_refuses_staff_without_a_case_role(world):
    app = _decided(world, "granted")
    for user in (
        world.supervisor,
        world.administrator,
        world.other_handler,
        world.district_supervisor,
    ):
        with pytest.raises(WrongRole):
            notice_services.issue(app, actor=user, kind="reply")


def test_it_writes_the_other_letters_with_their_articles(world):
    app = world.application(State.AWAITING_CORRECTION)
    correction = notice_services.issue(app, actor=world.handler, kind="correction")
    assert correction.content["articles"] == ["第三十条"] and "请写明文件名称" in "".join(
        correction.content["paragraphs"]
    )

    app = world.application(State.IN_REVIEW)
    services.request_extension(app, actor=world.handler, days=15, reason="需要检索档案", on=DAY)
    services.approve_extension(app, actor=world.approver, on=DAY, notified_on=DAY)
    extension = notice_services.issue(app, actor=world.handler, kind="extension")
    assert extension.content["articles"] == ["第三十三条第二款"] and "延长15个工作日" in "".join(
        extension.content["paragraphs"]
    )

    app = world.application(State.IN_CONSULTATION)
    letter = notice_services.issue(app, actor=world.handler, kind="consultation")
    assert (
        letter.content["articles"] == ["第三十二条"] and letter.content["recipient"] == "某建设公司"
    )
    assert "15个工作日" in "".join(letter.content["paragraphs"])

    app = world.application(State.IN_REVIEW)
    services.notify_fee(
        app,
        actor=world.handler,
        method="PER_VOLUME",
        quantity=120,
        on=DAY,
        pay_by=DAY + dt.timedelta(days=30),
    )
    fee = notice_services.issue(app, actor=world.handler, kind="fee")
    text = "".join(fee.content["paragraphs"])
    assert fee.content["articles"] == ["第四十二条"] and "国办函〔2020〕109号" in text
    # 31–100 pages at 10 元, 101–120 at 20 元 (超额累进).
    assert "1100元" in text


def _docx_text(body: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(body)).paragraphs)


def test_it_downloads_docx_and_pdf_for_the_agency(client, world, tmp_path):
    app = _decided(world, "partially_granted", reason="第3页含第三方个人信息，已作区分处理。")
    services.sign_reply(app, actor=world.approver, on=DAY)
    notice = notice_services.current_reply(app)
    client.force_login(world.handler)
    docx = client.get(reverse("notices:download_docx", args=[notice.pk]))
    assert docx.status_code == 200
    text = _docx_text(docx.content)
    assert notice.number in text and "第三十七条" in text and app.applicant_name in text
    pdf = client.get(reverse("notices:download_pdf", args=[notice.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        path = tmp_path / "n.pdf"
        path.write_bytes(pdf.content)
        out = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        flat = out.replace(" ", "").replace("\n", "")
        assert notice.number in flat and "第三十七条" in flat and "区分处理" in flat
        fonts = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, text=True, check=True
        ).stdout
        assert "CJK" in fonts


def test_it_hides_notices_of_another_agency(client, world):
    notice = _signed(world)
    client.force_login(world.other_handler)
    for name in ("notices:download_docx", "notices:download_pdf"):
        assert client.get(reverse(name, args=[notice.pk])).status_code == 404
    assert (
        client.get(reverse("notices:application_notices", args=[notice.application_id])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("notices:application_notices", args=[notice.application_id]), {"kind": "reply"}
        ).status_code
        == 404
    )


def test_it_issues_from_the_detail_page(client, world):
    app = _decided(world, "granted")
    client.force_login(world.handler)
    detail = client.get(reverse("staff:application_detail", args=[app.pk])).content.decode()
    assert "生成告知书" in detail
    response = client.post(reverse("notices:application_notices", args=[app.pk]), {"kind": "reply"})
    assert response.status_code == 302
    detail = client.get(reverse("staff:application_detail", args=[app.pk])).content.decode()
    assert Notice.objects.get().draft and "草稿" in detail and "生成告知书" in detail
    app = world.application(State.AWAITING_CORRECTION)
    assert (
        client.post(
            reverse("notices:application_notices", args=[app.pk]), {"kind": "correction"}
        ).status_code
        == 302
    )
    number = Notice.objects.get(kind="correction").number
    assert number in client.get(reverse("staff:application_detail", args=[app.pk])).content.decode()
    client.force_login(world.supervisor)
    assert (
        client.post(
            reverse("notices:application_notices", args=[app.pk]), {"kind": "reply"}
        ).status_code
        == 403
    )
