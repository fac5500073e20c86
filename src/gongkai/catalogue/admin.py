"""主题分类 and 体裁 are the deployment's lists, kept by the system administrator; items are kept
through the staff views (services record every change), so the admin shows them read-only."""

from django.contrib import admin

from gongkai.agencies.admin import ScopedAdmin

from .models import Genre, Item, Topic


@admin.register(Topic, Genre)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position", "active"]
    list_editable = ["position", "active"]
    search_fields = ["name", "code"]


@admin.register(Item)
class ItemAdmin(ScopedAdmin):
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

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
