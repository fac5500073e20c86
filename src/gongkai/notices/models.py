"""Notices (告知书) generated for applications, and the counters behind their document numbers."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from gongkai.agencies.models import Agency
from gongkai.applications.models import Application

from .kinds import LetterKind


class NumberCounter(models.Model):
    """The last document number used per agency, year and kind; locked while a number is taken."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=16, choices=LetterKind.choices)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "文号计数"
        verbose_name_plural = "文号计数"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "kind"], name="one_counter_per_series"
            )
        ]


class Notice(models.Model):
    """One version of a letter: its number and the text it carries (DOCX and PDF are rendered
    from it).

    The reply is drafted when the decision is made (no number, no date: 草稿) and issued when it
    is signed (numbered and dated with the signing date, 《条例》第三十六条). A new version never
    overwrites an old one: the old one is kept, marked superseded and still listed. An issued
    (numbered) letter is final: asking again returns it.
    """

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="notices")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("类型", max_length=16, choices=LetterKind.choices)
    version = models.PositiveSmallIntegerField("版本", default=1)
    draft = models.BooleanField("草稿", default=False)
    # Year and sequence of the 文号; empty on a draft.
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    seq = models.PositiveIntegerField(null=True, blank=True)
    number = models.CharField("文号", max_length=80, blank=True)
    content = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField("被取代时间", null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="取代它的版本",
    )

    class Meta:
        verbose_name = "告知书"
        verbose_name_plural = "告知书"
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "version"], name="one_version_number_per_letter"
            ),
            models.UniqueConstraint(
                fields=["application", "kind"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_current_letter_per_kind",
            ),
            models.UniqueConstraint(
                fields=["agency", "year", "kind", "seq"],
                condition=models.Q(seq__isnull=False),
                name="no_duplicate_document_number",
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"{self.get_kind_display()}（草稿第{self.version}版）"

    def filename(self, extension: str) -> str:
        name = (
            self.number
            or f"{self.get_kind_display()}（{self.application.number}，草稿第{self.version}版）"
        )
        return f"{name}{'（已作废）' if self.superseded_at else ''}.{extension}"

    @property
    def marking(self) -> str:
        """What the rendered letter says across its top when it is not the letter in force."""
        if self.superseded_at:
            by = self.superseded_by
            return f"已作废：已被第{by.version}版取代" if by else "已作废"
        if self.draft:
            return "草稿：签发后以正式文本为准"
        return ""
