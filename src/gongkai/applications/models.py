"""An application, the consultations and review cases attached to it, and its append-only log.

State is changed only by gongkai.applications.services; views never assign it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from gongkai.agencies.models import Agency, visible_agency_ids
from gongkai.web.models import AppendOnlyModel

from .choices import (
    OUTCOME_CHOICES,
    ApplicantType,
    Channel,
    ConsultedParty,
    DeliveryForm,
    EventKind,
    FeeMethod,
    IdDocType,
    ReviewKind,
    ReviewResult,
    ServiceMethod,
    State,
)
from .deadline import clock_start
from .identifiers import validate_credit_code, validate_id_card


class ApplicationQuerySet(models.QuerySet):
    def for_user(self, user) -> ApplicationQuerySet:
        """Only the applications of agencies the user may read (supervisors: everything below)."""
        return self.filter(agency_id__in=visible_agency_ids(user))


class Application(models.Model):
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="applications", verbose_name="受理机关"
    )
    number = models.CharField("申请编号", max_length=40, unique=True)
    state = models.CharField("状态", max_length=24, choices=State.choices, default=State.REGISTERED)

    # Applicant (《条例》第二十九条第二款第（一）项).
    applicant_type = models.CharField("申请人类型", max_length=24, choices=ApplicantType.choices)
    applicant_name = models.CharField("申请人姓名或名称", max_length=200)
    id_doc_type = models.CharField(
        "身份证件类型", max_length=24, choices=IdDocType.choices, blank=True
    )
    id_number = models.CharField("证件号码", max_length=40, blank=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    legal_representative = models.CharField("法定代表人或负责人", max_length=100, blank=True)
    contact_phone = models.CharField("联系电话", max_length=40, blank=True)
    contact_email = models.EmailField("电子邮箱", blank=True)
    contact_address = models.CharField("通信地址", max_length=300, blank=True)
    postal_code = models.CharField("邮政编码", max_length=10, blank=True)

    # Request (第二十九条第二款第（二）（三）项).
    description = models.TextField("所需政府信息的名称、文号或者便于查询的其他特征性描述")
    purpose = models.TextField("用途（选填）", blank=True)
    delivery_form = models.CharField("获取信息的方式", max_length=16, choices=DeliveryForm.choices)

    # Receipt (第三十一条): the date that counts depends on the channel; see services.receipt_date.
    channel = models.CharField("提交方式", max_length=24, choices=Channel.choices)
    submitted_on = models.DateField("提交（到达）日期")
    signed_on = models.DateField("签收日期", null=True, blank=True)
    confirmed_on = models.DateField("确认日期", null=True, blank=True)
    # None only while a portal submission awaits confirmation (State.SUBMITTED).
    received_on = models.DateField("收到申请之日", null=True, blank=True)

    # 补正 (第三十条): requested once; the clock restarts from the corrected application.
    correction_requested_on = models.DateField("告知补正日期", null=True, blank=True)
    correction_items = models.TextField("需要补正的事项", blank=True)
    correction_due_on = models.DateField("补正期限", null=True, blank=True)
    correction_received_on = models.DateField("收到补正申请日期", null=True, blank=True)

    # Extension (第三十三条第二款): at most 20 working days, head of the GIO body consents.
    extension_requested_days = models.PositiveSmallIntegerField(
        "申请延长工作日数", null=True, blank=True
    )
    extension_requested_on = models.DateField("申请延期日期", null=True, blank=True)
    extension_reason = models.TextField("延期理由", blank=True)
    extension_days = models.PositiveSmallIntegerField("已批准延长工作日数", default=0)
    extension_approved_on = models.DateField("批准延期日期", null=True, blank=True)
    extension_notified_on = models.DateField("延期告知申请人日期", null=True, blank=True)

    # Art. 35: reasonable but cannot be answered in time → a later deadline told to the applicant.
    art35_deadline = models.DateField("第三十五条延迟答复期限", null=True, blank=True)
    art35_reason = models.TextField("确定延迟答复期限的理由", blank=True)

    # 信息处理费 (《条例》第四十二条; 国办函〔2020〕109号), computed by gongkai.deadlines.
    fee_method = models.CharField("收费方式", max_length=16, choices=FeeMethod.choices, blank=True)
    fee_quantity = models.PositiveIntegerField("计费数量（件或页）", null=True, blank=True)
    fee_amount = models.PositiveIntegerField("信息处理费（元）", null=True, blank=True)
    fee_notified_on = models.DateField("收费通知日期", null=True, blank=True)
    fee_pay_by = models.DateField("缴费期限", null=True, blank=True)
    fee_paid_on = models.DateField("缴费日期", null=True, blank=True)

    # Decision and reply.
    outcome = models.CharField(
        "办理结果（表三）", max_length=48, choices=OUTCOME_CHOICES, blank=True
    )
    decision_reason = models.TextField("答复理由及依据", blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="重复申请的原申请",
    )
    redirect_to = models.CharField("告知的负责机关或渠道", max_length=200, blank=True)
    decided_on = models.DateField("拟办日期", null=True, blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="签发人",
    )

    # Service (送达).
    service_method = models.CharField(
        "送达方式", max_length=16, choices=ServiceMethod.choices, blank=True
    )
    served_on = models.DateField("送达日期", null=True, blank=True)
    service_proof = models.CharField(
        "送达凭证", max_length=200, blank=True, help_text="如邮件单号、签收人"
    )
    archived_on = models.DateField("归档日期", null=True, blank=True)

    # The answer deadline as gongkai.deadlines computes it (deadline.answer_due), stored so the
    # lists filter and sort on it in SQL. Refreshed by services._record after every transition and
    # by recompute_due_dates after a holiday-table edit. NULL with an error = not computable (a year
    # with no holiday data); NULL without one = no running clock yet (awaiting confirmation).
    answer_due_on = models.DateField("答复期限", null=True, blank=True, editable=False)
    answer_due_error = models.TextField("答复期限无法计算的原因", blank=True, editable=False)
    # Not blank when the due date is provisional: counted over a year whose holiday notice is not
    # entered yet, from the statutory holidays alone (gongkai.deadlines.provisional); the reason.
    answer_due_provisional = models.CharField(
        "答复期限暂定的原因", max_length=300, blank=True, editable=False
    )

    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="承办人",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["agency", "state"]),
            # The lists' order (newest first), for one agency and across a supervised tree: the
            # first page of 100,000 rows is read from the index instead of sorting them all.
            models.Index(fields=["agency", "-received_on", "-id"], name="app_agency_newest"),
            models.Index(fields=["-received_on", "-id"], name="app_newest"),
            # "overdue" / "due soon": open cases ordered by the stored due date.
            models.Index(fields=["agency", "state", "answer_due_on"], name="app_agency_state_due"),
            models.Index(fields=["answer_due_on"], name="app_due"),
            # The staff search's exact look-ups (a phone number, an ID number).
            models.Index(fields=["contact_phone"], name="app_contact_phone"),
            models.Index(fields=["id_number"], name="app_id_number"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_natural_person(self) -> bool:
        return self.applicant_type == ApplicantType.NATURAL_PERSON

    @property
    def clock_start(self):
        """第三十条: after 补正 the answer period runs from the corrected application."""
        return clock_start(self)

    def clean(self) -> None:
        errors = {}
        if self.is_natural_person:
            if not self.id_doc_type:
                errors["id_doc_type"] = "自然人申请应提供身份证件类型。"
            if not self.id_number:
                errors["id_number"] = "自然人申请应提供身份证件号码。"
            elif self.id_doc_type == IdDocType.RESIDENT_ID:
                try:
                    validate_id_card(self.id_number)
                except ValidationError as e:
                    errors["id_number"] = e.messages
            if self.credit_code:
                errors["credit_code"] = "自然人申请不填写统一社会信用代码。"
        else:
            if not self.credit_code:
                errors["credit_code"] = "法人或其他组织申请应提供统一社会信用代码。"
            else:
                try:
                    validate_credit_code(self.credit_code)
                except ValidationError as e:
                    errors["credit_code"] = e.messages
        if not (self.contact_phone or self.contact_email or self.contact_address):
            errors["contact_phone"] = "至少提供一种联系方式。"
        if errors:
            raise ValidationError(errors)


class NumberSeries(models.Model):
    """The last sequence number given per agency and year: application numbers are
    CODE-YEAR-SEQUENCE, taken from this row under a lock (services.take_number), never by reading
    the highest stored number (a prefix match and text order break on other agencies' codes and
    after 99,999)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "申请编号计数"
        verbose_name_plural = "申请编号计数"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"], name="one_number_series_per_agency_year"
            )
        ]


class Consultation(models.Model):
    """A written consultation (第三十二条, 第三十四条); its duration is not counted (第三十三条第三款)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="consultations"
    )
    party_kind = models.CharField("征求对象类型", max_length=16, choices=ConsultedParty.choices)
    party_name = models.CharField("征求对象", max_length=200)
    sent_on = models.DateField("发出征求意见书日期")
    answered_on = models.DateField("收到意见或期满日期", null=True, blank=True)
    opinion = models.TextField("意见", blank=True)

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ["sent_on", "pk"]


class ReviewCase(models.Model):
    """An administrative review or lawsuit about an application (表四)."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="review_cases"
    )
    kind = models.CharField("类型", max_length=24, choices=ReviewKind.choices)
    filed_on = models.DateField("申请复议或起诉日期")
    result = models.CharField(
        "结果", max_length=16, choices=ReviewResult.choices, default=ReviewResult.PENDING
    )
    concluded_on = models.DateField("审结日期", null=True, blank=True)
    note = models.TextField("备注", blank=True)

    class Meta:
        verbose_name = "行政复议、行政诉讼"
        verbose_name_plural = "行政复议、行政诉讼"
        ordering = ["filed_on", "pk"]


class ApplicationEvent(AppendOnlyModel):
    """One transition: who, when, what, the state before and after, and the details given."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=32, choices=EventKind.choices)
    state_before = models.CharField(max_length=24, choices=State.choices, blank=True)
    state_after = models.CharField(max_length=24, choices=State.choices)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["created_at", "pk"]
