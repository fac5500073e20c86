"""Splitting run-together cells with the arithmetic the tables must obey."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report.cellsplit import parse_number, split_cells

T3_ROW = [((0, 1, 2, 3, 4, 5), 6)]
T4_ROW = [((0, 1, 2, 3), 4), ((5, 6, 7, 8), 9), ((10, 11, 12, 13), 14)]


def test_it_splits_a_表三_row_whose_total_decides_the_reading():
    r = split_cells(["230000023"], 7, T3_ROW)
    assert r.unique == ["23", "0", "0", "0", "0", "0", "23"] and r.consistent


def test_it_uses_the_spaces_a_page_export_kept():
    assert split_cells("30 0 0 0 03".split(), 7, T3_ROW).unique == [
        "3",
        "0",
        "0",
        "0",
        "0",
        "0",
        "3",
    ]
    r = split_cells("10 0 1 200 0 0 0 0 0 0 00".split(), 15, T4_ROW)
    assert r.unique == ["1", "0", "0", "1", "2"] + ["0"] * 10


def test_it_reads_a_row_with_a_genuine_sum_error_when_its_digits_allow_one_reading():
    # 平潭 2025: 2 applications printed with 总计 0 — a published error, not a reading problem
    r = split_cells(["2000000"], 7, T3_ROW)
    assert r.unique == ["2", "0", "0", "0", "0", "0", "0"] and not r.consistent


def test_it_returns_every_reading_when_digits_and_sums_cannot_decide():
    r = split_cells(["2433"], 3)
    assert r.unique is None
    assert sorted(r.candidates) == [["2", "4", "33"], ["2", "43", "3"], ["24", "3", "3"]]


def test_it_never_reads_leading_zeros_or_a_minus_inside_a_number():
    assert split_cells(["1-10"], 3).unique == ["1", "-1", "0"]
    assert all(
        "-" not in c[1:] for cand in split_cells(["88-720"], 3).candidates for c in cand if c
    )
    assert split_cells(["002"], 3).unique == ["0", "0", "2"]


def test_it_lets_a_blank_vanish_only_when_the_sums_need_it():
    # "215" as (a, b, a+b): 2 1 5 breaks the sum and so does every reading with a blank
    # (2 _ 15, 21 _ 5, …); no reading is invented to make it add up.
    r = split_cells(["215"], 3, [((0, 1), 2)])
    assert r.unique == ["2", "1", "5"] and not r.consistent
    # "2 2" as (a, b, a+b): only a vanished blank makes it add up, and either part may be it.
    r = split_cells(["2", "2"], 3, [((0, 1), 2)])
    assert r.consistent and r.unique is None
    assert sorted(r.candidates, key=str) == sorted([["2", None, "2"], [None, "2", "2"]], key=str)


def test_it_parses_printed_numbers():
    assert parse_number("1,024") == 1024
    assert parse_number("-31") == -31
    assert parse_number("21706.7646") == 21706.7646
    assert parse_number("—") is None


# -- the search against every reading, listed by brute force --------------------------------


def _all_readings(chunks: list[str], n: int, blanks: int) -> list[list[str | None]]:
    """Every way to read the chunks as n cells with exactly `blanks` blank cells: each chunk cut
    into pieces without leading zeros, blank cells anywhere."""

    def cuts(chunk: str, k: int):
        for ends in combinations(range(1, len(chunk)), k - 1):
            bounds = [0, *ends, len(chunk)]
            pieces = [chunk[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
            if all(p[0] != "0" or len(p) == 1 for p in pieces):
                yield pieces

    def pieces_of(i: int, k: int):
        if i == len(chunks):
            if k == 0:
                yield []
            return
        last = i == len(chunks) - 1
        if k < 1:
            return  # every chunk holds at least one number
        for here in [k] if last else range(1, min(k, len(chunks[i])) + 1):
            for head in cuts(chunks[i], here):
                for rest in pieces_of(i + 1, k - here):
                    yield head + rest

    out = []
    for pieces in pieces_of(0, n - blanks):
        for where in combinations(range(n), blanks):
            it = iter(pieces)
            out.append([None if j in where else next(it) for j in range(n)])
    return out


def _obeys(cells, constraints) -> bool:
    value = [0 if c is None else int(c) for c in cells]
    return all(sum(value[p] for p in parts) == value[total] for parts, total in constraints)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 30), min_size=6, max_size=6),
    st.sampled_from([0, 1, -1, 10]),  # how far the printed total is off (0: the row adds up)
    st.integers(0, 3),  # where the digits are cut into chunks (0: one run)
)
def test_the_pruned_search_finds_exactly_the_readings_that_add_up(parts, error, cut):
    total = max(sum(parts) + error, 0)
    digits = "".join(map(str, [*parts, total]))
    chunks = [digits[:cut], digits[cut:]] if cut and cut < len(digits) else [digits]
    result = split_cells(chunks, 7, T3_ROW)
    if result.truncated:
        return
    for blanks in range(0, 3):
        fitting = [r for r in _all_readings(chunks, 7, blanks) if _obeys(r, T3_ROW)]
        if fitting:
            assert result.consistent and result.blanks == blanks
            assert sorted(result.candidates, key=str) == sorted(fitting, key=str)
            return
    assert not result.consistent


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=12, max_size=12))
def test_the_pruned_search_reads_表四_groups_as_brute_force_does(counts):
    cells = []
    for g in range(3):
        group = counts[g * 4 : g * 4 + 4]
        cells += [*group, sum(group)]
    digits = "".join(map(str, cells))
    result = split_cells([digits], 15, T4_ROW)
    if result.truncated:
        return
    fitting = [r for r in _all_readings([digits], 15, 0) if _obeys(r, T4_ROW)]
    assert result.consistent and result.blanks == 0
    assert sorted(result.candidates, key=str) == sorted(fitting, key=str)
