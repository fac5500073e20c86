"""The Django admin, opened to agency administrators (管理员) and the holiday table's keepers as
well as superusers.

Who may enter and what they see there is decided by gongkai.agencies.access
(`Access.uses_admin`): an administrator maintains the reference data of the agencies they
administer and everything below them (agencies, roles, their staff's accounts); a member of the
group 节假日表维护 the national holiday table; superusers keep Django's full admin.
"""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError

from gongkai.agencies.access import access_for, build_access
from gongkai.web.login import ThrottledLoginMixin


def may_use_admin(user) -> bool:
    return build_access(user).uses_admin


class AdministratorAuthenticationForm(ThrottledLoginMixin, AdminAuthenticationForm):
    def confirm_login_allowed(self, user):
        if not may_use_admin(user):
            raise ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )


class GongkaiAdminSite(AdminSite):
    site_header = "政府信息公开申请办理系统 · 基础数据管理"
    site_title = "基础数据管理"
    login_form = AdministratorAuthenticationForm

    def has_permission(self, request):
        return access_for(request).uses_admin
