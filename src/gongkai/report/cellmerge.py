"""Reading a row printed with more numbers than the table has columns: a number broken in two.

Text copied from a web table puts every cell on a line of its own; a cell too narrow for its
number wraps it, so ``162`` comes out as ``1`` and ``62`` on two lines and the row shows one
number too many. Which two neighbours belong together only the table's arithmetic can tell
(表三 总计 = the six applicant columns, 表四 总计 = its four parts). `merge_readings` lists the
ways of joining neighbouring numbers back into the row's cells and keeps those that obey the
relations; it never picks between readings that are equally good (the caller leaves the cells
blank with a reading finding, or decides with more relations, as for run-together digits), and
when no join adds up it offers none.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from .cellsplit import Constraint, SplitResult, is_valid_piece, satisfied

# At most this many numbers broken in one row: each break doubles the readings to weigh, and a
# row with more extra numbers than that is another table's, not a wrapped one.
MAX_BREAKS = 2


def merge_readings(
    values: Sequence[str], n: int, constraints: Sequence[Constraint]
) -> SplitResult | None:
    """The readings of `values` (more than `n` printed numbers) as `n` cells, each cell one
    printed number or two or three neighbours joined; None when the row is not of that kind
    (a cell that is not a plain whole number, or too many numbers)."""
    extra = len(values) - n
    if not 0 < extra <= MAX_BREAKS or not all(v.isascii() and v.isdigit() for v in values):
        return None
    readings: list[list[str | None]] = []
    for joins in combinations(range(len(values) - 1), extra):
        cells = _joined(values, set(joins))
        if all(map(is_valid_piece, cells)):
            readings.append(list(cells))
    kept = [r for r in readings if satisfied(r, constraints) == len(constraints)]
    if kept:
        return SplitResult(kept, True, 0)
    if len(readings) == 1:
        return SplitResult(readings, False, 0)  # the digits allow one join only: a wrong table
    # No join adds up: a row wrong as published or a number too many that is no broken cell
    # (a footnote's mark): no reading to offer, the row is said to be unreadable.
    return SplitResult([], False, 0)


def _joined(values: Sequence[str], joins: set[int]) -> list[str]:
    """`values` with value i and i+1 written as one number for every i in `joins`."""
    cells = [values[0]]
    for i in range(1, len(values)):
        if i - 1 in joins:
            cells[-1] += values[i]
        else:
            cells.append(values[i])
    return cells
