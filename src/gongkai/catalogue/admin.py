"""主题分类 and 体裁 are the deployment's lists, kept by the system administrator; items, their
attachments and imports are kept through the staff views (services record every change), so the
admin shows them read-only, as it shows the append-only change log."""

from django.contrib import admin

from gongkai.agencies.admin import ReadOnlyScopedAdmin

from .models import Attachment, Genre, ImportJob, Item, ItemEvent, Topic


@admin.register(Topic, Genre)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position", "active"]
    list_editable = ["position", "active"]
    search_fields = ["name", "code"]


@admin.register(Item)
class ItemAdmin(ReadOnlyScopedAdmin):
    """Read-only: changes go through the staff views so each one is an ItemEvent."""

    agency_path = "agency_id"
    list_display = [
        "index_no",
        "title",
        "doc_number",
        "agency",
        "attribute",
        "review",
        "published_on",
    ]
    list_filter = ["attribute", "review", "validity", "register_kind"]
    search_fields = ["index_no", "title", "doc_number"]
    raw_id_fields = ["interprets", "amends", "consultation_result"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyScopedAdmin):
    agency_path = "item__agency_id"
    list_display = ["original_name", "item", "content_type", "size", "uploaded_at"]
    list_select_related = ["item"]
    search_fields = ["original_name", "item__title"]
    exclude = ["file"]  # private storage: served by the staff views, which check access


@admin.register(ItemEvent)
class ItemEventAdmin(ReadOnlyScopedAdmin):
    """The append-only change log (gongkai.web.appendonly)."""

    agency_path = "item__agency_id"
    list_display = ["created_at", "item", "kind", "actor"]
    list_filter = ["kind"]
    list_select_related = ["item", "actor"]
    show_full_result_count = False


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyScopedAdmin):
    agency_path = "agency_id"
    list_display = ["original_name", "agency", "status", "imported", "created_by", "created_at"]
    list_filter = ["status"]
    list_select_related = ["agency", "created_by"]
    exclude = ["file"]
