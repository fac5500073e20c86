"""A 考评细则 as data: per supervising office and year, a tree of indicators with points.

The office (《条例》第四十七条: the 主管部门 supervises and evaluates) keeps one scheme per year; a
new year starts as a copy of the last (services.copy_scheme), so last year's tree stays as it
was scored. A leaf is scored automatically from the records (gongkai.evaluations.measures) or by
hand with evidence (ManualScore); a branch scores the sum of its children.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.web.models import AppendOnlyModel
from gongkai.web.uploads import private_storage

from .measures import MEASURES


def _method_choices() -> list[tuple[str, str]]:
    return [(MANUAL, "人工评分（附佐证材料）")] + [
        (m.key, f"自动：{m.label}") for m in MEASURES.values()
    ]


MANUAL = "manual"


class Scheme(models.Model):
    office = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="evaluation_schemes", verbose_name="考评机关"
    )
    year = models.PositiveSmallIntegerField("考评年度")
    title = models.CharField("名称", max_length=200)
    copied_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="复制自",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "考评细则"
        verbose_name_plural = "考评细则"
        ordering = ["office", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="one_scheme_per_office_year")
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.year}年）"

    def in_force(self) -> Release | None:
        """The published scores in force: the latest release row, unless it is a withdrawal."""
        latest = self.releases.order_by("-pk").first()
        return latest if latest is not None and latest.kind == ReleaseKind.PUBLISHED else None


class Indicator(models.Model):
    scheme = models.ForeignKey(
        Scheme, on_delete=models.CASCADE, related_name="indicators", verbose_name="考评细则"
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name="上级指标",
    )
    position = models.PositiveSmallIntegerField("排序", default=0)
    name = models.CharField("指标名称", max_length=200)
    points = models.DecimalField("分值", max_digits=6, decimal_places=2)
    method = models.CharField("评分方式", max_length=32, choices=_method_choices, default=MANUAL)
    # Count measures (每发现一项扣 n 分): the points lost per item, never below zero in all.
    deduction = models.DecimalField(
        "每项扣分", max_digits=6, decimal_places=2, null=True, blank=True
    )
    criteria = models.TextField("评分标准", blank=True)

    class Meta:
        verbose_name = "考评指标"
        verbose_name_plural = "考评指标"
        ordering = ["scheme", "position", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def measure(self):
        return MEASURES.get(self.method)

    def clean(self) -> None:
        errors = {}
        if self.points is not None and self.points <= 0:
            errors["points"] = "分值应大于0。"
        measure = self.measure
        if measure is not None and measure.counts and not self.deduction:
            errors["deduction"] = f"“{measure.label}”按项扣分，请填写每项扣分。"
        if measure is not None and not measure.counts and self.deduction:
            errors["deduction"] = f"“{measure.label}”按比率计分，不填每项扣分。"
        if self.parent_id and self.parent.scheme_id != self.scheme_id:
            errors["parent"] = "上级指标应属于同一考评细则。"
        if errors:
            raise ValidationError(errors)


class ManualScore(models.Model):
    """A score entered by hand for a leaf, with the evidence it rests on (a file or a link)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="manual_scores", verbose_name="指标"
    )
    unit = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name="被考评单位"
    )
    score = models.DecimalField("得分", max_digits=6, decimal_places=2)
    reason = models.TextField("评分说明")
    evidence_file = models.FileField(
        "佐证材料", storage=private_storage, upload_to="evaluations/%Y/", max_length=200, blank=True
    )
    evidence_name = models.CharField("材料文件名", max_length=200, blank=True)
    evidence_type = models.CharField("材料类型", max_length=40, blank=True)
    evidence_link = models.URLField("佐证链接", max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="评分人"
    )
    entered_at = models.DateTimeField("评分时间", auto_now=True)

    class Meta:
        verbose_name = "人工评分"
        verbose_name_plural = "人工评分"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "unit"], name="one_manual_score_per_unit")
        ]


class ReleaseKind(models.TextChoices):
    PUBLISHED = "published", "发布考评结果（定稿）"
    WITHDRAWN = "withdrawn", "撤回发布"


class Release(AppendOnlyModel):
    """The office publishing (定稿) or withdrawing a year's scores: who, when, and for a
    publication the snapshot of the tree, every unit's scores and the ranking as they stood.

    Scores are otherwise computed live from the records; once published, the published scores
    are these rows, which later changes of the records do not alter. Rows are never changed
    (gongkai.web.appendonly): withdrawing is a row of its own, with its reason.
    """

    scheme = models.ForeignKey(
        Scheme, on_delete=models.PROTECT, related_name="releases", verbose_name="考评细则"
    )
    kind = models.CharField("操作", max_length=16, choices=ReleaseKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="操作人"
    )
    created_at = models.DateTimeField("时间", default=timezone.now)
    reason = models.TextField("撤回理由", blank=True)
    # {"indicators": [{"id", "name", "points", "depth"}…],
    #  "units": [{"id", "code", "name", "total", "missing", "rank", "cells": {id: {…}}}…]}
    snapshot = models.JSONField("发布的得分", default=dict, blank=True)

    class Meta:
        verbose_name = "考评结果发布记录"
        verbose_name_plural = "考评结果发布记录"
        ordering = ["scheme", "pk"]

    def __str__(self) -> str:
        return f"{self.scheme} · {self.get_kind_display()}"


ZERO = Decimal("0")
