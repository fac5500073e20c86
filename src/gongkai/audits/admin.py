"""Bulk audits in the admin, read-only: batches, their reports and findings are made by the
upload and the workers (gongkai.audits.services, tasks) and seen by the owner office's
administrators, scoped as agencies are (gongkai.agencies.access)."""

from django.contrib import admin

from gongkai.agencies.admin import ReadOnlyScopedAdmin

from .models import AuditBatch, AuditedReport, AuditFinding


@admin.register(AuditBatch)
class AuditBatchAdmin(ReadOnlyScopedAdmin):
    agency_path = "owner_id"
    list_display = ["title", "owner", "year", "state", "total", "errors", "warnings", "created_at"]
    list_filter = ["state", "source"]
    list_select_related = ["owner"]
    search_fields = ["title"]


@admin.register(AuditedReport)
class AuditedReportAdmin(ReadOnlyScopedAdmin):
    agency_path = "batch__owner_id"
    list_display = ["original_name", "batch", "agency_name", "year", "state", "errors", "warnings"]
    list_filter = ["state", "complete", "not_a_report"]
    list_select_related = ["batch"]
    search_fields = ["original_name", "agency_name"]
    show_full_result_count = False
    # The file is in private storage (served by the audit pages); the JSON is the pages' to show.
    exclude = ["file", "audit", "report_json"]


@admin.register(AuditFinding)
class AuditFindingAdmin(ReadOnlyScopedAdmin):
    agency_path = "batch__owner_id"
    list_display = ["rule", "level", "agency", "year", "report"]
    list_filter = ["level"]
    list_select_related = ["agency", "report"]
    search_fields = ["rule", "message"]
    show_full_result_count = False
