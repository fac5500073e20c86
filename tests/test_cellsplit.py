"""Splitting run-together cells with the arithmetic the tables must obey."""

from __future__ import annotations

from gongkai.report.cellsplit import parse_number, split_cells

T3_ROW = [((0, 1, 2, 3, 4, 5), 6)]
T4_ROW = [((0, 1, 2, 3), 4), ((5, 6, 7, 8), 9), ((10, 11, 12, 13), 14)]


def test_it_splits_a_表三_row_whose_total_decides_the_reading():
    r = split_cells(["230000023"], 7, T3_ROW)
    assert r.unique == ["23", "0", "0", "0", "0", "0", "23"] and r.consistent


def test_it_uses_the_spaces_a_page_export_kept():
    assert split_cells("30 0 0 0 03".split(), 7, T3_ROW).unique == ["3", "0", "0", "0", "0", "0", "3"]
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
    assert all("-" not in c[1:] for cand in split_cells(["88-720"], 3).candidates for c in cand if c)
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
