"""Letters as the recipient reads them: the 文号 with the agency's 机关代字, the contact person and
telephone, the review body and the court in the remedy sentence, no doubled punctuation, and
pages that never leave the 落款 alone."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.agencies.models import Agency, Level
from gongkai.applications import services
from gongkai.applications.choices import State
from gongkai.applications.models import Application
from gongkai.notices import render_docx, render_pdf
from gongkai.notices import services as notice_services
from gongkai.notices.compose import cn_date, compose

DAY = dt.date(2025, 3, 14)
DOUBLED = re.compile(r"[。，、；：！？,.;:!?][”’」）)]?[。，、；：！？,.;:!?]")


def _letter_agency(agency):
    agency.doc_prefix = "东政信公"
    agency.contact_person = "张明"
    agency.office_phone = "010-12345678"
    agency.review_body = "示范区人民政府"
    agency.court = "示范区人民法院"
    agency.save()


def _signed(world, outcome="granted", reason="依法说明的理由。"):
    app = world.application(State.IN_REVIEW)
    services.decide(app, actor=world.handler, outcome=outcome, reason=reason, on=DAY)
    services.sign_reply(app, actor=world.approver, on=DAY + dt.timedelta(days=1))
    return notice_services.current_reply(app)


def test_it_numbers_letters_with_the_agencys_doc_prefix(world):
    _letter_agency(world.office_a)
    assert _signed(world).number == "东政信公〔2025〕1号"
    assert _signed(world).number == "东政信公〔2025〕2号"
    correction = notice_services.issue(
        world.application(State.AWAITING_CORRECTION), actor=world.handler, kind="correction"
    )
    assert correction.number == "东政信公补〔2025〕1号"
    # An agency whose 机关代字 is not set yet keeps its system code, and the panel says so.
    other = world.application(State.IN_REVIEW, agency=world.office_b)
    services.decide(other, actor=world.other_handler, outcome="granted", on=DAY)
    services.sign_reply(other, actor=world.other_approver, on=DAY)
    assert notice_services.current_reply(other).number == "D01-02答〔2025〕1号"


def test_it_names_the_contact_the_review_body_and_the_court(world):
    _letter_agency(world.office_a)
    content = _signed(world).content
    text = "".join(content["paragraphs"])
    assert "六十日内向示范区人民政府申请行政复议" in text
    assert "六个月内向示范区人民法院提起行政诉讼" in text and "第五十一条" in text
    assert content["contact"] == "（联系人：张明；联系电话：010-12345678）"


def test_it_says_to_apply_by_law_when_the_bodies_are_not_set(world):
    text = "".join(_signed(world).content["paragraphs"])
    assert "依法申请行政复议" in text and "依法向人民法院提起行政诉讼" in text
    assert _signed(world).content["contact"] == ""


def _pdf_pages(pdf: bytes) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return [re.sub(r"\s+", "", p) for p in out.split("\f") if p.strip()]


def test_the_pdf_and_docx_carry_number_date_contact_and_remedy(world):
    _letter_agency(world.office_a)
    notice = _signed(world, "partially_granted", "第3页含第三方个人信息，已作区分处理。")
    pages = _pdf_pages(render_pdf.render(notice.content, notice.marking))
    flat = "".join(pages)
    for expected in (
        "东政信公〔2025〕1号",
        cn_date(DAY + dt.timedelta(days=1)),
        "联系人：张明",
        "010-12345678",
        "向示范区人民法院提起行政诉讼",
        "示范区人民政府办公室",
    ):
        assert expected in flat, expected
    from docx import Document

    docx = "\n".join(
        p.text
        for p in Document(io.BytesIO(render_docx.render(notice.content, notice.marking))).paragraphs
    )
    assert "东政信公〔2025〕1号" in docx and "（联系人：张明；联系电话：010-12345678）" in docx


# -- punctuation ----------------------------------------------------------------------------

typed = st.text(alphabet="申请文件批复2024年第三页个人信息", min_size=1, max_size=12).flatmap(
    lambda core: st.sampled_from(["", "。", "。。", "；", "，", ".", "！", "？", "：", " 。 "]).map(
        lambda end: core + end
    )
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    description=typed,
    reason=typed,
    redirect=typed,
    items=st.lists(typed, min_size=1, max_size=3),
    name=typed,
)
def test_it_never_doubles_punctuation_whatever_staff_type(
    description, reason, redirect, items, name
):
    agency = Agency(
        code="X01",
        name="示范区人民政府办公室",
        level=Level.DEPARTMENT,
        review_body="示范区人民政府。",
        court="示范区人民法院；",
        contact_person="张明",
        office_phone="010-12345678",
    )
    app = Application(
        agency=agency,
        number="X01-2025-00001",
        state=State.REPLIED,
        applicant_type="natural_person",
        applicant_name=name,
        description=description,
        outcome="partially_granted",
        decision_reason=reason,
        redirect_to=redirect,
        received_on=DAY,
        decided_on=DAY,
        replied_on=DAY,
        correction_requested_on=DAY,
        correction_due_on=DAY,
        correction_items="\n".join(items),
    )
    for kind in ("reply", "correction"):
        content = compose(app, kind)
        for paragraph in [content["recipient"] + "：", *content["paragraphs"], content["contact"]]:
            assert not DOUBLED.search(paragraph), paragraph
        assert all(p[-1] in "。！？）：" for p in content["paragraphs"]), content["paragraphs"]


# -- pages ----------------------------------------------------------------------------------


def _content(lines: int) -> dict:
    return {
        "kind": "reply",
        "title": "政府信息公开申请答复告知书",
        "number": "东政信公〔2025〕1号",
        "recipient": "张三",
        "paragraphs": ["本机关于2025年3月3日收到您提出的政府信息公开申请。"]
        + [f"第{i}项：所申请的信息已按您选择的方式提供。" for i in range(1, lines + 1)]
        + [
            "如对本答复不服，可以自收到本告知书之日起六十日内向示范区人民政府申请行政复议，或者自收到本告知书之日起六个月内向示范区人民法院提起行政诉讼（《条例》第五十一条）。"
        ],
        "articles": [],
        "issuer": "示范区人民政府办公室",
        "date": "2025-03-14",
        "contact": "（联系人：张明；联系电话：010-12345678）",
        "application": "X",
    }


@pytest.mark.parametrize("lines", range(8, 15))
def test_the_issuer_and_date_never_stand_alone_on_a_page(lines):
    """Body lengths around a page break: the page with the 落款 has body text on it too."""
    pages = _pdf_pages(render_pdf.render(_content(lines)))
    signed = [p for p in pages if "2025年3月14日" in p]
    assert len(signed) == 1
    body = signed[0].split("示范区人民政府办公室")[0]
    body = re.sub(r"—\d+—", "", body)
    assert "提起行政诉讼" in body, f"{len(pages)} pages; the last starts: {signed[0][:40]}"


@pytest.mark.parametrize(
    "typed, printed",
    [
        ("请说明年度", "请说明年度。"),
        ("请说明年度。。", "请说明年度。"),
        ("为什么？", "为什么？"),
        ("好!", "好！"),
        ("见附件；", "见附件。"),
        ("“完整的一句。”", "“完整的一句。”"),
        ("  ", ""),
    ],
)
def test_it_ends_each_typed_sentence_once_and_as_typed(typed, printed):
    from gongkai.notices.compose import sentence

    assert sentence(typed) == printed
