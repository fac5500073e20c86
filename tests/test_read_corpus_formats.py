"""Real published reports in HTML and PDF read with every hand-checked value (expected.json)."""

from __future__ import annotations

import pytest

from gongkai.report import Severity, check, read
from tests.corpus_expect import compare, load_expected

REAL = [("pt-zrz-2024", "page.html"), ("pt-scj-2023", "page.html"), ("huaian-2024", "report.pdf")]


@pytest.mark.parametrize(("report_id", "name"), REAL)
def test_it_reads_every_cell_of_a_real_report(corpus_dir, report_id, name):
    report = read(corpus_dir / report_id / name)
    data = load_expected(corpus_dir / report_id)
    result = compare(report, data)
    assert sum(t.expected for t in result.values()) > 150
    assert result["T2"].expected >= 7  # 表二 is compared too
    assert [m for t in result.values() for m in t.misses] == []
    assert (report.agency, report.year, report.template) == (
        data["agency"],
        data["year"],
        data["template_tables"],
    )
    assert [s.number for s in report.sections] == ["一", "二", "三", "四", "五", "六"]
    assert report.read_findings == []


@pytest.mark.parametrize(("report_id", "name"), REAL)
def test_it_finds_only_the_known_inconsistencies_of_a_real_report(corpus_dir, report_id, name):
    report = read(corpus_dir / report_id / name)
    known = load_expected(corpus_dir / report_id)["known_inconsistencies_in_the_published_report"]
    errors = [f for f in check(report) if f.severity == Severity.ERROR]
    assert len(errors) == len(known)


def test_it_keeps_the_site_chrome_out_of_the_narrative(corpus_dir):
    report = read(corpus_dir / "pt-zrz-2024" / "page.html")
    assert "2024年，无收取信息处理费情况。" in report.section("六").text
    for chrome in ("网站地图", "版权所有", "ICP", "无障碍"):
        assert chrome not in report.narrative
