"""What the 专栏 shows of an agency, computed from the public catalogue only
(`Item.objects.public()`): the 指南's 分类 and 编排体系, the 法定主动公开内容 counts."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.catalogue.choices import Art20Item
from gongkai.catalogue.models import Genre, Item, Topic

from . import guide as guide_module
from .search import Filters

ART20_LABELS = dict(Art20Item.choices)


class _Parts:
    """The agency's public items (gongkai.zfxxgk.search.Filters.parts), read once per page: those
    it issued (`own`), and those it issued jointly under another lead agency (联合发文, `joint`)."""

    def __init__(self, agency: Agency):
        self.own, *self.joint = Filters(agency_id=agency.pk).parts(Item.objects.public())

    def counts(self, field: str) -> dict:
        """Public items per value of `field` that the agency has used."""
        counts = Counter(
            {value: n for value, n in _per_value(self.own, field, count=True).items() if n}
        )
        return dict(counts + self._joint_values(field))

    def used(self, field: str) -> set:
        """The values of `field` among the agency's public items (one index probe per value)."""
        used = {value for value, found in _per_value(self.own, field, count=False).items() if found}
        return used | set(self._joint_values(field))

    def _joint_values(self, field: str) -> Counter:
        """The values of `field` among the 联合发文, counted in Python: they are few and found by
        id, and a condition on `field` would let the planner walk that field's index over every
        agency's items instead."""
        return Counter(
            value
            for part in self.joint
            for value in part.order_by().values_list(field, flat=True)
            if value is not None
        )


def _per_value(own: QuerySet, field: str, *, count: bool) -> dict:
    """The agency's own public items for each value `field` can take — the article's items, the
    deployment's 主题 or 体裁 — as {value: how many} or, not `count`, {value: any}. Each value
    reads its own range of an index of gongkai.zfxxgk.index_sql.PUBLIC_BY_FACET and no table
    row: one GROUP BY or DISTINCT over the agency's items let SQLite take the agency's date
    index and read every item's row instead (docs/performance-catalogue.md). 主题 and 体裁 ask
    all values in one query (a sub-query per row of their table)."""
    if field == "art20_item":
        per_item = {value: own.filter(art20_item=value).order_by() for value in Art20Item.values}
        return {v: qs.count() if count else qs.exists() for v, qs in per_item.items()}
    model = Topic if field == "topic_id" else Genre
    rows = own.filter(**{field: OuterRef("pk")}).order_by()
    if count:
        answer = Subquery(rows.values(field).annotate(n=Count("id")).values("n")[:1])
    else:
        answer = Exists(rows)
    return dict(model.objects.order_by().annotate(answer=answer).values_list("pk", "answer"))


def statutory(agency: Agency) -> dict:
    """The 法定主动公开内容 page's counts: `art20`, (item, label, public items) for each 第二十条
    item the agency has published under; `topics`, (topic, public items)."""
    parts = _Parts(agency)
    art20 = parts.counts("art20_item")
    topics = parts.counts("topic_id")
    return {
        "art20": [(v, label, art20[v]) for v, label in Art20Item.choices if art20.get(v)],
        "topics": [(t, topics[t.pk]) for t in Topic.objects.filter(pk__in=topics)],
    }


def guide(agency: Agency) -> list[guide_module.Element]:
    """The agency's 指南, every 第十二条 element (gongkai.zfxxgk.guide)."""
    parts = _Parts(agency)
    used = parts.used("art20_item")
    art20 = [label for value, label in Art20Item.choices if value in used]
    topics = [t.name for t in Topic.objects.filter(pk__in=parts.used("topic_id"))]
    categories = []
    if art20:
        categories.append("按《条例》第二十条法定主动公开内容分类：" + "；".join(art20) + "。")
    if topics:
        categories.append("按主题分类：" + "、".join(topics) + "。")
    genres = [g.name for g in Genre.objects.filter(pk__in=parts.used("genre_id"))]
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
