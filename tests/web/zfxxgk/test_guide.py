"""The 指南 lists every element of 《条例》第十二条 from the agency's data, and a missing one is a
gap its staff see (and supervision counts through guide_gaps), never a silently empty page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gongkai.zfxxgk.guide import guide_gaps

from .conftest import ART20, make_item

ELEMENTS = (
    "政府信息的分类",
    "编排体系",
    "获取方式",
    "工作机构名称",
    "办公地址",
    "办公时间",
    "联系电话",
    "传真",
    "互联网联系方式",
)
OFFICE = {
    "office_name": "示范区人民政府办公室政务公开科",
    "office_address": "示范区人民路1号",
    "office_postcode": "100001",
    "office_hours": "工作日9:00—12:00，13:30—17:30",
    "office_phone": "010-12345678",
    "office_fax": "010-12345679",
    "office_email": "gk@example.gov.cn",
    "office_website": "https://www.example.gov.cn/",
}


@pytest.fixture
def office(world, topic):
    a = world.office_a
    for name, value in OFFICE.items():
        setattr(a, name, value)
    a.save()
    make_item(a, "关于印发示范区政务公开工作要点的通知", "正文", topic=topic, art20_item=ART20.I1)
    return a


def _guide(client, agency) -> str:
    return client.get(reverse("zfxxgk:guide", args=[agency.code])).content.decode()


def test_it_lists_every_element_of_article_12_filled_from_the_agency(client, office):
    page = _guide(client, office)
    for element in ELEMENTS:
        assert f">{element}</dt>" in page, element
    for value in OFFICE.values():
        assert value in page
    assert (
        "（一）行政法规、规章和规范性文件" in page and "专栏测试主题" in page
    )  # 分类 from the catalogue
    # The ways to apply (第二十九条): online, in person, by letter, fax and e-mail.
    for channel in ("网上申请", "当面申请", "信函申请", "传真申请", "电子邮件申请"):
        assert channel in page
    assert "暂未公布" not in page
    assert guide_gaps(office) == []


def test_a_missing_element_is_a_gap_shown_to_staff_only(client, office, world):
    office.office_fax = ""
    office.office_email = office.office_website = ""
    office.save()
    assert [e.key for e in guide_gaps(office)] == ["office_fax", "internet"]
    page = _guide(client, office)
    assert page.count("暂未公布") == 2 and "guide-gaps" not in page  # the public sees no staff note
    assert "传真申请" not in page
    client.force_login(world.handler)
    page = _guide(client, office)
    assert 'data-gap="office_fax"' in page and 'data-gap="internet"' in page
    assert "指南缺少2项内容" in page
    client.force_login(world.other_handler)  # another agency's staff: no panel
    assert "guide-gaps" not in _guide(client, office)


def test_an_agency_with_nothing_published_has_no_categories(client, world):
    gaps = {e.key for e in guide_gaps(world.office_b)}
    assert {
        "categories",
        "office_name",
        "office_address",
        "office_hours",
        "office_phone",
        "office_fax",
        "internet",
    } == gaps
