"""Measures read from the 主动公开 catalogue (gongkai.catalogue), one grouped query each.

A unit with no catalogue item at all has 无数据 (it does not keep its catalogue here), not zero.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from .measures import Result, records_link


def _year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _with_items(units: list[int]) -> set[int]:
    from gongkai.catalogue.models import Item

    return set(
        Item.objects.filter(agency_id__in=units).values_list("agency_id", flat=True).distinct()
    )


def late_items(year: int):
    """主动公开 items due in the year, published after the due date or still unpublished past it
    (《条例》第二十六条: within 20 working days)."""
    from gongkai.catalogue.models import Item

    first, last = _year(year)
    return Item.objects.late(timezone.localdate()).filter(due_on__gte=first, due_on__lte=last)


def uninterpreted(year: int):
    """规章 and 规范性文件 published in the year with no 解读 linked to them."""
    from gongkai.catalogue.choices import Attribute
    from gongkai.catalogue.models import Item

    first, last = _year(year)
    return Item.objects.register().filter(
        Q(attribute=Attribute.PROACTIVE, published_on__gte=first, published_on__lte=last),
        interpretations__isnull=True,
    )


def _counted(key: str, qs, units: list[int], year: int, words: str) -> dict[int, Result]:
    counts = dict(
        qs.filter(agency_id__in=units)
        .values_list("agency_id")
        .annotate(n=Count("pk", distinct=True))
    )
    present = _with_items(units)
    out = {}
    for unit in units:
        link = records_link(key, unit, year)
        if unit not in present:
            out[unit] = Result(None, "无数据：该单位在主动公开目录中没有条目。", link)
        else:
            n = counts.get(unit, 0)
            out[unit] = Result(n, words.format(year=year, n=n), link)
    return out


def catalogue_late(units: list[int], year: int) -> dict[int, Result]:
    return _counted(
        "catalogue_late",
        late_items(year),
        units,
        year,
        "应于{year}年内公开的主动公开条目中，超过20个工作日公开或逾期未公开{n}条",
    )


def interpretation_missing(units: list[int], year: int) -> dict[int, Result]:
    return _counted(
        "interpretation_missing",
        uninterpreted(year),
        units,
        year,
        "{year}年公开的规章、规范性文件中未关联解读{n}件",
    )
