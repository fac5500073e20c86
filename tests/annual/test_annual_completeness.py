"""A report computed from the records is complete: its tables and sections are all there, and the
file it is published as reads back complete and clean in the audit a supervising office runs."""

from __future__ import annotations

from gongkai.annualreports import compute
from gongkai.annualreports.models import Scope
from gongkai.applications.choices import State
from gongkai.report import Severity
from gongkai.report.audit import audit_bytes
from gongkai.report.completeness import completeness
from gongkai.report.writers import write

YEAR = 2025


def test_it_computes_a_complete_report_even_for_an_agency_with_no_record(world):
    report = compute.build_report(world.office_a, Scope.SELF, YEAR)
    result = completeness(report)
    assert result.complete and result.partial == ()


def test_it_publishes_files_the_audit_reads_complete_and_clean(world):
    for _ in range(2):
        world.application(State.ARCHIVED)
    report = compute.build_report(world.office_a, Scope.SELF, YEAR)
    for fmt in ("html", "docx"):
        audit = audit_bytes(write(report, fmt), f"report.{fmt}")
        assert audit.completeness.complete, fmt
        assert [f.rule for f in audit.findings if f.severity != Severity.INFO] == [], fmt
        assert audit.report.t3["new_received"]["total"] == report.t3["new_received"]["total"]
