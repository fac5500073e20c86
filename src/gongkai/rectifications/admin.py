"""通报整改 in the admin, read-only: every change goes through the services, which record it as a
RectificationEvent (append-only). Scoped as agencies are (gongkai.agencies.access), by the unit a
row concerns: a notice is seen by the administrators of the units it is addressed to (and,
the agencies below being theirs too, of the office above).

Complaints carry a citizen's name and contact details, which only the office's supervisors handle
(docs/supervision.md): in the admin only the system administrator sees complaints, without those
details or the complaint's text and tracking code.
"""

from django.contrib import admin

from gongkai.agencies.access import access_for
from gongkai.agencies.admin import ReadOnlyScopedAdmin

from .models import Addressee, Answer, Complaint, Problem, RectificationEvent, RectificationNotice


@admin.register(RectificationNotice)
class RectificationNoticeAdmin(ReadOnlyScopedAdmin):
    agency_path = "addressees__agency_id"
    list_display = ["title", "office", "kind", "issued_on", "deadline"]
    list_filter = ["kind"]
    list_select_related = ["office"]
    search_fields = ["title"]


@admin.register(Addressee)
class AddresseeAdmin(ReadOnlyScopedAdmin):
    agency_path = "agency_id"
    list_display = ["notice", "agency", "state", "deadline", "answered_late", "accepted_on"]
    list_filter = ["state", "answered_late"]
    list_select_related = ["notice", "agency"]


@admin.register(Problem)
class ProblemAdmin(ReadOnlyScopedAdmin):
    agency_path = "addressee__agency_id"
    list_display = ["addressee", "text"]
    list_select_related = ["addressee__notice", "addressee__agency"]
    raw_id_fields = ["application", "finding"]


@admin.register(Answer)
class AnswerAdmin(ReadOnlyScopedAdmin):
    agency_path = "addressee__agency_id"
    list_display = ["addressee", "answered_on", "answered_by", "review", "reviewed_on"]
    list_filter = ["review"]
    list_select_related = ["addressee__notice", "addressee__agency", "answered_by"]
    exclude = ["evidence_file"]  # private storage: served by the notice's page


@admin.register(RectificationEvent)
class RectificationEventAdmin(ReadOnlyScopedAdmin):
    """The append-only log (gongkai.web.appendonly). A complaint's own events are the system
    administrator's only, as complaints are."""

    agency_path = "notice__addressees__agency_id"
    list_display = ["created_at", "kind", "notice", "addressee", "actor"]
    list_filter = ["kind"]
    list_select_related = ["notice", "addressee__agency", "actor"]
    exclude = ["complaint"]


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    fields = ["agency", "state", "submitted_at", "handled_on", "outcome", "reply"]
    list_display = ["__str__", "agency", "state", "submitted_at", "handled_on"]
    list_filter = ["state"]
    list_select_related = ["agency"]

    def has_module_permission(self, request):
        return access_for(request).is_superuser

    def has_view_permission(self, request, obj=None):
        return access_for(request).is_superuser

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
