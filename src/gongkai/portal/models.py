"""The portal's part of an application filed online.

The Application is created by gongkai.applications.services.submit_online and confirmed by staff
with services.confirm_receipt (channel 互联网, 《条例》第三十一条第（三）项: received on the day both
sides confirm); this model only holds what the portal adds.
"""

from __future__ import annotations

from django.core.files.storage import storages
from django.db import models

from gongkai.applications.models import Application


def private_storage():
    """settings.STORAGES["private"]: a folder or an S3 bucket shared by every server
    (gongkai.web.storage), with no URL: files are served only by portal.staff_views.id_document,
    to staff of the agency."""
    return storages["private"]


class Submission(models.Model):
    """What the portal adds to an application filed online: the tracking code, the identity
    document and the applicant's consent. The application itself is created by
    gongkai.applications.services.submit_online (state 网上提交待确认)."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="portal_submission", verbose_name="申请"
    )
    tracking_code = models.CharField("查询码", max_length=16, unique=True)
    id_document = models.FileField("身份证明文件", storage=private_storage, upload_to="id-documents/%Y/%m/")
    consented_at = models.DateTimeField("同意处理个人信息的时间")
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = "网上申请"
        verbose_name_plural = "网上申请"
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return self.tracking_code
