"""通报 and 整改: the office's notices to the units below, their answers, and citizens' complaints.

《条例》第四十七条: the 主管部门 supervises the units' disclosure work, 督促整改 and 通报批评 where
they fall short; anyone may complain to it about a unit (第二款), and a complaint it upholds
becomes a notice to that unit like any other.

One notice goes to one or several units (Addressee, one per unit, each with its own state and
problems); a unit sees only its own addressee row. State changes only in services.py; every change
is a RectificationEvent, which the database refuses to change or delete (gongkai.web.appendonly).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

from gongkai.agencies.models import Agency
from gongkai.web.models import AppendOnlyModel
from gongkai.web.uploads import private_storage


class NoticeKind(models.TextChoices):
    CIRCULAR = "circular", "通报"
    LETTER = "letter", "一对一整改通知"
    COMPLAINT = "complaint", "投诉转办整改"


class RectificationNotice(models.Model):
    office = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name="发文机关"
    )
    kind = models.CharField(
        "类型", max_length=16, choices=NoticeKind.choices, default=NoticeKind.CIRCULAR
    )
    title = models.CharField("标题", max_length=200)
    body = models.TextField("通报内容")
    deadline = models.DateField("整改期限")
    issued_on = models.DateField("发出日期")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="发出人"
    )
    complaint = models.ForeignKey(
        "Complaint",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notices",
        verbose_name="来源投诉",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "通报整改通知"
        verbose_name_plural = "通报整改通知"
        ordering = ["-issued_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class AddresseeState(models.TextChoices):
    ISSUED = "issued", "待整改"
    ANSWERED = "answered", "已报送整改情况待审核"
    RETURNED = "returned", "退回重新整改"
    ACCEPTED = "accepted", "整改完成"


# States in which the unit still owes an answer.
OWING = (AddresseeState.ISSUED, AddresseeState.RETURNED)


class Addressee(models.Model):
    notice = models.ForeignKey(
        RectificationNotice,
        on_delete=models.PROTECT,
        related_name="addressees",
        verbose_name="通知",
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name="被通报单位"
    )
    state = models.CharField(
        "状态", max_length=16, choices=AddresseeState.choices, default=AddresseeState.ISSUED
    )
    # The notice's deadline, moved only when the office returns an answer with a new one.
    deadline = models.DateField("整改期限")
    first_answered_on = models.DateField("首次报送日期", null=True, blank=True)
    # True once an answer came after the deadline then in force (counted in the score).
    answered_late = models.BooleanField("逾期报送", default=False)
    accepted_on = models.DateField("审核通过日期", null=True, blank=True)
    accountability = models.TextField(
        "责任追究情况", blank=True, help_text="如约谈、通报批评、问责人数；无则不填"
    )

    class Meta:
        verbose_name = "被通报单位"
        verbose_name_plural = "被通报单位"
        ordering = ["notice", "agency__code"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "agency"], name="one_addressee_per_unit")
        ]
        indexes = [
            models.Index(fields=["agency", "state", "deadline"], name="addressee_agency_state_due")
        ]

    def __str__(self) -> str:
        return f"{self.notice} · {self.agency}"

    @staticmethod
    def overdue_q(today: dt.date) -> Q:
        """Still owing an answer after the deadline."""
        return Q(state__in=OWING, deadline__lt=today)

    @classmethod
    def late_q(cls, today: dt.date) -> Q:
        """Overdue now, or answered after the deadline: what the score counts."""
        return cls.overdue_q(today) | Q(answered_late=True)

    def is_overdue(self, today: dt.date) -> bool:
        return self.state in OWING and self.deadline < today


class Problem(models.Model):
    """One problem found at one unit, pointing at what shows it (a case, a finding, a page)."""

    addressee = models.ForeignKey(
        Addressee, on_delete=models.PROTECT, related_name="problems", verbose_name="被通报单位"
    )
    text = models.TextField("问题")
    application = models.ForeignKey(
        "applications.Application",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="相关申请",
    )
    finding = models.ForeignKey(
        "audits.AuditFinding",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="审核发现的问题",
    )
    link = models.CharField("相关记录链接", max_length=500, blank=True)

    class Meta:
        verbose_name = "问题"
        verbose_name_plural = "问题"
        ordering = ["pk"]

    @property
    def finding_link(self) -> str:
        """The audit's page of the report the linked finding is in (gongkai.audits)."""
        from gongkai.evaluations.records import finding_url

        return finding_url(self.finding) if self.finding_id else ""


class Answer(models.Model):
    """The unit's 整改情况: what it changed, with evidence (a file or a link)."""

    addressee = models.ForeignKey(
        Addressee, on_delete=models.PROTECT, related_name="answers", verbose_name="被通报单位"
    )
    text = models.TextField("整改情况")
    evidence_file = models.FileField(
        "佐证材料",
        storage=private_storage,
        upload_to="rectifications/%Y/",
        max_length=200,
        blank=True,
    )
    evidence_name = models.CharField("材料文件名", max_length=200, blank=True)
    evidence_type = models.CharField("材料类型", max_length=40, blank=True)
    evidence_link = models.URLField("佐证链接", max_length=500, blank=True)
    answered_on = models.DateField("报送日期")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="报送人"
    )
    # The office's review of this answer.
    review = models.CharField(
        "审核结果", max_length=16, blank=True, choices=[("accepted", "通过"), ("returned", "退回")]
    )
    review_note = models.TextField("审核意见", blank=True)
    reviewed_on = models.DateField("审核日期", null=True, blank=True)

    class Meta:
        verbose_name = "整改情况"
        verbose_name_plural = "整改情况"
        ordering = ["answered_on", "pk"]


class ComplaintState(models.TextChoices):
    RECEIVED = "received", "待处理"
    FORWARDED = "forwarded", "已转办整改"
    DISMISSED = "dismissed", "不予支持"


class Complaint(models.Model):
    """A citizen's complaint to the 主管部门 (《条例》第四十七条第二款), from the public portal."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name="被投诉单位"
    )
    name = models.CharField("投诉人", max_length=100)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    text = models.TextField("投诉内容")
    application_number = models.CharField("相关申请编号", max_length=40, blank=True)
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    state = models.CharField(
        "状态", max_length=16, choices=ComplaintState.choices, default=ComplaintState.RECEIVED
    )
    outcome = models.TextField("处理意见", blank=True)
    handled_on = models.DateField("处理日期", null=True, blank=True)
    # What the complainant reads with the tracking code (and their phone or email) on
    # /complaints/status/: the office's answer, nothing else the office wrote.
    tracking_code = models.CharField(
        "查询码", max_length=16, unique=True, null=True, blank=True, editable=False
    )
    reply = models.TextField("答复投诉人", blank=True)

    class Meta:
        verbose_name = "投诉"
        verbose_name_plural = "投诉"
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["agency", "state"], name="complaint_agency_state")]

    def __str__(self) -> str:
        return f"投诉{self.pk}（{self.agency}）"


class EventKind(models.TextChoices):
    ISSUED = "issued", "发出通报"
    ANSWERED = "answered", "报送整改情况"
    RETURNED = "returned", "退回重新整改"
    ACCEPTED = "accepted", "审核通过"
    COMPLAINT_RECEIVED = "complaint_received", "收到投诉"
    COMPLAINT_FORWARDED = "complaint_forwarded", "投诉转办整改"
    COMPLAINT_DISMISSED = "complaint_dismissed", "投诉不予支持"


class RectificationEvent(AppendOnlyModel):
    notice = models.ForeignKey(
        RectificationNotice, null=True, on_delete=models.PROTECT, related_name="events"
    )
    addressee = models.ForeignKey(
        Addressee, null=True, on_delete=models.PROTECT, related_name="events"
    )
    complaint = models.ForeignKey(
        Complaint, null=True, on_delete=models.PROTECT, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=24, choices=EventKind.choices)
    state_before = models.CharField(max_length=16, blank=True)
    state_after = models.CharField(max_length=16, blank=True)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "通报整改记录"
        verbose_name_plural = "通报整改记录"
        ordering = ["created_at", "pk"]
