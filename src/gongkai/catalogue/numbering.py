"""索引号: AGENCYCODE/YEAR-SEQUENCE (DEMO-01/2026-00042), one series per agency and year.

Generated once when an item is registered and never changed, so links, citations and the public
专栏 keep working; unique per agency (a database constraint). Taken like application numbers
(gongkai.applications.numbering): the series row is locked in the caller's transaction, so a
rollback returns the number and concurrent registrations never share one.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from gongkai.agencies.models import Agency

from .models import IndexSeries


def format_index_no(code: str, year: int, seq: int) -> str:
    return f"{code}/{year}-{seq:05d}"


def take_index_nos(agency: Agency, year: int, count: int = 1) -> list[str]:
    """The next `count` 索引号 of the agency's series for `year`; call inside transaction.atomic()."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_index_nos must run inside a transaction")
    try:
        with transaction.atomic():
            IndexSeries.objects.get_or_create(agency=agency, year=year)
    except IntegrityError:
        pass  # created concurrently; the row is there now
    series = IndexSeries.objects.select_for_update().get(agency=agency, year=year)
    first = series.last + 1
    series.last += count
    series.save(update_fields=["last"])
    return [format_index_no(agency.code, year, n) for n in range(first, series.last + 1)]
