"""What the 专栏 shows of an agency, computed from the public catalogue only
(`Item.objects.public()`): the 指南's 分类 and 编排体系, the 法定主动公开内容 counts."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.catalogue.choices import Art20Item
from gongkai.catalogue.models import Genre, Item, Topic

from . import guide as guide_module
from .search import Filters

ART20_LABELS = dict(Art20Item.choices)


def _public_of(agency: Agency) -> list:
    """The agency's public items as parts (gongkai.zfxxgk.search.Filters.parts): those it
    issued, and those it issued jointly under another lead agency (联合发文)."""
    return Filters(agency_id=agency.pk).parts(Item.objects.public())


def _counts(agency: Agency, field: str) -> dict:
    counts: dict = {}
    for part in _public_of(agency):
        rows = part.exclude(**{field: None}).values_list(field).annotate(n=Count("id")).order_by()
        for value, n in rows:
            counts[value] = counts.get(value, 0) + n
    return counts


def art20_counts(agency: Agency) -> list[tuple[str, str, int]]:
    """(item, label, public items) for each 第二十条 item the agency has published under."""
    counts = _counts(agency, "art20_item")
    return [
        (value, label, counts[value]) for value, label in Art20Item.choices if counts.get(value)
    ]


def topic_counts(agency: Agency) -> list[tuple[Topic, int]]:
    counts = _counts(agency, "topic_id")
    return [(t, counts[t.pk]) for t in Topic.objects.filter(pk__in=counts)]


def _used(agency: Agency, field: str) -> set:
    """The values of `field` among the agency's public items: a DISTINCT that reads an index of
    gongkai.zfxxgk.index_sql.PUBLIC_BY_FACET alone (no table rows, no counting)."""
    used: set = set()
    for part in _public_of(agency):
        used.update(part.order_by().values_list(field, flat=True).distinct())
    return used


def art20_labels(agency: Agency) -> list[str]:
    """The 第二十条 items the agency has published under, in the article's order."""
    used = _used(agency, "art20_item")
    return [label for value, label in Art20Item.choices if value in used]


def topic_names(agency: Agency) -> list[str]:
    return [t.name for t in Topic.objects.filter(pk__in=_used(agency, "topic_id") - {None})]


def genre_names(agency: Agency) -> list[str]:
    return [g.name for g in Genre.objects.filter(pk__in=_used(agency, "genre_id") - {None})]


def guide(agency: Agency) -> list[guide_module.Element]:
    """The agency's 指南, every 第十二条 element (gongkai.zfxxgk.guide)."""
    art20 = art20_labels(agency)
    topics = topic_names(agency)
    categories = []
    if art20:
        categories.append("按《条例》第二十条法定主动公开内容分类：" + "；".join(art20) + "。")
    if topics:
        categories.append("按主题分类：" + "、".join(topics) + "。")
    genres = genre_names(agency)
    if genres and categories:
        categories.append("按体裁分类：" + "、".join(genres) + "。")
    arrangement = [
        "本机关政府信息公开专栏设“政府信息公开指南”“政府信息公开制度”“法定主动公开内容”“政府信息公开年报”“政府信息公开目录”栏目。",
        "政府信息公开目录逐条列明索引号、信息名称、内容概述、生成日期（成文日期）、发布日期、文号、主题分类、体裁和有效性，"
        "按发布日期由近及远排列，可按年份、主题分类、体裁、有效性筛选，并可按标题、文号和正文检索。",
        f"索引号按“机关代码/年份-顺序号”编制（本机关代码为 {agency.code}），每条政府信息一个，发布后不再改变。",
    ]
    return guide_module.elements(
        agency,
        categories=categories,
        arrangement=arrangement,
        zhuanlan_url=reverse("zfxxgk:agency", args=[agency.code]),
        apply_url=reverse("portal:apply"),
    )
