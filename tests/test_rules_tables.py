"""表二、表三、表四 rules on small reports built in code."""

import pytest

from gongkai.report import Severity, check

from .reportkit import fired, valid_report


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_it_accepts_a_valid_report_of_either_template(template):
    assert check(valid_report(template)) == []


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_it_reports_an_outcome_cell_that_breaks_the_results_total(template):
    r = valid_report(template)
    r.t3["granted"]["commercial_enterprise"] = (
        4  # was 1: the column now sums to 5, （七）总计 says 2
    )
    [outcome] = fired(r, "T3-OUTCOME-SUM")
    assert outcome.severity == Severity.ERROR
    assert (outcome.location.row, outcome.location.column) == (
        "results_total",
        "commercial_enterprise",
    )
    assert (outcome.expected, outcome.actual) == (5, 2)
    assert "商业企业" in outcome.message and "（七）总计" in outcome.message
    [row] = fired(r, "T3-APPLICANT-SUM")
    assert (row.location.row, row.location.column, row.expected, row.actual) == (
        "granted",
        "total",
        10,
        7,
    )
    assert "（一）予以公开" in row.message


def test_it_sums_the_2019_other_row_when_a_2021_report_prints_it():
    r = valid_report("2021")
    for key in ("other.no_correction", "other.fee_not_paid", "other.other"):
        del r.t3[key]
    r.t3["other"] = {
        "natural_person": 1,
        "commercial_enterprise": 0,
        "research_institution": 0,
        "social_welfare_org": 0,
        "legal_service_org": 0,
        "other_org": 0,
        "total": 1,
    }
    findings = check(r)
    assert [f.rule for f in findings if f.severity == Severity.ERROR] == []
    assert [f.rule for f in findings] == ["T3-ROW-FORMAT"]
    r.t3["other"]["natural_person"] = 5
    assert {(f.location.column, f.expected, f.actual) for f in fired(r, "T3-OUTCOME-SUM")} == {
        ("natural_person", 15, 11)
    }


def test_it_counts_blank_cells_as_zero_and_says_so():
    r = valid_report("2021")
    r.t3["denied.state_secret"]["total"] = None
    r.t4["review"]["other"] = None
    findings = check(r)
    assert {f.rule for f in findings} == {"T3-BLANK", "T4-BLANK"}
    assert all(f.severity == Severity.INFO for f in findings)
    [t3] = [f for f in findings if f.rule == "T3-BLANK"]
    assert (t3.location.row, t3.location.column) == ("denied.state_secret", "total")


def test_it_reports_negative_counts_as_errors():
    r = valid_report("2021")
    r.t3["granted"]["natural_person"] = -1
    r.t3["granted"]["total"] = 0
    r.t3["results_total"]["natural_person"] = 4
    r.t3["results_total"]["total"] = 6
    r.t3["new_received"]["natural_person"] = 3
    r.t3["new_received"]["total"] = 5
    [neg] = fired(r, "T3-NEGATIVE")
    assert (neg.location.row, neg.location.column, neg.actual) == ("granted", "natural_person", -1)
    r.t4["review"]["corrected"] = -1
    r.t4["review"]["total"] = 1
    [neg4] = fired(r, "T4-NEGATIVE")
    assert (neg4.location.row, neg4.location.column) == ("review", "corrected")


def test_it_reports_a_group_of_table_four_whose_total_is_not_the_sum():
    r = valid_report("2021")
    r.t4["litigation_after_review"]["total"] = 15
    r.t4["litigation_after_review"].update(upheld=13, corrected=2, other=4)
    r.section("四").text = ""
    [f] = fired(r, "T4-TOTAL")
    assert f.severity == Severity.ERROR
    assert (f.location.row, f.location.column, f.expected, f.actual) == (
        "litigation_after_review",
        "total",
        19,
        15,
    )
    assert "复议后起诉" in f.message and "19" in f.message and "15" in f.message


def test_it_warns_about_table_two_cells_that_cannot_be_right():
    r = valid_report("2021")
    r.t2["art20_1"]["normative_documents"]["currently_valid"] = 2
    [f] = fired(r, "T2-VALID-LT-ISSUED")
    assert f.severity == Severity.WARNING and f.location.row == "art20_1.normative_documents"
    r.t2["art20_6"]["administrative_penalty"]["decisions_this_year"] = -3
    [neg] = fired(r, "T2-NEGATIVE")
    assert (neg.location.row, neg.location.column, neg.actual) == (
        "art20_6.administrative_penalty",
        "decisions_this_year",
        -3,
    )
    old = valid_report("2019")
    old.t2["art20_5"]["administrative_licensing"]["items_change"] = -8  # 本年增/减 may be negative
    assert fired(old, "T2-NEGATIVE") == []
    old.t2["art20_1"]["normative_documents"]["newly_published"] = 31
    [pub] = fired(old, "T2-PUBLISHED-GT-TOTAL")
    assert (pub.expected, pub.actual) == ("<= 30", 31)


def test_it_notes_missing_rows_and_mixed_other_rows():
    r = valid_report("2019")
    del r.t3["denied.administrative_inquiry"]
    r.t3["other.other"] = dict(r.t3["denied.state_secret"])
    [missing] = fired(r, "T3-ROWS-MISSING")
    assert missing.severity == Severity.INFO and "8.属于行政查询事项" in missing.message
    [mixed] = fired(r, "T3-ROW-FORMAT")
    assert mixed.location.row == "other.other"


def test_it_warns_instead_of_erring_when_a_blank_cell_could_make_a_sum_hold():
    """sh-kw-2024: the PDF's text lost 结转下年度's 总计 (printed 1): 34 + 2 = 35 + blank. A blank
    that could hold the difference is no contradiction of printed numbers; a blank that would have
    to be negative is."""
    r = valid_report("2021")
    r.t3["carried_to_next_year"]["total"] = None  # was 2: 12 + 3 = 13 + blank
    found = {(f.rule, f.severity) for f in check(r) if f.rule.startswith("T3-")}
    assert found == {
        ("T3-BALANCE", Severity.WARNING),
        ("T3-APPLICANT-SUM", Severity.WARNING),
        ("T3-BLANK", Severity.INFO),
    }
    [balance] = fired(r, "T3-BALANCE")
    assert "若空白格应填 2" in balance.message
    r = valid_report("2021")
    r.t3["new_received"]["total"] = None  # blank + 3 against 13 + 2: a blank of 12 balances it
    assert {f.severity for f in fired(r, "T3-BALANCE")} == {Severity.WARNING}
    r.t3["carried_over_from_last_year"]["total"] = (
        20  # blank + 20 against 15: the blank would be −5
    )
    assert {f.severity for f in fired(r, "T3-BALANCE")} == {Severity.ERROR}
    r = valid_report("2021")
    r.t4["review"]["total"] = None  # parts 3, total blank: a blank total that could be 3
    assert [(f.severity, f.expected) for f in fired(r, "T4-TOTAL")] == [(Severity.WARNING, 3)]
