"""Agencies and memberships in the admin. Superusers see everything; an agency administrator
(管理员) sees and edits only the agencies they administer and those below them."""

from django.contrib import admin

from .models import Agency, Membership, administered_agency_ids


class ScopedAdmin(admin.ModelAdmin):
    """Permissions from the administrator role instead of Django's per-model permissions."""

    agency_path = "pk"  # how to reach the agency's id from this model

    def scope(self, request) -> set[int] | None:
        """None: unrestricted (superuser)."""
        return None if request.user.is_superuser else administered_agency_ids(request.user)

    def _in_scope(self, request, obj=None) -> bool:
        scope = self.scope(request)
        if scope is None:
            return True
        if not scope:
            return False
        return obj is None or getattr(obj, self.agency_path) in scope

    def has_module_permission(self, request):
        return self._in_scope(request) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return self._in_scope(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._in_scope(request, obj)

    def has_add_permission(self, request):
        return self._in_scope(request)

    def has_delete_permission(self, request, obj=None):
        return self._in_scope(request, obj)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        scope = self.scope(request)
        return qs if scope is None else qs.filter(**{f"{self.agency_path}__in": scope})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        scope = self.scope(request)
        if scope is not None and db_field.related_model is Agency:
            kwargs["queryset"] = Agency.objects.filter(pk__in=scope)
            kwargs["required"] = True  # an administrator cannot create a root of the tree
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_autocomplete_fields(self, request):
        # Autocomplete asks the related model's admin; administrators have no user admin.
        return self.autocomplete_fields if request.user.is_superuser else ()


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1

    def get_autocomplete_fields(self, request):
        return ("user",) if request.user.is_superuser else ()

    def _allowed(self, request, obj=None):
        return request.user.is_superuser or obj is None or obj.pk in administered_agency_ids(request.user)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_add_permission(self, request, obj=None):
        return self._allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request, obj)


@admin.register(Agency)
class AgencyAdmin(ScopedAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["code", "name", "level", "parent"]}),
        (
            "信息公开工作机构（指南与文书使用）",
            {
                "fields": [
                    "office_name", "doc_prefix", "office_address", "office_postcode", "office_hours",
                    "office_phone", "office_fax", "office_email", "office_website", "contact_person",
                    "review_body", "court",
                ]
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        # An administrator may not move or delete the top of their own subtree.
        if obj is not None and not request.user.is_superuser and obj.parent_id not in administered_agency_ids(request.user):
            return ("parent", "code")
        return ()

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin):
    agency_path = "agency_id"
    list_display = ["user", "agency", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "agency__name"]
    autocomplete_fields = ["user", "agency"]
