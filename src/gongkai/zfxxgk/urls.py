"""The public 政府信息公开专栏, anonymous, in the paths government sites use (zfxxgkzn 指南,
zfxxgkzd 制度, fdzdgknr 法定主动公开内容, zfxxgknb 年报, zfxxgkml 目录)."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter

from . import feeds, views
from .sitemaps import SITEMAPS


class AgencyCodeConverter:
    regex = "[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*"  # gongkai.agencies.models._CODE_FORM

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(AgencyCodeConverter, "code")

A = "<code:code>/"
app_name = "zfxxgk"
urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search_page, name="search"),
    path("feed/", feeds.LatestItems(), name="feed"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "zfxxgk:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path(A, views.agency_home, name="agency"),
    path(A + "feed/", feeds.AgencyItems(), name="agency_feed"),
    path(A + "zfxxgkzn/", views.guide, name="guide"),
    path(A + "zfxxgkzd/", views.rules, name="rules"),
    path(A + "zfxxgkzd/<int:pk>/", views.rule, name="rule"),
    path(A + "fdzdgknr/", views.statutory, name="statutory"),
    path(A + "zfxxgknb/", views.reports, name="reports"),
    path(
        A + "zfxxgknb/<int:year>/<slug:scope>/v<int:version>.<slug:fmt>",
        views.report_file,
        name="report_file",
    ),
    path(A + "zfxxgknb/<int:year>/file/", views.legacy_report_file, name="legacy_report_file"),
    path(A + "zfxxgkml/", views.catalogue, name="catalogue"),
    path(A + "zfxxgkml/<int:pk>/", views.item, name="item"),
    path(A + "zfxxgkml/<int:item_pk>/files/<int:pk>/", views.attachment, name="attachment"),
]
