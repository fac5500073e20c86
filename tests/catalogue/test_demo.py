"""The demo catalogue: thousands of items in a real run; here a small one with every feature, then
the demo year as bin/run loads it, whose every unit's 专栏 is complete."""

from __future__ import annotations

import random
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.models import Agency, Role
from gongkai.catalogue import demo
from gongkai.catalogue.models import Attachment, Item
from gongkai.catalogue.ontime import late_interpretations
from gongkai.zfxxgk.guide import guide_gaps
from gongkai.zfxxgk.models import LegacyReport, SystemPage

YEAR = 2025


@pytest.fixture(autouse=True)
def _uploads(settings, tmp_path):
    settings.PORTAL_UPLOAD_DIR = str(tmp_path / "private")  # the demo stores attachments


def test_it_loads_a_catalogue_with_interpretations_late_and_withheld_items(world):
    agencies = {a.code: a for a in (world.office_a, world.office_b, world.street)}
    staff = {world.office_a.code: {Role.APPROVER: world.approver, Role.REGISTRAR: world.registrar}}
    count = demo.load(random.Random(7), agencies, staff, 2025, per_agency=(150, 160))
    items = Item.objects.all()
    assert count == items.count() > 450
    assert items.public().count() > 0.8 * count
    assert items.late(timezone.localdate()).exists()
    assert (
        items.filter(interprets__isnull=False).values("interpretation_kind").distinct().count() == 4
    )
    assert late_interpretations(items).exists()
    for item in items.exclude(attribute="proactive"):
        assert item.attribute_reason and item.attribute_article and not item.is_public
    assert items.filter(review="pending").exists()
    assert (
        items.filter(agency=world.office_a, review="approved")
        .exclude(reviewed_by=world.approver)
        .count()
        == 0
    )
    # One import event each; a link or a file added afterwards is an event of its own.
    for item in items.prefetch_related("events")[:200]:
        kinds = [e.kind for e in item.events.all()]
        assert kinds[0] == "imported" and len(kinds) == 1 + bool(item.consultation_result_id) + (
            item.attachments.count()
        )


def _item_page(client, item) -> str:
    response = client.get(reverse("zfxxgk:item", args=[item.agency.code, item.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _link(item) -> str:
    return f'href="{reverse("zfxxgk:item", args=[item.agency.code, item.pk])}"'


def test_it_revises_repeals_and_answers_consultations_with_later_items(client, world):
    agencies = {a.code: a for a in (world.office_a, world.office_b)}
    demo.load(random.Random(3), agencies, {}, 2025, per_agency=(150, 160))
    amendments = Item.objects.filter(amends__isnull=False).select_related(
        "agency", "amends__agency"
    )
    assert {a.amendment_kind for a in amendments} == {"revises", "repeals"}
    for a in amendments:
        # The old text lapses (修订: 失效, 废止: 废止) on the day the later document is published.
        assert a.amends.validity == {"revises": "expired", "repeals": "repealed"}[a.amendment_kind]
        assert a.amends.validity_on == a.published_on > a.amends.published_on
        assert a.agency_id == a.amends.agency_id and a.is_public and a.amends.is_public
    # Both ends of each link on the public item pages.
    for kind, label in (("revises", "修订"), ("repeals", "废止")):
        later = amendments.filter(amendment_kind=kind).first()
        assert f"{label}的文件：<a {_link(later.amends)}" in _item_page(client, later)
        earlier = _item_page(client, later.amends)
        assert f"{label}本文件：<a {_link(later)}" in earlier
        assert f"{later.amends.get_validity_display()}（{later.published_on:%Y-%m-%d}）" in earlier

    consultations = Item.objects.filter(consultation_result__isnull=False).select_related(
        "agency", "genre", "consultation_result__agency"
    )
    assert consultations.exists()
    for c in consultations:
        assert c.genre.name == "意见征集" and c.consultation_result.is_public
        assert c.consultation_result.published_on > c.published_on
        assert c.events.filter(kind="linked").count() == 1
    c = consultations.first()
    assert f"意见征集结果：<a {_link(c.consultation_result)}" in _item_page(client, c)

    files = Attachment.objects.select_related("item__agency")
    assert {f.content_type.rsplit(".", 1)[-1] for f in files} == {"document", "sheet"}
    for f in files:
        assert f.item.is_public and f.size == f.file.size
    f = files.first()
    assert f.original_name in _item_page(client, f.item)
    download = client.get(reverse("zfxxgk:attachment", args=[f.item.agency.code, f.item.pk, f.pk]))
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    assert content[:2] == b"PK" and content == f.file.open("rb").read()


def test_the_demo_year_gives_every_unit_a_complete_zhuanlan(client, db):
    call_command(
        "load_demo_year",
        "--count",
        "9",
        "--year",
        str(YEAR),
        "--year-count",
        "20",
        stdout=StringIO(),
    )
    units = list(Agency.objects.filter(code__startswith="DEMO"))
    assert len(units) == 50
    public = Item.objects.public()
    assert public.count() > 3000
    # Thousands of public items, every unit among their publishers.
    assert set(public.values_list("agency", flat=True).distinct()) == {u.pk for u in units}
    assert public.filter(amendment_kind="revises").exists()
    assert public.filter(amendment_kind="repeals").exists()
    assert public.filter(consultation_result__in=public).exists()
    assert Attachment.objects.filter(item__in=public).exists()

    # Every unit's 指南 has every 第十二条 element: no gap for its staff (the district's
    # supervisor reads every unit, and so sees their gaps), nothing 暂未公布.
    client.force_login(get_user_model().objects.get(username="demo_supervisor"))
    for unit in units:
        assert guide_gaps(unit) == [], unit.code
        page = client.get(reverse("zfxxgk:guide", args=[unit.code])).content.decode()
        assert "指南已包含《条例》第十二条规定的全部内容" in page, unit.code
        assert "暂未公布" not in page and unit.office_fax in page and unit.office_email in page
    client.logout()

    # Every unit publishes its 制度, listed and readable on its 专栏.
    for unit in units:
        rules = SystemPage.objects.filter(agency=unit, published=True)
        assert rules.count() >= 3, unit.code
        listing = client.get(reverse("zfxxgk:rules", args=[unit.code])).content.decode()
        assert all(r.title in listing for r in rules)
    rule = SystemPage.objects.filter(agency=units[-1]).first()
    page = client.get(reverse("zfxxgk:rule", args=[units[-1].code, rule.pk])).content.decode()
    assert units[-1].name in page and "《中华人民共和国政府信息公开条例》" in page

    # Uploaded reports of earlier years, downloadable as the DOCX they were written as.
    legacy = LegacyReport.objects.select_related("agency").first()
    listing = client.get(reverse("zfxxgk:reports", args=[legacy.agency.code])).content.decode()
    assert legacy.title in listing
    download = client.get(
        reverse("zfxxgk:legacy_report_file", args=[legacy.agency.code, legacy.year])
    )
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"
