"""Rules comparing a report with last year's."""

from gongkai.report import Severity, check

from .reportkit import fired, valid_report


def test_it_accepts_consistent_consecutive_years():
    last, now = valid_report("2021", 2023), valid_report("2021", 2024)
    now.t3["carried_over_from_last_year"] = dict(last.t3["carried_to_next_year"])
    now.t3["new_received"].update(
        natural_person=11, total=13
    )  # keep this year balanced (3 -> 2 carried over)
    now.t2["art20_1"]["normative_documents"]["currently_valid"] = 33  # 30 + 4 - 1
    now.sections[2].text = ""
    assert check(now, last) == []


def test_it_warns_when_carried_over_differs_from_last_years_carried_to_next_year():
    last, now = valid_report("2021", 2023), valid_report("2021", 2024)
    found = fired(now, "X-YEAR-1", last)  # 自然人 and 总计: 3 now, 2 last year
    assert {f.severity for f in found} == {Severity.WARNING}
    assert {(f.location.row, f.location.column, f.expected, f.actual) for f in found} == {
        ("carried_over_from_last_year", "natural_person", 2, 3),
        ("carried_over_from_last_year", "total", 2, 3),
    }
    assert [g.location.column for g in fired(now, "X-YEAR-1")] == []  # needs the previous report


def test_it_checks_currently_valid_continuity_for_2021_tables_only():
    last, now = valid_report("2021", 2023), valid_report("2021", 2024)
    [f] = fired(now, "X-YEAR-2", last)
    assert (f.expected, f.actual) == (33, 30)
    assert f.location.row == "art20_1.normative_documents"
    old = valid_report("2019", 2020)
    assert fired(valid_report("2021", 2021), "X-YEAR-2", old) == []


def test_it_warns_about_a_previous_report_of_the_wrong_year_or_agency_and_skips_the_comparison():
    last, now = valid_report("2021", 2022), valid_report("2021", 2024)
    last.agency = "某县教育局"
    found = fired(now, "X-YEAR-PREVIOUS", last)
    assert {(f.expected, f.actual) for f in found} == {
        (2023, 2022),
        ("某县交通运输局", "某县教育局"),
    }
    assert fired(now, "X-YEAR-1", last) == [] and fired(now, "X-YEAR-2", last) == []
