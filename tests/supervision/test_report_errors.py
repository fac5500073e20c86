"""Report errors come from the latest finished audit of each unit's report (gongkai.audits); the
dashboard counts its findings by rule; a unit with no audit has 无数据."""

from __future__ import annotations

from django.urls import reverse

from gongkai.audits.models import AuditBatch, AuditedReport, AuditFinding
from gongkai.dashboards import queries
from gongkai.evaluations.measures import MEASURES


def _audit(world, agency, errors: list[str], warnings: list[str] = (), state="done"):
    batch = AuditBatch.objects.create(
        owner=world.district, title="审核", created_by=world.district_supervisor
    )
    report = AuditedReport.objects.create(
        batch=batch,
        agency=agency,
        original_name=f"{agency.code}.txt",
        year=2025,
        state=state,
        errors=len(errors),
        warnings=len(warnings),
    )
    for level, rules in (("error", errors), ("warning", warnings)):
        for rule in rules:
            AuditFinding.objects.create(
                report=report,
                batch=batch,
                agency=agency,
                year=2025,
                rule=rule,
                level=level,
                message=rule,
            )
    return report


def test_the_latest_audit_counts_and_a_unit_without_one_has_no_data(world):
    _audit(world, world.office_a, ["t3.sum", "t3.sum", "t4.sum"])
    latest = _audit(world, world.office_a, ["t3.sum"], ["narrative.copied"])
    _audit(world, world.office_b, ["t3.sum"], state="checking")  # not finished: not counted
    result = MEASURES["report_errors"].compute([world.office_a.pk, world.office_b.pk], 2025)
    assert (
        result[world.office_a.pk].value == 1
        and latest.original_name in result[world.office_a.pk].text
    )
    assert result[world.office_b.pk].value is None and result[world.office_b.pk].text.startswith(
        "无数据"
    )

    scope = queries.Scope(world.district.pk, frozenset(world.district.descendant_ids()), True, 2025)
    rows = {r[0].value: (r[1].value, r[2].value) for r in queries.errors_table(scope).rows}
    assert rows == {
        "t3.sum": (1, 0),
        "narrative.copied": (0, 1),
    }  # the older audit's findings are not counted


def test_each_finding_links_to_its_audit_page(client, world):
    report = _audit(world, world.office_a, ["t3.sum"])
    client.force_login(world.district_supervisor)
    link = reverse(
        "evaluations:records",
        kwargs={"key": "report_errors", "unit": world.office_a.pk, "year": 2025},
    )
    body = client.get(link).content.decode()
    assert reverse("audits:report", kwargs={"pk": report.pk}) in body
