"""A supervising office's bulk audit of its units' annual reports (issue 15, item 1).

An `AuditBatch` belongs to the office that runs it (《条例》第四十七条: the 主管部门 supervises);
each `AuditedReport` is one file uploaded, or one unit's published version taken from the system;
each `AuditFinding` is one finding of the core (gongkai.report.audit) or of the web side's own
checks, stored one row per finding so that dashboards count them by rule.

A report moves PENDING → CHECKING → CHECKED → PAIRING → DONE. Workers claim a row by moving it out
of PENDING (or CHECKED) in one atomic statement, so several workers on several machines sharing
the database check each report once (gongkai.audits.claims). The cross-year comparison runs only
once every report of the batch is checked, so a report's predecessor in the same batch is there.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.web.uploads import private_storage


class BatchState(models.TextChoices):
    RUNNING = "running", "审核中"
    DONE = "done", "已完成"


class BatchSource(models.TextChoices):
    UPLOAD = "upload", "上传的报告文件"
    SYSTEM = "system", "系统内各单位已发布的年度报告"


class AuditBatch(models.Model):
    owner = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="audit_batches",
        verbose_name="审核机关（主管部门）",
    )
    title = models.CharField("名称", max_length=200)
    source = models.CharField(
        "报告来源", max_length=8, choices=BatchSource.choices, default=BatchSource.UPLOAD
    )
    year = models.PositiveSmallIntegerField("报告年度", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="创建人"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    state = models.CharField(
        "状态", max_length=8, choices=BatchState.choices, default=BatchState.RUNNING
    )
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    # Counts, written when the batch is finished (while it runs they are counted from the rows).
    total = models.PositiveIntegerField("报告数", default=0)
    failed = models.PositiveIntegerField("无法审核", default=0)
    errors = models.PositiveIntegerField("错误数", default=0)
    warnings = models.PositiveIntegerField("警告数", default=0)
    # Files of an upload passed over (pictures, other data) or refused (a ZIP bomb), as text.
    passed_over = models.PositiveIntegerField("未审核的文件数", default=0)
    notes = models.TextField("上传说明", blank=True)

    class Meta:
        verbose_name = "审核批次"
        verbose_name_plural = "审核批次"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="auditbatch_owner_created")]

    def __str__(self) -> str:
        return self.title


class ReportState(models.TextChoices):
    PENDING = "pending", "待审核"
    CHECKING = "checking", "审核中"
    CHECKED = "checked", "待跨年度核对"
    PAIRING = "pairing", "跨年度核对中"
    DONE = "done", "已审核"
    FAILED = "failed", "审核失败"


class AuditedReport(models.Model):
    batch = models.ForeignKey(
        AuditBatch, on_delete=models.CASCADE, related_name="reports", verbose_name="批次"
    )
    # An uploaded file (the private storage), or a unit's published version in the system.
    file = models.FileField(
        "文件", storage=private_storage, upload_to="audits/%Y/%m/", max_length=200, blank=True
    )
    original_name = models.CharField("文件名", max_length=300)
    size = models.PositiveIntegerField("大小（字节）", default=0)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    published_report = models.ForeignKey(
        "annualreports.PublishedReport",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="系统内已发布的版本",
    )
    # The unit in the system the report belongs to, when its name matches one; else only the name.
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audited_reports",
        verbose_name="单位",
    )
    agency_name = models.CharField("报告中的机关名称", max_length=200, blank=True)
    agency_key = models.CharField(max_length=200, blank=True, db_index=True)  # NFKC, no spaces
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    published_source = models.CharField("发布日期来源", max_length=100, blank=True)
    entered_published_on = models.DateField("审核时录入的发布日期", null=True, blank=True)
    complete = models.BooleanField("完整读取", default=False)
    not_a_report = models.BooleanField("不是年度报告", default=False)
    errors = models.PositiveIntegerField("错误", default=0)
    warnings = models.PositiveIntegerField("警告", default=0)
    infos = models.PositiveIntegerField("提示", default=0)
    state = models.CharField(
        "状态", max_length=8, choices=ReportState.choices, default=ReportState.PENDING
    )
    claimed_by = models.CharField("处理进程", max_length=100, blank=True)
    claimed_at = models.DateTimeField("领取时间", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    checked_at = models.DateTimeField("审核时间", null=True, blank=True)
    problem = models.TextField("无法审核的原因", blank=True)
    # The core's result (ReportAudit.to_dict() without findings) and the report's canonical JSON,
    # the second kept for the cross-year comparison with next year's report.
    audit = models.JSONField("审核结果", null=True, blank=True)
    report_json = models.JSONField("报告（规范 JSON）", null=True, blank=True)
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="上年报告",
    )
    previous_published = models.ForeignKey(
        "annualreports.PublishedReport",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="上年报告（系统内已发布）",
    )

    class Meta:
        verbose_name = "受审核的年度报告"
        verbose_name_plural = "受审核的年度报告"
        ordering = ["batch", "pk"]
        indexes = [
            models.Index(fields=["batch", "state"], name="auditedreport_batch_state"),
            models.Index(fields=["agency_key", "year"], name="auditedreport_agency_year"),
            models.Index(fields=["agency", "year"], name="auditedreport_unit_year"),
            models.Index(fields=["batch", "-errors", "-warnings"], name="auditedreport_rank"),
        ]

    def __str__(self) -> str:
        return self.original_name


class Level(models.TextChoices):
    ERROR = "error", "错误"
    WARNING = "warning", "警告"
    INFO = "info", "提示"


class AuditFinding(models.Model):
    report = models.ForeignKey(
        AuditedReport, on_delete=models.CASCADE, related_name="findings", verbose_name="报告"
    )
    # Denormalised from the report: dashboards count findings by rule per batch, unit and year.
    batch = models.ForeignKey(
        AuditBatch, on_delete=models.CASCADE, related_name="findings", verbose_name="批次"
    )
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_findings",
        verbose_name="单位",
    )
    year = models.PositiveSmallIntegerField("年度", null=True, blank=True)
    rule = models.CharField("规则", max_length=40)
    level = models.CharField("级别", max_length=8, choices=Level.choices)
    message = models.TextField("说明")
    section = models.CharField("节", max_length=100, blank=True)
    table = models.CharField("表", max_length=100, blank=True)
    row = models.CharField("行", max_length=200, blank=True)
    column = models.CharField("列", max_length=200, blank=True)
    line = models.PositiveIntegerField("原文件行号", null=True, blank=True)
    excerpt = models.CharField("原文", max_length=500, blank=True)
    expected = models.CharField("应为", max_length=200, blank=True)
    actual = models.CharField("实为", max_length=200, blank=True)

    class Meta:
        verbose_name = "审核发现的问题"
        verbose_name_plural = "审核发现的问题"
        ordering = ["report", "pk"]
        indexes = [
            models.Index(fields=["batch", "rule"], name="auditfinding_batch_rule"),
            models.Index(fields=["agency", "year", "rule"], name="auditfinding_unit_rule"),
            models.Index(fields=["rule", "level"], name="auditfinding_rule_level"),
        ]

    def __str__(self) -> str:
        return f"{self.rule}: {self.message[:40]}"

    @property
    def location(self) -> str:
        from .labels import location

        return location(self.section, self.table, self.row, self.column, self.line)
