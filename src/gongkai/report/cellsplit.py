"""Splitting run-together table cells back into numbers.

Page-text exports of published reports print a table row as one string: ``230000023`` for the
seven cells ``23 0 0 0 0 0 23``, sometimes with some of the spaces kept (``30 0 0 0 03``), and a
cell printed blank simply vanishes. A digit string therefore has many readings. This module
lists the readings that respect how numbers are written (no leading zeros, a minus sign only in
front, a decimal point between digits) and ranks them by the arithmetic the table must obey.

It never picks between equally good readings: the caller gets every best reading and decides
(using more constraints, or leaving the cells blank with a reading finding).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

Number = int | float
# One constraint: the cells at `parts` add up to the cell at `total` (blank counts as 0).
Constraint = tuple[tuple[int, ...], int]

_PIECE = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?\Z")
_CHUNK = re.compile(r"-?[\d.]+(?:-?[\d.]+)*\Z")
_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?\Z")
# Beyond this many readings of one row we stop listing (only reached by pathological input).
_MAX_READINGS = 20000


def parse_number(text: str) -> Number | None:
    """One printed number (``-31``, ``21706.7646``, ``1,234``), or None when it is not one."""
    t = text.strip().replace("－", "-").replace("＋", "")
    if _THOUSANDS.match(t):
        t = t.replace(",", "")
    if not re.fullmatch(r"-?\d+(?:\.\d+)?", t):
        return None
    return float(t) if "." in t else int(t)


def is_valid_piece(piece: str) -> bool:
    return bool(_PIECE.match(piece))


def chunks_of(cells: Sequence[str]) -> list[str]:
    """The whitespace-separated runs of the printed value cells, in order."""
    out: list[str] = []
    for cell in cells:
        out.extend(cell.replace("－", "-").split())
    return out


def _piece_splits(chunk: str, count: int) -> Iterator[list[str]]:
    """Every way to cut `chunk` into exactly `count` valid numbers."""
    if count == 1:
        if _PIECE.match(chunk):
            yield [chunk]
        return
    for cut in range(1, len(chunk)):
        head = chunk[:cut]
        if not _PIECE.match(head) or _max_pieces(chunk[cut:]) < count - 1:
            continue
        for rest in _piece_splits(chunk[cut:], count - 1):
            yield [head, *rest]


def _max_pieces(chunk: str) -> int:
    return sum(1 for c in chunk if c.isdigit()) - chunk.count(".")


def readings(chunks: Sequence[str], pieces: int) -> Iterator[list[str]]:
    """Every way to read the chunks as exactly `pieces` numbers (each chunk gives at least one)."""
    if not chunks:
        if pieces == 0:
            yield []
        return
    caps = [_max_pieces(c) for c in chunks]
    if pieces < len(chunks) or pieces > sum(caps):
        return

    def rec(i: int, left: int) -> Iterator[list[str]]:
        if i == len(chunks):
            if left == 0:
                yield []
            return
        rest_min = len(chunks) - i - 1
        rest_max = sum(caps[i + 1 :])
        lo = max(1, left - rest_max)
        hi = min(caps[i], left - rest_min)
        for k in range(lo, hi + 1):
            for head in _piece_splits(chunks[i], k):
                for tail in rec(i + 1, left - k):
                    yield head + tail

    yield from rec(0, pieces)


def _value(piece: str | None) -> Number:
    if piece is None:
        return 0
    return float(piece) if "." in piece else int(piece)


def satisfied(cells: Sequence[str | None], constraints: Sequence[Constraint]) -> int:
    """How many of the constraints these cells obey."""
    count = 0
    for parts, total in constraints:
        if sum(_value(cells[p]) for p in parts) == _value(cells[total]):
            count += 1
    return count


@dataclass
class SplitResult:
    """The best readings of one printed row.

    `candidates` holds every reading that is best; `consistent` says whether they obey every
    constraint (False: none does, so these are the readings that break the fewest, with the
    fewest blanks). `blanks` is how many cells each reading leaves blank.
    """

    candidates: list[list[str | None]]
    consistent: bool
    blanks: int

    @property
    def unique(self) -> list[str | None] | None:
        return self.candidates[0] if len(self.candidates) == 1 else None


def split_cells(
    chunks: Sequence[str],
    n: int,
    constraints: Sequence[Constraint] = (),
    max_blanks: int = 2,
) -> SplitResult:
    """Read `chunks` as `n` cells.

    Readings that obey every constraint win, fewest blanks first. When none obeys them all, the
    readings with no (or the fewest possible) blanks that obey the most constraints are returned
    with ``consistent=False``: the published table is itself wrong, and the reading is only
    trustworthy when it is the single one.
    """
    digits = sum(_max_pieces(c) for c in chunks)
    fallback: list[tuple[int, int, list[str | None]]] = []  # (satisfied, blanks, cells)
    fallback_blanks: int | None = None
    seen = 0
    for blanks in range(0, max_blanks + 1):
        pieces = n - blanks
        if pieces < len(chunks) or pieces > digits:
            continue
        good: list[list[str | None]] = []
        for reading in readings(chunks, pieces):
            for cells in _with_blanks(reading, n, blanks):
                seen += 1
                if seen > _MAX_READINGS:
                    return SplitResult([], False, blanks)
                ok = satisfied(cells, constraints)
                if ok == len(constraints):
                    good.append(cells)
                elif fallback_blanks is None or fallback_blanks == blanks:
                    fallback_blanks = blanks
                    fallback.append((ok, blanks, cells))
        if good:
            return SplitResult(good, True, blanks)
        if fallback_blanks is not None and not constraints:
            break
    if not fallback:
        return SplitResult([], False, 0)
    best = max(ok for ok, _, _ in fallback)
    return SplitResult([c for ok, _, c in fallback if ok == best], False, fallback[0][1])


def _with_blanks(reading: list[str], n: int, blanks: int) -> Iterator[list[str | None]]:
    if blanks == 0:
        yield list(reading)
        return
    for spots in combinations(range(n), blanks):
        cells: list[str | None] = []
        it = iter(reading)
        for i in range(n):
            cells.append(None if i in spots else next(it))
        yield cells


def to_numbers(cells: Sequence[str | None]) -> list[Number | None]:
    return [None if c is None else _value(c) for c in cells]


def is_number_chunk(text: str) -> bool:
    return bool(_CHUNK.match(text))
