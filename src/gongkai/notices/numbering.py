"""Document numbers (文号): per agency, year and kind, 1, 2, 3 … with no gap and no duplicate.

The counter row is created if missing (a concurrent creator loses on the unique constraint and
reads the winner's row), then locked with SELECT … FOR UPDATE and incremented in the caller's
transaction: a rollback returns the number, so no gap appears. On SQLite, where FOR UPDATE is
ignored, the settings open every transaction with BEGIN IMMEDIATE, which serialises writers.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from gongkai.agencies.models import Agency

from .kinds import NUMBER_WORD, LetterKind
from .models import NumberCounter


def format_number(agency: Agency, year: int, kind: str, seq: int) -> str:
    """东政信公〔2026〕1号: the agency's 机关代字 (Agency.doc_prefix) numbers its replies; the other
    letters add their word (东政信公补〔2026〕1号) so each series stays distinct. An agency without
    a 机关代字 falls back to its system code and the word (DEMO-01答〔2026〕1号)."""
    word = NUMBER_WORD[LetterKind(kind)]
    prefix = agency.doc_prefix.strip()
    if prefix:
        return f"{prefix}{'' if kind == LetterKind.REPLY else word}〔{year}〕{seq}号"
    return f"{agency.code}{word}〔{year}〕{seq}号"


def take(agency: Agency, year: int, kind: str) -> tuple[int, str]:
    """The next number in the series; call inside transaction.atomic()."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("numbering.take must run inside a transaction")
    try:
        with transaction.atomic():
            NumberCounter.objects.get_or_create(agency=agency, year=year, kind=kind)
    except IntegrityError:
        pass  # created concurrently; the row is there now
    counter = NumberCounter.objects.select_for_update().get(agency=agency, year=year, kind=kind)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last, format_number(agency, year, kind, counter.last)
