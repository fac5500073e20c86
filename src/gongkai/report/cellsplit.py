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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

Number = int | float
# One constraint: the cells at `parts` add up to the cell at `total` (blank counts as 0).
Constraint = tuple[tuple[int, ...], int]

_PIECE = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?\Z")
_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?\Z")


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
# Every whole count below 1000 as printed, with its value (for to_numbers).
_SMALL_COUNTS = {str(i): i for i in range(1000)}


def parse_number(text: str) -> Number | None:
    """One printed number (``-31``, ``21706.7646``, ``1,234``), or None when it is not one."""
    t = text.strip()
    if t.isdigit() and t.isascii():
        return int(t)
    t = t.replace("－", "-").replace("＋", "")
    if _THOUSANDS.match(t):
        t = t.replace(",", "")
    if not _NUMBER.fullmatch(t):
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


def _max_pieces(chunk: str) -> int:
    """How many numbers a chunk of digits, '.' and '-' can hold at most (one per digit)."""
    return len(chunk) - chunk.count(".") - chunk.count("-")


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


def obeys_all(cells: Sequence[str], constraints: Sequence[Constraint]) -> bool:
    """Whether cells with none blank obey every constraint."""
    numbers = to_numbers(cells)
    return all(sum(numbers[p] for p in parts) == numbers[total] for parts, total in constraints)


@dataclass(slots=True)
class SplitResult:
    """The best readings of one printed row.

    `candidates` holds every reading that is best; `consistent` says whether they obey every
    constraint (False: none does, so these are the readings that break the fewest, with the
    fewest blanks). `blanks` is how many cells each reading leaves blank. `truncated`: there
    were more best readings than listed (certainly ambiguous).
    """

    candidates: list[list[str | None]]
    consistent: bool
    blanks: int
    truncated: bool = False

    @property
    def unique(self) -> list[str | None] | None:
        return self.candidates[0] if len(self.candidates) == 1 and not self.truncated else None


_MAX_CANDIDATES = 64
# A printed row holds a few dozen digits; a longer run (a damaged file) has no reading, and
# searching it would take time quadratic in its length.
_MAX_ROW_DIGITS = 200
_MAX_NODES = 20000  # search steps per row; beyond it the row is called ambiguous


def split_cells(
    chunks: Sequence[str],
    n: int,
    constraints: Sequence[Constraint] = (),
    max_blanks: int = 2,
) -> SplitResult:
    """Read `chunks` as `n` cells.

    Readings that obey every constraint win, fewest blanks first. When none obeys them all, the
    readings with the fewest blanks that break the fewest constraints are returned with
    ``consistent=False``: the published table is itself wrong, and such a reading is only
    trustworthy when it is the single one. The search checks each constraint as soon as its
    cells are read, so long rows (表四's fifteen cells) stay fast.

    Results are remembered: the same printed rows ("0000000", "100001") recur in every report.
    """
    found = _split_cells(tuple(chunks), n, tuple(constraints), max_blanks)
    return SplitResult(
        [list(c) for c in found.candidates], found.consistent, found.blanks, found.truncated
    )


@lru_cache(maxsize=4096)
def _split_cells(
    chunks: tuple[str, ...], n: int, constraints: tuple[Constraint, ...], max_blanks: int
) -> SplitResult:
    caps = [_max_pieces(c) for c in chunks]
    digits = sum(caps)
    if n < len(chunks) or digits > _MAX_ROW_DIGITS:
        return SplitResult([], False, 0)
    # Fast paths: when the chunks or their digits are exactly n cells, that is the only reading
    # without blanks; if it obeys every constraint nothing can beat it.
    forced: list[str | None] | None = None
    if len(chunks) == n and all(_PIECE.match(c) for c in chunks):
        forced = list(chunks)
    elif digits == n and all(c.isdigit() for c in chunks):
        forced = [d for c in chunks for d in c]
    if forced is not None and obeys_all(forced, constraints):
        return SplitResult([forced], True, 0)
    row = _Row(chunks)
    if forced is not None:
        # The forced reading breaks a relation. Only readings with blanks could obey them all;
        # failing those, the forced reading is the single one with no blank cell.
        budget = {"nodes": _MAX_NODES}
        for blanks in range(1, max_blanks + 1):
            found, truncated = _search(chunks, row, n, constraints, blanks, 0, budget)
            if found or truncated:
                return SplitResult(found, bool(found), blanks, truncated)
        return SplitResult([forced], False, 0)
    min_blanks = max(0, n - digits)
    if min_blanks > max_blanks:
        return SplitResult([], False, 0)
    budget = {"nodes": _MAX_NODES}
    for violations in range(0, len(constraints) + 1):
        if violations == 1:
            budget["nodes"] = min(budget["nodes"], _MAX_NODES // 5)  # a broken table: look less far
        blank_range = (
            range(min_blanks, max_blanks + 1)
            if violations == 0
            else range(min_blanks, min_blanks + 1)
        )
        for blanks in blank_range:
            found, truncated = _search(chunks, row, n, constraints, blanks, violations, budget)
            if found or truncated:
                return SplitResult(found, violations == 0 and bool(found), blanks, truncated)
    return SplitResult([], False, 0)


class _Row:
    """What every search over one printed row needs to know about its digits, worked out once."""

    def __init__(self, chunks: tuple[str, ...]) -> None:
        self.chunks = chunks
        # digits_left[ci][pos]: how many numbers the text left of (chunk ci, position pos) can
        # hold; rest_values[ci][pos]: the value of all digits there, which bounds what the unread
        # cells can still add up to (a digit string cut into pieces sums to at most itself).
        self.digits_left, self.rest_values = _left_of_each_position(chunks)
        # A chunk of plain digits needs no pattern: a piece is valid unless it has a leading zero.
        self.plain = [ch.isascii() and ch.isdigit() for ch in chunks]
        self.all_plain = all(self.plain)
        self.signed = any("-" in ch for ch in chunks)

    def first_cell_pieces(self, pos: int) -> tuple[int, bool]:
        """How many valid numbers of the first chunk end at `pos` (the places a search tries
        for the row's first cell), and whether the one from the row's start is among them."""
        chunk = self.chunks[0]
        head = chunk[:pos]
        if self.plain[0] or (head.isdigit() and head.isascii()):  # every start but a leading zero's
            return pos - chunk.count("0", 0, pos - 1), pos == 1 or chunk[0] != "0"
        if not head[-1:].isdecimal():
            return 0, False  # a number ends with a digit (the '.' of "1627.4", say)
        valid = [bool(_PIECE.match(head, start)) for start in range(pos)]
        return sum(valid), bool(valid and valid[0])


def _left_of_each_position(chunks: tuple[str, ...]) -> tuple[list[list[int]], list[list[int]]]:
    """Per chunk and position: how many pieces the text before it can hold at most (one per
    character that is not '.' or '-') and the value of its digits, in one pass over the row."""
    counts: list[list[int]] = []
    values: list[list[int]] = []
    count, value = 0, 0
    for chunk in chunks:
        chunk_counts, chunk_values = [count], [value]
        for ch in chunk:
            if ch not in ".-":
                count += 1
            if ch.isdigit():
                value = value * 10 + int(ch)
            chunk_counts.append(count)
            chunk_values.append(value)
        counts.append(chunk_counts)
        values.append(chunk_values)
    return counts, values


@lru_cache(maxsize=64)
def _plan(n: int, constraints: tuple[Constraint, ...], use_bounds: bool):
    """The order in which a search over `n` cells checks `constraints`, worked out once per
    shape of row. `use_bounds`: the counts are non-negative, so sums bound their parts."""
    by_start: dict[int, list[Constraint]] = {}
    for c in constraints:
        by_start.setdefault(min(c[1], *c[0]), []).append(c)
    bounded = [c for c in constraints if c[1] > max(c[0])] if use_bounds else []
    bound_of: dict[int, list[int]] = {}
    for k, c in enumerate(bounded):
        for p in c[0]:
            bound_of.setdefault(p, []).append(k)
    first_part = [min(c[0]) for c in bounded]
    # Where no relation spans cell i and i+1, what is left of the row is independent of how the
    # cells right of it were read: remember the places from which no reading completes.
    closed = [
        not any(min(c[1], *c[0]) <= i < max(c[1], *c[0]) for c in constraints) for i in range(n)
    ]
    # Per cell: the constraints checked once it is read, and the bounded sums it is a part of.
    checks_at = [
        tuple((_parts_getter(parts), total) for parts, total in by_start.get(i, ()))
        for i in range(n)
    ]
    bounds_at = [tuple(bound_of.get(i, ())) for i in range(n)]
    # Per cell i: the sums whose total is read and whose parts are every cell left of i. The
    # unread digits must then make up exactly what is missing from such a total, which bounds
    # it from both sides (`_least`, `_most`); only plain digits have those bounds.
    tight_at: list[tuple[int, ...]] = [()] * n
    for i in range(1, n):
        tight_at[i] = tuple(
            k
            for k, (parts, total) in enumerate(bounded)
            if total >= i and set(range(i)) <= set(parts)
        )
    return checks_at, closed, bounded, first_part, bounds_at, tight_at


def _parts_getter(parts: tuple[int, ...]) -> Callable[[list[Number]], tuple[Number, ...]]:
    """A function picking the values at `parts` out of a row (in C, for the inner loop)."""
    if len(parts) == 1:
        return lambda values: (values[parts[0]],)
    return itemgetter(*parts)


def _search(chunks, row, n, constraints, blanks, violations, budget):
    """All readings with exactly `blanks` blank cells breaking exactly `violations` constraints
    (at most _MAX_CANDIDATES of them, and whether there were more).

    Cells are read from the right: a table's totals are printed after their parts, so each
    total is known before its parts are cut. Counts being non-negative, the parts read so far
    may not exceed their total, and the digits still unread must be able to make up the rest
    (a digit string cut into pieces sums to at most its own value).

    The node budget spent decides when a row is ambiguous: each call of visit() is one node.
    Two shortcuts give the same tree and node count and are kept for speed (run-together
    generated reports take 20 % fewer instructions; docs/performance.md): the first cell's
    pieces counted at once, and plain digits cut without the piece pattern.
    """
    checks_at, closed, bounded, first_part, bounds_at, tight_at = _plan(
        n, constraints, not row.signed and violations == 0
    )
    digits_left, rest_values, plain = row.digits_left, row.rest_values, row.plain
    if not row.all_plain:
        tight_at = ((),) * n  # the sum bounds hold for plain digits only
    totals = [total for _, total in bounded]
    out: list[list[str | None]] = []
    cells: list[str | None] = [None] * n
    vals: list[Number] = [0] * n
    acc = [0] * len(bounded)
    nodes = budget["nodes"]
    more = False
    dead: set[tuple[int, int, int, int, int]] = set()

    def check(i: int, broken: int) -> int:
        for parts_of, total in checks_at[i]:
            if sum(parts_of(vals)) != vals[total]:
                broken += 1
        return broken

    def misfit(i: int, ks: tuple[int, ...], rest: int) -> int:
        """With cell i added to its sums `ks`: 0 when they can still come out right, 1 when a
        sum is already exceeded (a longer piece only exceeds it more), 2 when the digits left
        of the cell (worth `rest` at most) can no longer make it up."""
        for k in ks:
            total = vals[totals[k]]
            if acc[k] > total:
                return 1
            if first_part[k] < i and acc[k] + rest < total:
                return 2
        return 0

    def hopeless(pieces: int, digits: int, tight: tuple[int, ...]) -> bool:
        """Whether `digits` plain digits cut into `pieces` cells cannot make up the missing part
        of the sums `tight` (so no reading below this point obeys them)."""
        if pieces <= 0 or digits < pieces:
            return False  # visit() refuses these itself
        return out_of_span(tight, (_least(digits, pieces), _most(digits, pieces)))

    def out_of_span(tight: tuple[int, ...], span: tuple[int, int]) -> bool:
        """hopeless() with the least and most the unread digits can add up to already known."""
        least, most = span
        for k in tight:
            if not least <= vals[totals[k]] - acc[k] <= most:
                return True
        return False

    def visit(i: int, ci: int, pos: int, blanks_left: int, broken: int) -> None:
        """Read cell i (and, recursively, the cells left of it) from the text left of
        (chunk ci, position pos)."""
        nonlocal nodes, more
        nodes -= 1
        if len(out) > _MAX_CANDIDATES or nodes < 0:
            more = True  # too many readings to list: certainly ambiguous
            return
        if ci >= 0 and pos == 0:
            ci -= 1
            pos = len(chunks[ci]) if ci >= 0 else 0
        if i < 0:
            if ci < 0 and blanks_left == 0 and broken == violations:
                out.append(list(cells))
            return
        pieces = i + 1 - blanks_left
        if pieces > (digits_left[ci][pos] if ci >= 0 else 0) or pieces < ci + 1:
            return
        key = None
        if closed[i]:
            key = (i, ci, pos, blanks_left, broken)
            if key in dead:
                return
            before = len(out)
        ks, checks, tight = bounds_at[i], checks_at[i], tight_at[i]
        if blanks_left:
            # A blank adds 0 to its sums: nothing to add or take back.
            if not (ks and misfit(i, ks, rest_values[ci][pos] if ci >= 0 else 0)):
                b = check(i, broken) if checks else broken
                if b <= violations and not (
                    tight and hopeless(pieces, digits_left[ci][pos] if ci >= 0 else 0, tight)
                ):
                    visit(i - 1, ci, pos, blanks_left - 1, b)
        if ci >= 0 and not (i or ks or checks):
            # The row's first cell, in no relation (so ci == 0, no blank left): only the piece
            # from the row's start completes a reading, so spend one node per piece at once.
            tried, whole = row.first_cell_pieces(pos)
            if tried:
                nodes -= tried
                if len(out) > _MAX_CANDIDATES or nodes < 0:
                    more = True  # too many readings to list: certainly ambiguous
                elif whole and broken == violations:
                    cells[0] = chunks[0][:pos]
                    out.append(list(cells))
                    cells[0] = None
        elif ci >= 0:
            chunk, digits_only, caps, rests = (
                chunks[ci],
                plain[ci],
                digits_left[ci],
                rest_values[ci],
            )
            need_left = i - blanks_left  # pieces still to cut left of this one
            spans = _sum_spans(need_left, caps[pos]) if tight and need_left > 0 else None
            for start in range(pos - 1, -1, -1):
                if caps[start] < need_left:
                    break  # a longer piece leaves too few digits for the cells to its left
                if digits_only:
                    if chunk[start] == "0" and start < pos - 1:
                        continue
                    piece = chunk[start:pos]
                    value = (
                        _SMALL_COUNTS[piece] if pos - start < 4 else int(piece)
                    )  # no leading zero
                else:
                    piece = chunk[start:pos]
                    if not _PIECE.match(piece):
                        continue
                    value = float(piece) if "." in piece else int(piece)
                if ks:
                    for k in ks:
                        acc[k] += value
                    fit = misfit(i, ks, rests[start])
                    if fit:
                        for k in ks:
                            acc[k] -= value
                        if fit == 1 and "." not in chunk:
                            break  # every longer piece is larger still
                        continue
                cells[i], vals[i] = piece, value
                if spans and out_of_span(tight, spans[caps[start]]):
                    for k in ks:
                        acc[k] -= value
                    continue  # the digits left cannot make up a sum's missing part
                b = check(i, broken) if checks else broken
                if b <= violations:
                    visit(i - 1, ci, start, blanks_left, b)
                for k in ks:
                    acc[k] -= value
            cells[i], vals[i] = None, 0
        if key is not None and len(out) == before and not more:
            dead.add(key)

    last = len(chunks) - 1
    visit(n - 1, last, len(chunks[last]) if chunks else 0, blanks, 0)
    budget["nodes"] = nodes
    return out[:_MAX_CANDIDATES], more or len(out) > _MAX_CANDIDATES


@lru_cache(maxsize=1024)
def _sum_spans(pieces: int, max_digits: int) -> list[tuple[int, int] | None]:
    """Per number of plain digits (up to `max_digits`): the least and most they add up to when
    cut into `pieces` numbers."""
    return [
        (_least(d, pieces), _most(d, pieces)) if d >= pieces else None
        for d in range(max_digits + 1)
    ]


@lru_cache(maxsize=1024)
def _least(digits: int, pieces: int) -> int:
    """The smallest sum `digits` plain digits cut into `pieces` numbers can have: a number of
    k >= 2 digits is at least 10**(k-1) (no leading zero), and that cost grows faster than k,
    so pieces of equal length are cheapest."""
    q, r = divmod(digits, pieces)
    return r * _floor(q + 1) + (pieces - r) * _floor(q)


def _floor(length: int) -> int:
    return 10 ** (length - 1) if length >= 2 else 0


@lru_cache(maxsize=1024)
def _most(digits: int, pieces: int) -> int:
    """The largest such sum: one piece as long as possible, every other piece a single 9."""
    return 10 ** (digits - pieces + 1) - 1 + 9 * (pieces - 1)


def to_numbers(cells: Sequence[str | None]) -> list[Number | None]:
    """The cells' values, None for a blank. The common rows first, in C: read + check takes 7 %
    fewer instructions than with one conversion per cell (performance.md)."""
    if cells.count("0") == len(cells):
        return [0] * len(cells)  # a row of zeros: most rows of a report
    try:
        return list(
            map(_SMALL_COUNTS.__getitem__, cells)
        )  # the common row: small counts, none blank
    except KeyError:
        pass
    if None not in cells and "." not in "".join(cells):
        return list(map(int, cells))  # the common row: whole counts, none blank
    return [None if c is None else float(c) if "." in c else int(c) for c in cells]
