"""The 专栏 check of the bulk audit: what a unit's 专栏 lacks, named (指南 elements, an overdue
目录 entry, missing annual reports), and nothing for a complete one."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.audits.zhuanlan import zhuanlan_findings
from gongkai.zfxxgk.gaps import due_report_years, zhuanlan_gaps
from gongkai.zfxxgk.models import LegacyReport

from .conftest import make_item
from .test_guide import office  # noqa: F401  (the fixture: an office whose 指南 is complete)

TODAY = dt.date(2026, 12, 7)
pytestmark = pytest.mark.django_db


def _reports(agency, years):
    for year in years:
        LegacyReport.objects.create(
            agency=agency, year=year, title=f"{year}年年报", file=f"zfxxgk/reports/{year}.pdf"
        )


def test_it_asks_for_the_reports_whose_deadline_has_passed(world):
    # A department publishes by 31 January, a government by 31 March (第四十九条).
    assert due_report_years(world.office_b, dt.date(2027, 1, 31)) == [2025, 2024, 2023]
    assert due_report_years(world.office_b, dt.date(2027, 2, 1)) == [2026, 2025, 2024]
    assert due_report_years(world.district, dt.date(2027, 2, 1)) == [2025, 2024, 2023]


def test_a_complete_zhuanlan_has_no_gap(office):  # noqa: F811
    _reports(office, [2025, 2024, 2023])
    assert zhuanlan_gaps(office, TODAY) == []


def test_it_names_each_gap(office):  # noqa: F811
    office.office_fax = ""
    office.save()
    _reports(office, [2025])
    make_item(office, "逾期未公开的文件", published_on=None, due_on=dt.date(2026, 11, 30))
    gaps = zhuanlan_gaps(office, TODAY)
    assert len(gaps) == 3
    assert gaps[0].startswith("指南缺少“传真”")
    assert gaps[1].startswith("目录未及时更新：1条信息")
    assert (
        gaps[2]
        == "专栏缺少2023年、2024年政府信息公开工作年度报告（《条例》第四十九条、第五十条）。"
    )


def test_the_audit_reports_the_gaps_of_a_unit_inside_the_system(office):  # noqa: F811
    findings = zhuanlan_findings(office)
    assert findings and {f.rule for f in findings} == {"ZHUANLAN-GAP"}
    assert any("年度报告" in f.message for f in findings)  # no report uploaded in this test
