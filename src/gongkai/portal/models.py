"""An application made online through the public portal, before and after registration.

The portal never creates an Application itself: a registrar registers the submission through
gongkai.applications.services.register (channel 互联网, 《条例》第三十一条第（三）项: received on
the day both sides confirm), and the submission then points at the application.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.functional import LazyObject

from gongkai.agencies.models import Agency
from gongkai.applications.choices import ApplicantType, DeliveryForm, IdDocType
from gongkai.applications.models import Application


class PrivateStorage(LazyObject):
    """Uploads live under PORTAL_UPLOAD_DIR, outside STATIC_ROOT and with no URL: they are served
    only by portal.staff_views.id_document, to staff of the agency."""

    def _setup(self):
        self._wrapped = FileSystemStorage(location=settings.PORTAL_UPLOAD_DIR, base_url=None)


private_storage = PrivateStorage()


class Submission(models.Model):
    tracking_code = models.CharField("查询码", max_length=16, unique=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name="受理机关")

    applicant_type = models.CharField("申请人类型", max_length=24, choices=ApplicantType.choices)
    applicant_name = models.CharField("申请人姓名或名称", max_length=200)
    id_doc_type = models.CharField("身份证件类型", max_length=24, choices=IdDocType.choices, blank=True)
    id_number = models.CharField("证件号码", max_length=40, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    legal_representative = models.CharField("法定代表人或负责人", max_length=100, blank=True)
    contact_phone = models.CharField("联系电话", max_length=40)
    contact_email = models.EmailField("电子邮箱", blank=True)
    contact_address = models.CharField("通信地址", max_length=300, blank=True)
    postal_code = models.CharField("邮政编码", max_length=10, blank=True)
    description = models.TextField("所需政府信息的名称、文号或者便于查询的其他特征性描述")
    purpose = models.TextField("用途（选填）", blank=True)
    delivery_form = models.CharField("获取信息的方式", max_length=16, choices=DeliveryForm.choices)

    id_document = models.FileField("身份证明文件", storage=private_storage, upload_to="id-documents/%Y/%m/")
    consented_at = models.DateTimeField("同意处理个人信息的时间")
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)

    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="portal_submission",
        verbose_name="登记后的申请",
    )

    class Meta:
        verbose_name = "网上申请"
        verbose_name_plural = "网上申请"
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["agency", "application"])]

    def __str__(self) -> str:
        return self.tracking_code
