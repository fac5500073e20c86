"""The reply is dated when signed: drafted on deciding (no number, no date), issued on signing
with the signing date and a number of the signing year; every regeneration is a new version and
the one it replaces stays, listed and marked as superseded."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

from django.urls import reverse

from gongkai.applications import services
from gongkai.applications.choices import EventKind, State
from gongkai.notices import render_pdf
from gongkai.notices import services as notice_services
from gongkai.notices.compose import cn_date
from gongkai.notices.models import Notice

DECIDED = dt.date(2025, 3, 14)


def _text(notice: Notice) -> str:
    pdf = render_pdf.render(notice.content, notice.marking)
    out = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return re.sub(r"\s+", "", out)


def _decided(world, **kwargs):
    app = world.application(State.IN_REVIEW, **kwargs)
    services.decide(
        app,
        actor=world.handler,
        outcome="denied.process_info",
        reason="属于内部讨论记录。",
        on=DECIDED,
    )
    return app


def test_deciding_drafts_the_reply_without_number_or_date(world):
    app = _decided(world)
    draft = Notice.objects.get(application=app)
    assert (
        draft.draft and draft.version == 1 and draft.number == "" and draft.content["date"] is None
    )
    text = _text(draft)
    assert (
        "草稿：签发后以正式文本为准" in text
        and "（签发日期）" in text
        and "（草稿，签发时编号）" in text
    )
    assert cn_date(DECIDED) not in text  # the decision's date is not the letter's date
    assert draft.created_by == world.handler
    # The decision's own event records the step: one event per transition.
    assert list(app.events.values_list("kind", flat=True))[-1] == EventKind.DECIDED


def test_signing_issues_the_reply_dated_that_day_and_supersedes_the_draft(world, client):
    app = _decided(world)
    signed_on = DECIDED + dt.timedelta(days=3)
    services.sign_reply(app, actor=world.approver, on=signed_on)
    draft, final = Notice.objects.filter(application=app).order_by("version")
    assert (draft.version, final.version) == (1, 2)
    assert (
        final.content["date"] == signed_on.isoformat()
        and final.number == "D01-01答〔2025〕1号"
        and not final.draft
    )
    assert (
        draft.superseded_by == final
        and draft.superseded_at is not None
        and final.superseded_at is None
    )
    assert notice_services.current_reply(app) == final
    text = _text(final)
    assert cn_date(signed_on) in text and final.number in text and "草稿" not in text
    assert "已作废：已被第2版取代" in _text(draft)
    assert final.created_by == world.approver
    assert not app.events.filter(kind=EventKind.NOTICE_GENERATED).exists()
    # The page lists both versions, the draft struck through as superseded.
    client.force_login(world.handler)
    page = client.get(reverse("staff:application_detail", args=[app.pk])).content.decode()
    assert 'class="superseded" data-version="1"' in page and "已被第2版取代" in page
    assert 'class="in-force" data-version="2"' in page
    # Both versions stay downloadable; the superseded one says so in its file name.
    old = client.get(reverse("notices:download_pdf", args=[draft.pk]))
    assert (
        old.status_code == 200
        and "%EF%BC%88%E5%B7%B2%E4%BD%9C%E5%BA%9F%EF%BC%89" in old["Content-Disposition"]
    )


def test_a_reply_signed_in_january_takes_a_number_of_the_new_year(world):
    app = world.application(State.IN_REVIEW)
    services.decide(app, actor=world.handler, outcome="granted", on=dt.date(2025, 12, 30))
    services.sign_reply(app, actor=world.approver, on=dt.date(2026, 1, 5))
    final = notice_services.current_reply(app)
    assert (
        final.number == "D01-01答〔2026〕1号"
        and final.year == 2026
        and final.content["date"] == "2026-01-05"
    )


def test_a_changed_draft_is_a_new_version_an_unchanged_one_is_not(world):
    app = _decided(world)
    first = Notice.objects.get(application=app)
    assert notice_services.issue(app, actor=world.handler, kind="reply") == first
    world.office_a.contact_person = "张明"
    world.office_a.office_phone = "010-12345678"
    world.office_a.save()
    second = notice_services.issue(app, actor=world.handler, kind="reply")
    first.refresh_from_db()
    assert second.version == 2 and second.draft and first.superseded_by == second
    assert second.content["contact"] == "（联系人：张明；联系电话：010-12345678）"


def test_an_issued_letter_is_final(world):
    app = _decided(world)
    services.sign_reply(app, actor=world.approver, on=DECIDED)
    final = notice_services.current_reply(app)
    world.office_a.contact_person = "李四"
    world.office_a.save()
    assert notice_services.issue(app, actor=world.handler, kind="reply") == final
    assert Notice.objects.filter(application=app).count() == 2


def test_lapsed_correction_is_drafted_and_issued_too(world):
    app = world.application(State.AWAITING_CORRECTION)
    services.lapse_correction(
        app, actor=world.handler, on=app.correction_due_on + dt.timedelta(days=1)
    )
    assert Notice.objects.get(application=app).draft
    services.sign_reply(app, actor=world.approver, on=app.correction_due_on + dt.timedelta(days=2))
    assert "第三十条" in "".join(notice_services.current_reply(app).content["paragraphs"])
