"""Application numbers: CODE-YEAR-SEQUENCE (DEMO-01-2026-00042), one series per agency and year.

The sequence comes from the agency's NumberSeries row, created if missing (a concurrent creator
loses on the unique constraint and reads the winner's row), then locked with SELECT … FOR UPDATE
and incremented in the caller's transaction: a rollback returns the number, so there is no gap and
no duplicate. On SQLite, where FOR UPDATE is ignored, the settings open every transaction with
BEGIN IMMEDIATE, which serialises writers. Nothing reads the stored numbers back, so another
agency's code cannot break a series and sequences past 99,999 keep counting.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from gongkai.agencies.models import Agency

from .models import NumberSeries


def format_number(code: str, year: int, seq: int) -> str:
    return f"{code}-{year}-{seq:05d}"


def split_number(number: str) -> tuple[str, int, int] | None:
    """(agency code, year, sequence) of a number made by format_number, else None."""
    code, _, rest = number.rpartition("-")
    code, _, year = code.rpartition("-")
    if not (code and year.isdigit() and len(year) == 4 and rest.isdigit()):
        return None
    return code, int(year), int(rest)


def take_number(agency: Agency, year: int) -> str:
    """The next number of the agency's series for `year`; call inside transaction.atomic()."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_number must run inside a transaction")
    try:
        with transaction.atomic():
            NumberSeries.objects.get_or_create(agency=agency, year=year)
    except IntegrityError:
        pass  # created concurrently; the row is there now
    series = NumberSeries.objects.select_for_update().get(agency=agency, year=year)
    series.last += 1
    series.save(update_fields=["last"])
    return format_number(agency.code, year, series.last)
