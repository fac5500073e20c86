"""Catalogue items in every state the public side must tell apart, made directly (the states are
the catalogue's; these tests are about what the 专栏 shows of them)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from gongkai.catalogue.choices import Art20Item, Attribute, AttributeArticle, Review
from gongkai.catalogue.models import Genre, Item, Topic
from gongkai.catalogue.numbering import format_index_no

PUBLISHED = dt.date(2026, 3, 2)
_serial = itertools.count(1)


def make_item(
    agency,
    title,
    body="",
    *,
    attribute=Attribute.PROACTIVE,
    review=Review.APPROVED,
    published_on=PUBLISHED,
    formed_on=dt.date(2026, 2, 20),
    **fields,
) -> Item:
    if attribute != Attribute.PROACTIVE:
        fields.setdefault("attribute_reason", "涉及第三方商业秘密")
        fields.setdefault("attribute_article", AttributeArticle.ART15)
    return Item.objects.create(
        agency=agency,
        index_no=format_index_no(agency.code, 2026, next(_serial)),
        title=title,
        body=body,
        formed_on=formed_on,
        published_on=published_on,
        attribute=attribute,
        review=review,
        **fields,
    )


@pytest.fixture
def topic(db):
    return Topic.objects.create(code="ZKT01", name="专栏测试主题")


@pytest.fixture
def genre(db):
    return Genre.objects.create(code="ZKG01", name="专栏测试体裁")


@pytest.fixture
def hidden(world):
    """Office A's items the public must never see, each with its own marker in title and body."""
    a = world.office_a
    return {
        "待审查": make_item(
            a, "隐藏甲待审查的文件", "正文标记甲待审查", review=Review.PENDING, published_on=None
        ),
        "退回": make_item(a, "隐藏乙退回修改的文件", "正文标记乙退回", review=Review.RETURNED),
        "不予公开": make_item(
            a, "隐藏丙不予公开的文件", "正文标记丙不予公开", attribute=Attribute.WITHHELD
        ),
        "依申请公开": make_item(
            a, "隐藏丁依申请公开的文件", "正文标记丁依申请", attribute=Attribute.ON_REQUEST
        ),
        "未发布": make_item(a, "隐藏戊尚未发布的文件", "正文标记戊未发布", published_on=None),
        "定时发布": make_item(
            a, "隐藏己明日发布的文件", "正文标记己定时", published_on=dt.date(2099, 1, 1)
        ),
        "审查中已填日期": make_item(a, "隐藏庚待审查已填日期", "正文标记庚", review=Review.PENDING),
    }


ART20 = Art20Item
