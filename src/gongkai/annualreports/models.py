"""What the annual report needs beyond the application records.

- the yearly counts of 行政许可 / 行政处罚 / 行政强制 decisions and 行政事业性收费 amounts (表二,
  《条例》第二十条、第五十条第（一）项);
- the narrative of each agency's report per year (sections 一、五、六 and the text around the tables);
- published versions: the canonical JSON and, per cell, the ids of the records behind it, frozen
  when published (《条例》第四十九条: published by 31 January) so later edits to records do not
  change what was published.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency


class Scope(models.TextChoices):
    SELF = "self", "本机关"
    TREE = "tree", "本机关及所属（下级）机关"


class DocumentKind(models.TextChoices):
    REGULATION = "regulations", "规章"
    NORMATIVE = "normative_documents", "（行政）规范性文件"


# The register of 规章 and 规范性文件 (表二 第二十条第（一）项) is the catalogue's
# (gongkai.catalogue.models.Item.register_kind); the values of DocumentKind are its row keys.


class YearlyFigures(models.Model):
    """Counts per agency and year that no record here holds (表二 第二十条第（五）（六）（八）项)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="yearly_figures", verbose_name="机关"
    )
    year = models.PositiveSmallIntegerField("年度")
    licensing_decisions = models.PositiveIntegerField("行政许可本年处理决定数量", default=0)
    penalty_decisions = models.PositiveIntegerField("行政处罚本年处理决定数量", default=0)
    coercion_decisions = models.PositiveIntegerField("行政强制本年处理决定数量", default=0)
    fee_amount = models.DecimalField(
        "行政事业性收费本年收费金额（万元）", max_digits=14, decimal_places=4, default=0
    )

    class Meta:
        verbose_name = "表二年度数据"
        verbose_name_plural = "表二年度数据"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="one_figures_per_agency_year")
        ]
        ordering = ["agency", "-year"]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年"


class Narrative(models.Model):
    """The text of one agency's report for one year and scope. Figures are written as {名称}
    placeholders (see narrative.FIGURES) and filled from the computed tables, so the text cannot
    disagree with them."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="narratives", verbose_name="机关"
    )
    year = models.PositiveSmallIntegerField("年度")
    scope = models.CharField("统计范围", max_length=8, choices=Scope.choices, default=Scope.TREE)
    preamble = models.TextField("前言", blank=True)
    section1 = models.TextField("一、总体情况", blank=True)
    section2 = models.TextField("二、主动公开政府信息情况（表前文字）", blank=True)
    section3 = models.TextField("三、收到和处理政府信息公开申请情况（表前文字）", blank=True)
    section4 = models.TextField("四、政府信息公开行政复议、行政诉讼情况（表前文字）", blank=True)
    section5 = models.TextField("五、存在的主要问题及改进情况", blank=True)
    section6 = models.TextField("六、其他需要报告的事项", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    SECTION_FIELDS = ("section1", "section2", "section3", "section4", "section5", "section6")

    class Meta:
        verbose_name = "年度报告正文"
        verbose_name_plural = "年度报告正文"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "scope"], name="one_narrative_per_report"
            )
        ]


class FrozenVersion(Exception):
    pass


class Frozen(models.Model):
    """Written once, never changed or deleted: a correction is published as a new version."""

    frozen_what = "已发布的年度报告"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise FrozenVersion(f"{self.frozen_what}不能修改，请重新发布新版本。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise FrozenVersion(f"{self.frozen_what}不能删除。")


class PublishedReport(Frozen):
    """A frozen version: the canonical JSON and the record ids behind every cell of 表三 and 表四."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="published_reports", verbose_name="机关"
    )
    year = models.PositiveSmallIntegerField("年度")
    scope = models.CharField("统计范围", max_length=8, choices=Scope.choices)
    version = models.PositiveIntegerField("版本")
    report_json = models.JSONField("年度报告（规范 JSON）")
    # {"t3": {row: {col: [application ids]}}, "t4": {group: {col: [review case ids]}}}
    cell_records = models.JSONField("各单元格对应的记录")
    published_at = models.DateTimeField("发布时间", auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="发布人"
    )
    note = models.CharField("更正说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "已发布的年度报告"
        verbose_name_plural = "已发布的年度报告"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "scope", "version"], name="one_version_number"
            )
        ]
        ordering = ["agency", "year", "scope", "-version"]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}年度报告 第{self.version}版"


class PublishedRecord(Frozen):
    """A record counted by a published version, as it was at publication: the version's
    drill-down lists these, so a later change of a case (a late reply, a corrected outcome) does
    not change what the published figure is shown to stand for."""

    published = models.ForeignKey(
        PublishedReport, on_delete=models.PROTECT, related_name="records", verbose_name="版本"
    )
    table = models.CharField(
        "表", max_length=2
    )  # t3: an application; t4: a review or litigation case
    record_id = models.PositiveBigIntegerField("记录")
    sort_key = models.CharField(max_length=40)
    data = models.JSONField("发布时的记录")

    class Meta:
        verbose_name = "已发布版本的记录"
        verbose_name_plural = "已发布版本的记录"
        constraints = [
            models.UniqueConstraint(
                fields=["published", "table", "record_id"], name="one_snapshot_per_record"
            )
        ]
        indexes = [
            models.Index(fields=["published", "table", "sort_key"], name="published_record_order")
        ]

    frozen_what = "已发布版本的记录"
