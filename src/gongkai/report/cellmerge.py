"""Reading a row printed one number per cell whose count does not match the table's columns.

Text copied from a web table puts every cell on a line of its own, and two things change a
row's count: a cell too narrow for its number wraps it, so ``162`` comes out as ``1`` and ``62``
and the row shows one number too many; a cell printed blank prints nothing, so the row shows one
number too few. Unlike run-together digits (cellsplit.py), each printed number is one cell or
part of one, never several: `line_cell_readings` lists the ways of joining neighbours, or of
placing the blank cells between the numbers, and keeps those that obey the table's arithmetic
(表三 总计 = the six applicant columns, 表四 总计 = its four parts). It never picks between
readings that are equally good (the caller leaves the cells in doubt blank with a reading
finding, or decides with more relations, as for run-together digits), and when no reading adds
up it offers none.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from math import comb

from .cellsplit import Constraint, SplitResult, is_valid_piece, satisfied

# At most this many numbers broken in one row: each break multiplies the readings to weigh, and
# a row with more extra numbers than that is another table's, not a wrapped one.
MAX_BREAKS = 2
# Placing blanks: beyond this many ways (表四 with half its cells blank) the row is left to the
# run-together splitter's search, which bounds its own work.
MAX_PLACEMENTS = 5000


def line_cell_readings(
    values: Sequence[str], n: int, constraints: Sequence[Constraint]
) -> SplitResult | None:
    """The readings of `values` (two or more printed numbers, one a cell, more or fewer than
    `n`) as `n` cells; None when the row is not of that kind (a cell holding several numbers or
    a sign, a unit, a decimal point; too many numbers; too many ways to place blanks)."""
    if len(values) < 2 or len(values) == n or not all(v.isascii() and v.isdigit() for v in values):
        return None
    if len(values) > n:
        readings = _joins(values, n)
    elif all(map(is_valid_piece, values)) and comb(n, n - len(values)) <= MAX_PLACEMENTS:
        readings = _blanks(values, n)
    else:
        return None
    if readings is None:
        return None
    blanks = max(0, n - len(values))
    kept = [r for r in readings if satisfied(r, constraints) == len(constraints)]
    if kept:
        return SplitResult(kept, True, blanks)
    if len(readings) == 1:
        return SplitResult(readings, False, blanks)  # the digits allow one reading: a wrong table
    # Nothing adds up: a row wrong as published, or a number that is no cell (a footnote's
    # mark): no reading to offer, the row is said to be unreadable.
    return SplitResult([], False, 0)


def _joins(values: Sequence[str], n: int) -> list[list[str | None]] | None:
    """Every way of joining neighbours into `n` numbers written without a leading zero."""
    extra = len(values) - n
    if extra > MAX_BREAKS:
        return None
    readings: list[list[str | None]] = []
    for joins in combinations(range(len(values) - 1), extra):
        cells = _joined(values, set(joins))
        if all(map(is_valid_piece, cells)):
            readings.append(list(cells))
    return readings


def _joined(values: Sequence[str], joins: set[int]) -> list[str]:
    """`values` with value i and i+1 written as one number for every i in `joins`."""
    cells = [values[0]]
    for i in range(1, len(values)):
        if i - 1 in joins:
            cells[-1] += values[i]
        else:
            cells.append(values[i])
    return cells


def _blanks(values: Sequence[str], n: int) -> list[list[str | None]]:
    """Every way of placing the `n - len(values)` blank cells among the printed numbers."""
    readings: list[list[str | None]] = []
    for blank in combinations(range(n), n - len(values)):
        printed = iter(values)
        readings.append([None if i in blank else next(printed) for i in range(n)])
    return readings
