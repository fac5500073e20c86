from hypothesis import given, settings

from gongkai.report import Report, Severity, check

from .strategies import reports


@settings(max_examples=50, deadline=None)
@given(reports(local_rows=True))
def test_it_generates_reports_that_round_trip_and_pass_every_error_rule(report):
    assert Report.from_dict(report.to_dict()) == report
    assert [f for f in check(report) if f.severity == Severity.ERROR] == []
