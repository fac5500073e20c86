"""What the holiday table tells the apps above it: a year's schedule changed.

Reference data depends on nothing above it: the table does not know who computes dates from it.
Whoever does (the applications' stored due dates) connects to `holiday_year_changed`.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

# Sent with `year` once a year's notice and its days are saved or deleted, after the commit.
holiday_year_changed = Signal()


def year_changed(year: int) -> None:
    """Announce `year`'s change when the current transaction commits (at once outside one)."""
    from .models import HolidayYear

    transaction.on_commit(lambda: holiday_year_changed.send(sender=HolidayYear, year=year))
