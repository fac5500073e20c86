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
        constraints = [models.UniqueConstraint(fields=["agency", "year", "kind"], name="one_counter_per_series")]


class Notice(models.Model):
    """One letter as issued: its number and the text it carries (DOCX and PDF are rendered from it)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="notices")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("类型", max_length=16, choices=LetterKind.choices)
    year = models.PositiveSmallIntegerField()
    seq = models.PositiveIntegerField()
    number = models.CharField("文号", max_length=80, unique=True)
    content = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "告知书"
        verbose_name_plural = "告知书"
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="one_notice_per_kind"),
            models.UniqueConstraint(fields=["agency", "year", "kind", "seq"], name="no_duplicate_document_number"),
        ]

    def __str__(self) -> str:
        return self.number
