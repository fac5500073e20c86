"""Files kept with an application: scanned paper letters, 补正 materials (from staff or sent by
the applicant online), the information released to the applicant, proof of service.

Stored in the private storage (gongkai.web.uploads), typed by content. A file is never deleted or
replaced: a wrong one is withdrawn (kept, marked, no longer given to the applicant), so the case
file shows everything that was ever part of it (《条例》第四十五条: records of handling kept).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.applications.models import Application
from gongkai.web.uploads import private_storage


class Category(models.TextChoices):
    PAPER_LETTER = "paper_letter", "纸质申请扫描件"
    CORRECTION = "correction", "补正材料"
    RELEASED = "released", "公开的政府信息（提供给申请人）"
    SERVICE_PROOF = "service_proof", "送达凭证"
    OTHER = "other", "其他材料"


class CaseFile(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="files", verbose_name="申请"
    )
    category = models.CharField("材料类型", max_length=16, choices=Category.choices)
    file = models.FileField(
        "文件", storage=private_storage, upload_to="case-files/%Y/%m/", max_length=200
    )
    original_name = models.CharField("原文件名", max_length=200)
    content_type = models.CharField("文件类型", max_length=40)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    note = models.CharField("说明", max_length=200, blank=True)
    # None: sent by the applicant on the portal.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="上传人",
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="撤回人",
    )

    class Meta:
        verbose_name = "案卷材料"
        verbose_name_plural = "案卷材料"
        ordering = ["uploaded_at", "pk"]
        indexes = [models.Index(fields=["application", "category"], name="casefile_app_category")]

    def __str__(self) -> str:
        return self.original_name

    @property
    def from_applicant(self) -> bool:
        return self.uploaded_by_id is None
