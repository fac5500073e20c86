"""Property tests: generated valid reports pass; one altered cell fires exactly the right rules, there."""

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report import Severity, check
from gongkai.report.model import T3, T4

from .strategies import reports

_HEAD = {"new_received", "carried_over_from_last_year", "carried_to_next_year"}
# Warnings a valid generated report may carry: the strategy does not keep 2019 本年新公开 within 对外公开总数量.
_ALLOWED_WARNINGS = {"T2-PUBLISHED-GT-TOTAL"}


# The sum rules report a failing sum as a warning when a blank cell could make it hold (blanks
# appear where the strategy prints a zero as blank): the altered cell is found either way.
_SUMS = {"T3-BALANCE", "T3-OUTCOME-SUM", "T3-APPLICANT-SUM", "T4-TOTAL"}


def _errors(report):
    return {
        (f.rule, f.location.table, f.location.row, f.location.column)
        for f in check(report)
        if f.severity == Severity.ERROR or (f.rule in _SUMS and "空白格" in f.message)
    }


@settings(max_examples=100, deadline=None)
@given(reports())
def test_it_finds_no_error_and_no_unexpected_warning_in_a_valid_report(report):
    findings = check(report)
    assert [f for f in findings if f.severity == Severity.ERROR] == []
    assert {f.rule for f in findings if f.severity == Severity.WARNING} <= _ALLOWED_WARNINGS


def _expected_t3(report, row, col, new_value):
    out = set()
    if row in _HEAD or row == "results_total":
        out.add(("T3-BALANCE", T3, "results_total", col))
    if row not in _HEAD:  # an outcome leaf or （七）总计 itself
        out.add(("T3-OUTCOME-SUM", T3, "results_total", col))
    out.add(("T3-APPLICANT-SUM", T3, row, "total"))
    if new_value < 0:
        out.add(("T3-NEGATIVE", T3, row, col))
    return out


@settings(max_examples=200, deadline=None)
@given(reports(), st.data())
def test_it_fires_the_right_rules_where_one_table_three_cell_is_altered(report, data):
    row = data.draw(st.sampled_from(sorted(report.t3)), label="row")
    col = data.draw(st.sampled_from(sorted(report.t3[row])), label="column")
    delta = data.draw(st.integers(-50, 50).filter(bool), label="delta")
    new_value = (report.t3[row][col] or 0) + delta
    report.t3[row][col] = new_value
    assert _errors(report) == _expected_t3(report, row, col, new_value)


@settings(max_examples=100, deadline=None)
@given(reports(), st.data())
def test_it_fires_the_table_four_total_rule_where_one_table_four_cell_is_altered(report, data):
    group = data.draw(st.sampled_from(sorted(report.t4)), label="group")
    col = data.draw(st.sampled_from(sorted(report.t4[group])), label="column")
    delta = data.draw(st.integers(-50, 50).filter(bool), label="delta")
    new_value = (report.t4[group][col] or 0) + delta
    report.t4[group][col] = new_value
    expected = {("T4-TOTAL", T4, group, "total")}
    if new_value < 0:
        expected.add(("T4-NEGATIVE", T4, group, col))
    assert _errors(report) == expected
