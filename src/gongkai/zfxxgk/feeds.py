"""Atom feeds of what was published: the whole 专栏 and each agency (public items only)."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from gongkai.agencies.models import Agency
from gongkai.catalogue.models import Item

from . import search

FEED_SIZE = 50


def _published(item: Item) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(item.published_on, dt.time()))


class LatestItems(Feed):
    feed_type = Atom1Feed
    title = "政府信息公开专栏 最新公开"
    subtitle = "各机关主动公开的政府信息"

    def link(self):
        return reverse("zfxxgk:index")

    def items(self):
        return (
            Item.objects.public()
            .select_related("agency")
            .defer("body")
            .order_by("-published_on", "-id")[:FEED_SIZE]
        )

    def item_title(self, item):
        return f"{item.title}（{item.doc_number}）" if item.doc_number else item.title

    def item_description(self, item):
        return item.summary or ""

    def item_link(self, item):
        return reverse("zfxxgk:item", args=[item.agency.code, item.pk])

    def item_author_name(self, item):
        return item.agency.name

    def item_pubdate(self, item):
        return _published(item)

    def item_updateddate(self, item):
        return _published(item)


class AgencyItems(LatestItems):
    def get_object(self, request, code):
        return get_object_or_404(Agency, code=code)

    def title(self, agency):
        return f"{agency.name} 政府信息公开 最新公开"

    def link(self, agency):
        return reverse("zfxxgk:agency", args=[agency.code])

    def items(self, agency):
        # As the agency's 目录: its 联合发文 under other lead agencies too (search.Filters.parts).
        latest = search.newest(search.Filters(agency_id=agency.pk)).select_related("agency")
        return latest[:FEED_SIZE]
