"""考评 in the admin, read-only: schemes, indicators and scores change through the office's pages
(services check the office's role and lock a published year), and releases are append-only.
Scoped as agencies are (gongkai.agencies.access): a scheme, its indicators and releases are the
office's; a manual score is also the scored unit's."""

from django.contrib import admin

from gongkai.agencies.admin import ReadOnlyScopedAdmin

from .models import Indicator, ManualScore, Release, Scheme


@admin.register(Scheme)
class SchemeAdmin(ReadOnlyScopedAdmin):
    agency_path = "office_id"
    list_display = ["title", "office", "year", "created_at"]
    list_filter = ["year"]
    list_select_related = ["office"]


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyScopedAdmin):
    agency_path = "scheme__office_id"
    list_display = ["name", "scheme", "parent", "points", "method", "deduction"]
    list_select_related = ["scheme", "parent"]


@admin.register(ManualScore)
class ManualScoreAdmin(ReadOnlyScopedAdmin):
    agency_path = "unit_id"
    list_display = ["indicator", "unit", "score", "entered_by", "entered_at"]
    list_select_related = ["indicator", "unit", "entered_by"]
    exclude = ["evidence_file"]  # private storage: served by the scores' pages


@admin.register(Release)
class ReleaseAdmin(ReadOnlyScopedAdmin):
    """Published scores and withdrawals: append-only (gongkai.web.appendonly)."""

    agency_path = "scheme__office_id"
    list_display = ["scheme", "kind", "actor", "created_at", "reason"]
    list_filter = ["kind"]
    list_select_related = ["scheme", "actor"]
