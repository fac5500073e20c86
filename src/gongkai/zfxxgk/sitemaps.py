"""The 专栏's sitemap: every agency's sections and every public catalogue item."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from gongkai.agencies.models import Agency
from gongkai.catalogue.models import Item

SECTIONS = ("agency", "guide", "rules", "statutory", "reports", "catalogue")


class SectionSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            (code, section)
            for code in Agency.objects.order_by("code").values_list("code", flat=True)
            for section in SECTIONS
        ]

    def location(self, obj):
        code, section = obj
        return reverse(f"zfxxgk:{section}", args=[code])


class ItemSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10_000  # the sitemap protocol allows 50,000 URLs a file; ?p= pages through them

    def items(self):
        return (
            Item.objects.public()
            .only("pk", "published_on", "agency__code")
            .select_related("agency")
            .order_by("pk")
        )

    def location(self, item):
        return reverse("zfxxgk:item", args=[item.agency.code, item.pk])

    def lastmod(self, item):
        return item.published_on


SITEMAPS = {"sections": SectionSitemap, "items": ItemSitemap}
