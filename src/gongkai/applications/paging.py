"""A paginator that stops counting at a cap.

Counting every application a district supervisor can see (100,000 and more) costs more than
rendering the page itself; past the cap the list says “超过N件” and offers the first pages, and
filters narrow it down.
"""

from __future__ import annotations

from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import QuerySet

COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    cap = COUNT_CAP

    @cached_property
    def count(self) -> int:
        if not isinstance(self.object_list, QuerySet):  # a list, or search results
            return len(self.object_list)
        # COUNT(*) over a LIMITed, unordered sub-query reads at most cap + 1 rows (kept ordered,
        # the sub-query would sort every visible row first).
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap
