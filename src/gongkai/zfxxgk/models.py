"""What an agency keeps on its 专栏 besides the catalogue: its 制度 pages and the annual reports of
years before the system (the later ones are gongkai.annualreports' published versions)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.web.uploads import private_storage


class SystemPage(models.Model):
    """One 制度 (政府信息公开工作制度: 保密审查、主动公开、依申请公开办理…) the agency publishes as text."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="disclosure_rules", verbose_name="机关"
    )
    title = models.CharField("名称", max_length=200)
    body = models.TextField("正文")
    position = models.PositiveSmallIntegerField("排序", default=0)
    published = models.BooleanField("已发布", default=False, help_text="未发布的制度不在专栏显示")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "政府信息公开制度"
        verbose_name_plural = "政府信息公开制度"
        ordering = ["agency", "position", "pk"]

    def __str__(self) -> str:
        return self.title


def _legacy_report_path(instance, filename: str) -> str:
    return f"zfxxgk/reports/{instance.agency_id}/{instance.year}/{filename}"


class LegacyReport(models.Model):
    """An annual report published before the agency used gongkai, uploaded as it was published."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="legacy_reports", verbose_name="机关"
    )
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("标题", max_length=200)
    file = models.FileField(
        "文件", upload_to=_legacy_report_path, storage=private_storage, max_length=300
    )
    published_on = models.DateField("发布日期", null=True, blank=True)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="上传人",
    )

    class Meta:
        verbose_name = "往年年度报告（上传）"
        verbose_name_plural = "往年年度报告（上传）"
        ordering = ["agency", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_legacy_report_a_year")
        ]

    def __str__(self) -> str:
        return self.title
