"""The portal's part of an application filed online.

The Application is created by gongkai.applications.services.submit_online and confirmed by staff
with services.confirm_receipt (channel 互联网, 《条例》第三十一条第（三）项: received on the day both
sides confirm); this model only holds what the portal adds.
"""

from __future__ import annotations

from django.db import models

from gongkai.applications.models import Application
from gongkai.web import uploads

# Migration 0001 names this module's private_storage; the storage itself is the named "private"
# storage of settings.STORAGES (gongkai.web.uploads).
private_storage = uploads.private_storage


class Submission(models.Model):
    """What the portal adds to an application filed online: the tracking code, the identity
    document and the applicant's consent. The application itself is created by
    gongkai.applications.services.submit_online (state 网上提交待确认)."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="portal_submission", verbose_name="申请"
    )
    tracking_code = models.CharField("查询码", max_length=16, unique=True)
    id_document = models.FileField(
        "身份证明文件", storage=private_storage, upload_to="id-documents/%Y/%m/"
    )
    consented_at = models.DateTimeField("同意处理个人信息的时间")
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = "网上申请"
        verbose_name_plural = "网上申请"
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return self.tracking_code


class OnlineCorrection(models.Model):
    """The 补正 the applicant sent on the portal (《条例》第三十条: one 补正, once asked).

    It does not change the application's state: staff read it and record 登记补正
    (services.receive_correction) with the day it counts as received; the files are CaseFiles of
    category 补正材料 uploaded by nobody (the applicant)."""

    submission = models.OneToOneField(
        Submission, on_delete=models.PROTECT, related_name="correction", verbose_name="网上申请"
    )
    text = models.TextField("补正内容", blank=True)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = "网上提交的补正"
        verbose_name_plural = "网上提交的补正"

    def __str__(self) -> str:
        return f"{self.submission} 补正"
