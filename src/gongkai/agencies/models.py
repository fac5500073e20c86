"""The agency tree and per-agency roles.

A district government has departments (offices, bureaus) and streets/towns below it. Each body
handles its own applications (《条例》第四条: each body designates its GIO work body), so roles are
held per agency; only the supervisor role reaches down the tree, and only to read.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class Level(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "政府工作部门"
    STREET = "street", "街道（乡镇）"
    OTHER = "other", "其他机构"


# The agency code begins every application number (CODE-YEAR-SEQUENCE, e.g. DEMO-01-2026-00042):
# capital letters and digits in hyphen-joined parts, at most 20 characters so a number stays
# within Application.number's 40, and no part that reads as a year (DEMO-03-2026 would number its
# applications DEMO-03-2026-2026-00001, indistinguishable at a glance from DEMO-03's).
AGENCY_CODE_MAX = 20
_CODE_FORM = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*")
_YEAR_PART = re.compile(r"(?:19|20)[0-9]{2}")


def agency_code_problem(value: str) -> str | None:
    """Why `value` cannot be an agency code, or None if it can (Chinese, shown to administrators)."""
    if len(value) > AGENCY_CODE_MAX:
        return f"机关代码最多{AGENCY_CODE_MAX}个字符（申请编号由机关代码、年份和序号组成）。"
    if not _CODE_FORM.fullmatch(value):
        return "机关代码只能由大写字母、数字和连字符“-”组成，以字母开头，连字符不能连用或位于末尾，如 DEMO-01。"
    years = [part for part in value.split("-") if _YEAR_PART.fullmatch(part)]
    if years:
        return (
            f"机关代码不能含有像年份的部分（{years[0]}）：申请编号“机关代码-年份-序号”会因此混淆。"
        )
    return None


def validate_agency_code(value: str) -> None:
    problem = agency_code_problem(value)
    if problem:
        raise ValidationError(problem, code="agency_code")


class Agency(models.Model):
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name="上级机关",
    )
    code = models.CharField(
        "机关代码",
        max_length=32,
        unique=True,
        validators=[validate_agency_code],
        help_text="大写字母、数字和连字符，如 DEMO-01；是本机关申请编号的前缀",
    )
    name = models.CharField("机关名称", max_length=200)
    level = models.CharField("层级", max_length=16, choices=Level.choices)

    # The agency's disclosure office as the public meets it: printed in the 政府信息公开指南
    # (《条例》第十二条: 工作机构名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式) and on
    # every letter (文号, 联系人, and the remedy sentence naming the 复议机关 and the court, 第五十一条).
    doc_prefix = models.CharField(
        "机关代字",
        max_length=20,
        blank=True,
        help_text="发文字号的机关代字，如“东政信公”；文号为 机关代字〔年份〕序号号",
    )
    office_name = models.CharField("政府信息公开工作机构", max_length=200, blank=True)
    office_address = models.CharField("办公地址", max_length=300, blank=True)
    office_postcode = models.CharField("邮政编码", max_length=6, blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    office_phone = models.CharField("联系电话", max_length=40, blank=True)
    office_fax = models.CharField("传真号码", max_length=40, blank=True)
    office_email = models.EmailField("电子邮箱", max_length=200, blank=True)
    office_website = models.URLField("互联网联系方式（网址）", max_length=300, blank=True)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    review_body = models.CharField(
        "行政复议机关", max_length=200, blank=True, help_text="答复书救济途径中写明的复议机关"
    )
    court = models.CharField(
        "行政诉讼管辖法院", max_length=200, blank=True, help_text="答复书救济途径中写明的人民法院"
    )

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def descendant_ids(self) -> set[int]:
        """Ids of this agency and every agency below it (one query per tree level)."""
        found = {self.pk}
        frontier = [self.pk]
        while frontier:
            frontier = list(
                Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
            )
            frontier = [pk for pk in frontier if pk not in found]
            found.update(frontier)
        return found


class Role(models.TextChoices):
    REGISTRAR = "registrar", "登记"
    HANDLER = "handler", "承办"
    # Head of the GIO work body: consents to extensions (《条例》第三十三条) and signs replies.
    APPROVER = "approver", "审核签发"
    SUPERVISOR = "supervisor", "监督（只读）"
    ADMINISTRATOR = "administrator", "管理员"


# Roles that work on an agency's own cases (and may therefore see full ID numbers).
CASE_ROLES = frozenset({Role.REGISTRAR, Role.HANDLER, Role.APPROVER})


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("角色", max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = "人员角色"
        verbose_name_plural = "人员角色"
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="one_role_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"


# Kept as thin wrappers over gongkai.agencies.access for callers not yet moved to it (other
# branches, data migrations); new code asks access_for(request) or access.roles_at.


def roles_at(user, agency_id: int) -> set[str]:
    """The roles a user holds at exactly this agency (see access.roles_at)."""
    from .access import roles_at as fresh_roles_at

    return set(fresh_roles_at(user, agency_id))


def administered_agency_ids(user) -> set[int]:
    """Agencies whose reference data a user maintains (see access.Access.administers)."""
    from .access import build_access

    return set(build_access(user).administers)


def visible_agency_ids(user) -> set[int]:
    """Agencies whose cases a user may read (see access.Access.reads)."""
    from .access import build_access

    return set(build_access(user).reads)
