"""The Django admin, opened to agency administrators (管理员) as well as superusers.

An administrator maintains the reference data of the agencies they administer and everything
below them (agencies, memberships) and the national holiday table; nothing else. Superusers keep
Django's full admin.
"""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError

from gongkai.agencies.models import administered_agency_ids
from gongkai.web.login import ThrottledLoginMixin


def may_use_admin(user) -> bool:
    return user.is_active and (user.is_staff or bool(administered_agency_ids(user)))


class AdministratorAuthenticationForm(ThrottledLoginMixin, AdminAuthenticationForm):
    def confirm_login_allowed(self, user):
        if not may_use_admin(user):
            raise ValidationError(self.error_messages["invalid_login"], code="invalid_login",
                                  params={"username": self.username_field.verbose_name})


class GongkaiAdminSite(AdminSite):
    site_header = "政府信息公开申请办理系统 · 基础数据管理"
    site_title = "基础数据管理"
    login_form = AdministratorAuthenticationForm

    def has_permission(self, request):
        return may_use_admin(request.user)
