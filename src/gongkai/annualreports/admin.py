"""The yearly 表二 figures and the narratives are kept by the agencies'
administrators (scoped as agencies and memberships are, gongkai.agencies.access); published
versions are read-only for everyone."""

from django.contrib import admin

from gongkai.agencies.admin import ReadOnlyScopedAdmin, ScopedAdmin

from .models import Narrative, PublishedReport, YearlyFigures


@admin.register(YearlyFigures)
class YearlyFiguresAdmin(ScopedAdmin):
    agency_path = "agency_id"
    list_display = [
        "agency",
        "year",
        "licensing_decisions",
        "penalty_decisions",
        "coercion_decisions",
        "fee_amount",
    ]
    list_filter = ["year"]


@admin.register(Narrative)
class NarrativeAdmin(ScopedAdmin):
    agency_path = "agency_id"
    list_display = ["agency", "year", "scope", "updated_at"]


@admin.register(PublishedReport)
class PublishedReportAdmin(ReadOnlyScopedAdmin):
    """Read-only: a published version is frozen (a correction is a new version)."""

    agency_path = "agency_id"
    list_display = ["agency", "year", "scope", "version", "published_at", "published_by"]
