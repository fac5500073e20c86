"""Shared by the read benchmarks: make each timed read count as a first reading."""

from __future__ import annotations

from gongkai.report.cellsplit import _split_cells
from gongkai.report.sections import norm
from gongkai.report.tablemap import is_value


def forget_texts_seen() -> None:
    """Empty the caches keyed by text (split rows, normalised labels, value cells), as in a fresh
    process. Caches keyed by shape (a row's cell count, say) stay: they do not depend on the
    report being read."""
    for cached in (_split_cells, norm, is_value):
        cached.cache_clear()
