"""制度 pages and earlier years' reports are kept by the agency's administrators (scoped as the
agencies are, gongkai.agencies.access)."""

from django.contrib import admin

from gongkai.agencies.admin import ScopedAdmin

from .models import LegacyReport, SystemPage


@admin.register(SystemPage)
class SystemPageAdmin(ScopedAdmin):
    agency_path = "agency_id"
    list_display = ["title", "agency", "position", "published", "updated_at"]
    list_filter = ["published"]


@admin.register(LegacyReport)
class LegacyReportAdmin(ScopedAdmin):
    agency_path = "agency_id"
    list_display = ["title", "agency", "year", "published_on", "uploaded_at"]
    exclude = ["uploaded_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
