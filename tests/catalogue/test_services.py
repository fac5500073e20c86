"""The catalogue's services: what becomes public and when, what is recorded, who may do what."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import PurePath
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction

from gongkai.catalogue import attachments, services
from gongkai.catalogue.models import Item, ItemEvent
from gongkai.catalogue.ontime import due_date, late_interpretations
from gongkai.holidays.models import DayKind, HolidayYear
from gongkai.web import uploads

from .conftest import FORMED, make_item


def test_it_keeps_unapproved_on_request_and_withheld_items_out_of_public(world):
    pending = make_item(world, title="待审查")
    returned = make_item(world, title="退回")
    services.return_item(world.approver, returned, note="涉及敏感信息，请删除附件")
    withheld = make_item(
        world,
        title="不予公开",
        attribute="withheld",
        attribute_reason="属于过程性信息",
        attribute_article="art16_2",
        approve=True,
    )
    on_request = make_item(
        world,
        title="依申请公开",
        attribute="on_request",
        attribute_reason="涉及特定当事人",
        attribute_article="art15",
        approve=True,
    )
    future = make_item(world, title="定时发布")
    services.approve(world.approver, future, published_on=dt.date.today() + dt.timedelta(days=5))
    public = make_item(world, title="已公开", approve=True)
    assert list(Item.objects.public()) == [public]
    assert withheld.published_on is None and on_request.published_on is None
    assert not any(
        i.is_public
        for i in (pending, returned, withheld, on_request, Item.objects.get(pk=future.pk))
    )
    # A later change to 不予公开 takes a published item out at once.
    services.change_attribute(
        world.registrar, public, "withheld", reason="经复核涉及国家秘密", article="art14"
    )
    assert not Item.objects.public().exists()


def test_it_logs_an_attribute_change_with_before_and_after(world):
    item = make_item(world, approve=True)
    services.change_attribute(
        world.handler, item, "on_request", reason="涉及个人信息", article="art15"
    )
    event = ItemEvent.objects.filter(item=item).last()
    assert event.kind == "attribute_changed" and event.actor == world.handler
    assert event.before == {
        "attribute": "proactive",
        "attribute_reason": "",
        "attribute_article": "",
        "review": "approved",
        "due_on": item.due_on.isoformat(),
    }
    assert event.after == {
        "attribute": "on_request",
        "attribute_reason": "涉及个人信息",
        "attribute_article": "art15",
        "review": "pending",
        "due_on": None,
    }
    # The same attribute again changes nothing and records nothing.
    count = item.events.count()
    services.change_attribute(
        world.handler,
        Item.objects.get(pk=item.pk),
        "on_request",
        reason="涉及个人信息",
        article="art15",
    )
    assert item.events.count() == count


def test_it_refuses_a_non_proactive_attribute_without_reason_or_article(world):
    item = make_item(world)
    with pytest.raises(services.CatalogueError, match="应写明理由"):
        services.change_attribute(world.registrar, item, "withheld", article="art14")
    with pytest.raises(services.CatalogueError, match="依据条款"):
        services.change_attribute(world.registrar, item, "withheld", reason="涉密")
    assert Item.objects.get(pk=item.pk).attribute == "proactive"


def test_it_records_the_reviewer_and_lets_only_approvers_review(world):
    item = make_item(world)
    with pytest.raises(services.CatalogueError, match="无权保密审查通过"):
        services.approve(world.handler, item)
    with pytest.raises(services.CatalogueError, match="无权"):
        services.approve(world.other_approver, item)  # another agency's approver
    item = services.approve(world.approver, item, published_on=FORMED + dt.timedelta(days=1))
    assert (item.review, item.reviewed_by, item.published_on) == (
        "approved",
        world.approver,
        FORMED + dt.timedelta(days=1),
    )
    with pytest.raises(services.CatalogueError, match="只有“待保密审查”时可以"):
        services.approve(world.approver, item)
    # An edit after approval sends it back to review; it stays unpublished until approved again.
    item = services.edit(world.registrar, item, title="关于做好老旧小区改造工作的补充通知")
    assert item.review == "pending" and not Item.objects.public().exists()
    edited = item.events.filter(kind="edited").get()
    assert (
        edited.before["title"] == "关于做好老旧小区改造工作的通知"
        and edited.after["review"] == "pending"
    )


def test_it_generates_stable_index_numbers_unique_per_agency(world):
    first, second = make_item(world), make_item(world, formed_on=FORMED + dt.timedelta(days=1))
    other = make_item(world, agency=world.office_b)
    assert (first.index_no, second.index_no, other.index_no) == (
        "D01-01/2025-00001",
        "D01-01/2025-00002",
        "D01-02/2025-00001",
    )
    services.edit(world.registrar, first, formed_on=dt.date(2024, 12, 30))
    assert Item.objects.get(pk=first.pk).index_no == "D01-01/2025-00001"


def _national_day_2025():
    """The 2025 National Day notice: 1–8 October off, Sunday 28 September and Saturday 11 October
    worked (调休)."""
    year = HolidayYear.objects.create(year=2025, source="国办发明电〔2024〕12号")
    for day in range(1, 9):
        year.days.create(date=dt.date(2025, 10, day), kind=DayKind.HOLIDAY, name="国庆节、中秋节")
    for day in (dt.date(2025, 9, 28), dt.date(2025, 10, 11)):
        year.days.create(date=day, kind=DayKind.WORKDAY, name="国庆节、中秋节")


def test_it_counts_twenty_working_days_across_a_holiday_and_a_make_up_day(world):
    _national_day_2025()
    # From Friday 26 September: Sun 28 Sep (worked), 29, 30 Sep; 9, 10, Sat 11 Oct (worked);
    # 13–17, 20–24 Oct; 27, 28, 29, 30 Oct: the 20th working day is Thursday 30 October.
    assert due_date(dt.date(2025, 9, 26)) == dt.date(2025, 10, 30)
    item = make_item(world, formed_on=dt.date(2025, 9, 26))
    assert item.due_on == dt.date(2025, 10, 30)
    # A change of the information restarts the count (第二十六条: 形成或者变更之日).
    item = services.edit(world.registrar, item, changed_on=dt.date(2025, 10, 10))
    assert item.due_on == dt.date(2025, 11, 6)
    services.approve(world.approver, item, published_on=dt.date(2025, 11, 7))
    today = dt.date(2025, 12, 1)
    assert list(Item.objects.late(today)) == [Item.objects.get(pk=item.pk)]


def test_it_lists_late_and_soon_due_items_and_late_interpretations(world):
    today = dt.date(2025, 4, 1)
    late = make_item(world, formed_on=dt.date(2025, 2, 3))  # due 3 March, still unpublished
    soon = make_item(world, formed_on=dt.date(2025, 3, 4))  # due 1 April
    on_time = make_item(world, formed_on=dt.date(2025, 3, 3), approve=True)
    assert set(Item.objects.filter(agency=world.office_a).late(today)) == {late}
    assert set(Item.objects.soon_due(today, today + dt.timedelta(days=7))) == {soon}
    explained = make_item(
        world,
        title="解读：关于做好老旧小区改造工作的通知",
        interprets=on_time,
        interpretation_kind="qa",
        formed_on=on_time.formed_on,
    )
    assert set(late_interpretations(Item.objects.all())) == {explained}
    services.approve(world.approver, explained, published_on=on_time.published_on)
    assert not late_interpretations(Item.objects.all()).exists()


def test_it_refuses_links_to_items_the_registrar_cannot_read(world):
    theirs = make_item(world, agency=world.office_b)
    with pytest.raises(services.CatalogueError, match="无权查看"):
        make_item(world, interprets=theirs, interpretation_kind="text")


def test_it_finds_a_public_item_by_doc_number_or_title_for_an_application(world):
    public = make_item(world, approve=True)
    make_item(
        world, title="关于老旧小区改造资金的批复", doc_number="示办〔2025〕8号"
    )  # not approved
    assert services.find_public("示办〔2025〕7号", agency_id=world.office_a.pk) == [public]
    assert services.find_public("老旧小区", agency_id=world.office_b.pk) == [public]
    assert services.find_public("8号") == []


def test_the_event_log_refuses_changes_even_by_raw_sql(world):
    event = make_item(world).events.get()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE catalogue_itemevent SET kind = 'edited' WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM catalogue_itemevent WHERE id = %s", [event.pk])
    assert ItemEvent.objects.get(pk=event.pk).kind == "registered"


def _ooxml(main_part: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(main_part, "<x/>")
    return out.getvalue()


def test_it_types_attachments_by_content_and_stores_them_privately(world, settings, tmp_path):
    settings.PORTAL_UPLOAD_DIR = str(tmp_path)
    item = make_item(world, approve=True)
    checked = attachments.check(SimpleUploadedFile("附件.docx", _ooxml("word/document.xml")))
    assert checked.kind.extension == "docx"
    assert (
        attachments.check(SimpleUploadedFile("表.bin", _ooxml("xl/workbook.xml"))).kind.extension
        == "xlsx"
    )
    with pytest.raises(ValidationError, match="压缩包"):
        attachments.check(SimpleUploadedFile("renamed.docx", _ooxml("evil/payload.txt")))
    with pytest.raises(ValidationError, match="按文件内容判断"):
        attachments.check(SimpleUploadedFile("script.pdf", b"#!/bin/sh\nrm -rf /\n"))
    stored = services.add_attachment(world.registrar, item, checked)
    assert stored.content_type.endswith("wordprocessingml.document") and stored.file.name.endswith(
        ".docx"
    )
    assert (tmp_path / stored.file.name).exists()
    # New content after approval: reviewed again before it is public with it.
    assert Item.objects.get(pk=item.pk).review == "pending"


def test_it_moves_stored_due_dates_when_the_holiday_table_changes(world):
    item = make_item(world, formed_on=dt.date(2025, 9, 26))
    assert item.due_on == dt.date(2025, 10, 30)  # chinese-calendar's 2025
    _national_day_2025()
    HolidayYear.objects.get(year=2025).days.create(
        date=dt.date(2025, 10, 29), kind=DayKind.HOLIDAY, name="测试"
    )
    from gongkai.catalogue.ontime import recompute_after_holiday_change

    assert recompute_after_holiday_change(sender=HolidayYear, year=2025) == 1
    assert Item.objects.get(pk=item.pk).due_on == dt.date(2025, 10, 31)


def test_it_changes_validity_with_its_date_and_logs_before_and_after(world):
    item = make_item(world, approve=True)
    item = services.change_validity(world.handler, item, "repealed", dt.date(2025, 6, 30))
    assert (item.validity, item.validity_on) == ("repealed", dt.date(2025, 6, 30))
    event = item.events.last()
    assert (event.kind, event.actor) == ("validity_changed", world.handler)
    assert event.before == {"validity": "valid", "validity_on": None}
    assert event.after == {"validity": "repealed", "validity_on": "2025-06-30"}
    # A fact about a published document: it stays published, now shown as 废止.
    assert list(Item.objects.public()) == [item]
    # Back to 有效 drops the date; the same state again records nothing.
    item = services.change_validity(world.handler, item, "valid", dt.date(2025, 7, 1))
    assert item.validity_on is None
    assert item.events.last().after == {"validity": "valid", "validity_on": None}
    count = item.events.count()
    services.change_validity(world.handler, item, "valid")
    assert item.events.count() == count


@pytest.mark.parametrize(
    ("validity", "on", "message"),
    [
        ("expired", None, "有效性为“失效”的，应填写日期"),
        ("repealed", None, "有效性为“废止”的，应填写日期"),
        ("repealed", FORMED - dt.timedelta(days=1), "失效/废止日期不能早于成文日期"),
        ("repealed", dt.date.today() + dt.timedelta(days=2), "失效/废止日期不能晚于今天"),
        ("revoked", FORMED, "未知的有效性：revoked"),
    ],
)
def test_it_refuses_a_validity_change_with_a_bad_date(world, validity, on, message):
    item = make_item(world, approve=True)
    with pytest.raises(services.CatalogueError, match=message):
        services.change_validity(world.handler, item, validity, on)
    stored = Item.objects.get(pk=item.pk)
    assert (stored.validity, stored.validity_on) == ("valid", None)
    assert not stored.events.filter(kind="validity_changed").exists()


def test_only_the_items_agency_changes_its_validity(world):
    item = make_item(world, approve=True)
    for outsider in (world.other_handler, world.district_supervisor):
        with pytest.raises(services.CatalogueError, match="无权变更有效性"):
            services.change_validity(outsider, item, "repealed", dt.date(2025, 6, 30))
    assert Item.objects.get(pk=item.pk).validity == "valid"


# Tiny images authored here: what decides is the first bytes (the signature), not the name.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x00;"


@pytest.mark.parametrize(
    ("name", "content", "extension", "content_type"),
    [
        ("现场照片.jpg", JPEG, "jpg", "image/jpeg"),
        ("流程图.png", PNG, "png", "image/png"),
        ("动图.gif", GIF, "gif", "image/gif"),
        ("GIF87a.gif", b"GIF87a" + GIF[6:], "gif", "image/gif"),
        # The name says one type, the content another: stored as what it is.
        ("图解.jpg", PNG, "png", "image/png"),
        ("图解.pdf", GIF, "gif", "image/gif"),
    ],
)
def test_it_takes_images_typed_by_content(
    world, settings, tmp_path, name, content, extension, content_type
):
    settings.PORTAL_UPLOAD_DIR = str(tmp_path)
    checked = attachments.check(SimpleUploadedFile(name, content))
    assert (checked.kind.extension, checked.original_name) == (extension, name)
    stored = services.add_attachment(world.registrar, make_item(world), checked)
    assert stored.content_type == content_type and stored.file.name.endswith(f".{extension}")
    assert (tmp_path / stored.file.name).read_bytes() == content
    # Offered under the name it came with, the extension of what it is (图解.jpg → 图解.png).
    download = uploads.serve(stored.file, filename=name, content_type=stored.content_type)
    offered = PurePath(name).stem + f".{extension}"
    assert quote(offered) in download["Content-Disposition"]
    assert (name == offered) == (quote(name) in download["Content-Disposition"])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("照片.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("图.png", b"\x89PNX\r\n\x1a\n" + PNG[8:]),
        ("动图.gif", b"GIF90a" + GIF[6:]),
        ("位图.bmp", b"BM" + PNG[2:]),
    ],
)
def test_it_refuses_what_only_looks_like_an_image_by_name(name, content):
    with pytest.raises(ValidationError, match=f"文件“{name}”不是 PDF、DOCX、XLSX、JPG、PNG 或 GIF"):
        attachments.check(SimpleUploadedFile(name, content))
