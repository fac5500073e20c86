"""The seed: a real report with genuine arithmetic errors, and no others."""

from gongkai.report import Severity, check, read


def test_it_finds_exactly_the_seeds_genuine_errors(seed_path):
    report = read(seed_path)
    errors = sorted(
        (f.rule, f.location.row, f.location.column, f.expected, f.actual)
        for f in check(report)
        if f.severity == Severity.ERROR
    )
    assert errors == [
        ("NARR-LITIGATION-SPLIT", "litigation_direct", None, 23, 22),  # 行政诉讼22件 = 11 + 12?
        ("T3-BALANCE", "results_total", "natural_person", 866, 863),  # 827 + 39 vs 774 + 89
        ("T3-BALANCE", "results_total", "total", 877, 874),  # 838 + 39 vs 785 + 89
    ]


def test_it_reads_the_seed_tables_the_rules_rely_on(seed_path):
    # The numbers the expected errors rest on are where the rules look.
    report = read(seed_path)
    assert report.t3["new_received"]["natural_person"] == 827
    assert report.t3["results_total"]["total"] == 785
    assert (
        report.t4["litigation_direct"]["total"] + report.t4["litigation_after_review"]["total"]
        == 23
    )
