"""Agencies, memberships and user accounts in the admin.

Superusers see everything. An agency administrator (管理员, not a superuser) sees and edits only
what gongkai.agencies.access lets them administer: the agencies they administer and those below
them, the roles held there, and the accounts of the people who work there. They never grant or
change a role of their own, never see or grant roles to users outside their agencies, and edit an
account only when every role of it lies inside their agencies (a shared account is the system
administrator's). New staff are created with their first role in one form.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserCreationForm
from django.db import models

from .access import Access, access_for
from .models import Agency, Membership, Role


def _scope(request) -> frozenset[int] | None:
    """The agencies the request's user administers; None: unrestricted (superuser)."""
    access = access_for(request)
    return None if access.is_superuser else access.administers


def colleagues(access: Access):
    """The accounts a scoped administrator may give roles to: people holding a role at an agency
    they administer, except themselves and superusers."""
    return (
        get_user_model()
        .objects.filter(memberships__agency_id__in=access.administers, is_superuser=False)
        .exclude(pk=access.user_id)
        .distinct()
        .order_by("username")
    )


class ScopedAdmin(admin.ModelAdmin):
    """Permissions from the administrator role instead of Django's per-model permissions."""

    # How to reach the agency's id from this model: a field ("agency_id") or a lookup across
    # relations ("item__agency_id"), which may reach several rows ("addressees__agency_id": a
    # row is in scope when any of them is).
    agency_path = "pk"

    def scope(self, request) -> frozenset[int] | None:
        return _scope(request)

    def _in_scope(self, request, obj=None) -> bool:
        scope = self.scope(request)
        if scope is None:
            return True
        if not scope:
            return False
        if obj is None:
            return True
        if "__" in self.agency_path:
            return self.get_queryset(request).filter(pk=obj.pk).exists()
        return getattr(obj, self.agency_path) in scope

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
        if scope is None:
            return qs
        if "__" in self.agency_path:
            # Across relations, through a subquery: each row once, however many rows it reaches.
            inside = self.model._default_manager.filter(**{f"{self.agency_path}__in": scope})
            return qs.filter(pk__in=inside.values("pk"))
        return qs.filter(**{f"{self.agency_path}__in": scope})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        scope = self.scope(request)
        if scope is not None and db_field.related_model is Agency:
            kwargs["queryset"] = Agency.objects.filter(pk__in=scope)
            kwargs["required"] = True  # an administrator cannot create a root of the tree
        if scope is not None and db_field.related_model is get_user_model():
            kwargs["queryset"] = colleagues(access_for(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_autocomplete_fields(self, request):
        # Autocomplete asks the related model's admin, which knows nothing of this field's limits.
        return self.autocomplete_fields if access_for(request).is_superuser else ()


class ReadOnlyScopedAdmin(ScopedAdmin):
    """Scoped, and read-only for everyone: rows changed only through their services (each change
    recorded), or never changed at all (append-only tables, published versions)."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _own_or_superusers(request, membership) -> bool:
    """A membership a scoped administrator may look at but not change: their own (no granting
    themselves roles), or a superuser's."""
    return membership.user_id == request.user.pk or membership.user.is_superuser


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if access_for(request).is_superuser:
            return qs
        # Their own and superusers' roles are listed (read-only) on the 人员角色 page instead.
        return qs.exclude(user=request.user).exclude(user__is_superuser=True)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user" and not access_for(request).is_superuser:
            kwargs["queryset"] = colleagues(access_for(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_autocomplete_fields(self, request):
        return ("user",) if access_for(request).is_superuser else ()

    def _allowed(self, request, obj=None):
        access = access_for(request)
        return access.is_superuser or obj is None or access.can_administer(obj.pk)

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
    # Agencies' sites are served over HTTPS; a bare "www.example.gov.cn" becomes https://….
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["code", "name", "level", "parent"]}),
        (
            "信息公开工作机构（指南与文书使用）",
            {
                "fields": [
                    "office_name",
                    "doc_prefix",
                    "office_address",
                    "office_postcode",
                    "office_hours",
                    "office_phone",
                    "office_fax",
                    "office_email",
                    "office_website",
                    "contact_person",
                    "review_body",
                    "court",
                ]
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        # An administrator may not move or delete the top of their own subtree.
        access = access_for(request)
        if obj is not None and not access.is_superuser and obj.parent_id not in access.administers:
            return ("parent", "code")
        return ()

    def has_delete_permission(self, request, obj=None):
        return access_for(request).is_superuser


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin):
    agency_path = "agency_id"
    list_display = ["user", "agency", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "agency__name"]
    autocomplete_fields = ["user", "agency"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "agency")

    def _editable(self, request, obj=None) -> bool:
        if not self._in_scope(request, obj):
            return False
        return (
            obj is None or access_for(request).is_superuser or not _own_or_superusers(request, obj)
        )

    def has_change_permission(self, request, obj=None):
        return self._editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(request, obj)


# -- user accounts ----------------------------------------------------------------------------

User = get_user_model()


def manageable_by(access: Access, user) -> bool:
    """Whether a scoped administrator may edit this account (name, e-mail, active, password):
    not their own, not a superuser's or a holder of Django permissions (the holiday table),
    and every role of it at an agency they administer."""
    if access.is_superuser:
        return True
    if user.pk == access.user_id or user.is_superuser or user.is_staff:
        return False
    if user.groups.exists() or user.user_permissions.exists():
        return False
    agencies = set(user.memberships.values_list("agency_id", flat=True))
    return bool(agencies) and agencies <= access.administers


class NewColleagueForm(UserCreationForm):
    """A new account with its first role at one of the administrator's agencies."""

    agency = forms.ModelChoiceField(label="机关", queryset=Agency.objects.none())
    role = forms.ChoiceField(label="角色", choices=Role.choices)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email")


class StaffUserAdmin(UserAdmin):
    """Django's user admin for superusers; for a scoped administrator, the accounts of the people
    working at their agencies, with no permission fields."""

    scoped_fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("个人信息", {"fields": ("first_name", "last_name", "email")}),
        ("状态", {"fields": ("is_active",)}),
    )
    scoped_add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "first_name",
                    "last_name",
                    "email",
                    "password1",
                    "password2",
                ),
            },
        ),
        ("首个角色", {"fields": ("agency", "role")}),
    )

    def _scoped(self, request) -> bool:
        return not access_for(request).is_superuser

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if not self._scoped(request):
            return qs
        return qs.filter(memberships__agency_id__in=access_for(request).administers).distinct()

    def has_module_permission(self, request):
        return (
            bool(access_for(request).administers)
            if self._scoped(request)
            else super().has_module_permission(request)
        )

    def has_view_permission(self, request, obj=None):
        return (
            bool(access_for(request).administers)
            if self._scoped(request)
            else super().has_view_permission(request, obj)
        )

    def has_change_permission(self, request, obj=None):
        if not self._scoped(request):
            return super().has_change_permission(request, obj)
        access = access_for(request)
        return bool(access.administers) and (obj is None or manageable_by(access, obj))

    def has_add_permission(self, request):
        return (
            bool(access_for(request).administers)
            if self._scoped(request)
            else super().has_add_permission(request)
        )

    def has_delete_permission(self, request, obj=None):
        # A scoped administrator deactivates an account (is_active) instead of deleting it.
        return False if self._scoped(request) else super().has_delete_permission(request, obj)

    def get_fieldsets(self, request, obj=None):
        if not self._scoped(request):
            return super().get_fieldsets(request, obj)
        return self.scoped_add_fieldsets if obj is None else self.scoped_fieldsets

    def get_list_filter(self, request):
        return ("is_active",) if self._scoped(request) else super().get_list_filter(request)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None and self._scoped(request):
            administers = access_for(request).administers

            class Form(NewColleagueForm):
                def __init__(self, *args, **kw):
                    super().__init__(*args, **kw)
                    self.fields["agency"].queryset = Agency.objects.filter(pk__in=administers)

            kwargs["form"] = Form
        return super().get_form(request, obj, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change and "agency" in form.cleaned_data:
            Membership.objects.create(
                user=obj, agency=form.cleaned_data["agency"], role=form.cleaned_data["role"]
            )


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
