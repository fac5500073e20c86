"""Real published reports (read in place): the hand-checked tables of each `expected.json`, with
the report's own text as narrative, give exactly the known errors and no other error."""

import json

import pytest

from gongkai.report import Report, Severity, check

from .conftest import CORPUS

# How corpus expected.json names each relation; a failure is "<column, row or group>: …".
_RELATIONS = {
    "新收+上年结转 = 办理结果总计+结转下年度": "T3-BALANCE",
    "办理结果各项之和 = （七）总计": "T3-OUTCOME-SUM",
    "各行 总计 = 六类申请人之和": "T3-APPLICANT-SUM",
    "R4_t4_group_total_eq_parts": "T4-TOTAL",
}
_BY_COLUMN = {"T3-BALANCE", "T3-OUTCOME-SUM"}
# The narrative contradictions corpus/README.md points out.
_NARRATIVE = {
    "pt-zhz-2024": {("NARR-RECEIVED", "new_received"), ("NARR-RESULTS", "results_total")},
    "pt-jjf-2023": {("NARR-RECEIVED", "new_received")},
}


def _cases():
    if not CORPUS.is_dir():
        return []
    return sorted(p.name for p in CORPUS.iterdir() if (p / "expected.json").is_file())


@pytest.mark.parametrize("name", _cases())
def test_it_reports_exactly_the_known_errors_of_a_real_report(name):
    folder = CORPUS / name
    exp = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    text = folder / "report.txt"
    report = Report(
        agency=exp["agency"],
        year=exp["year"],
        template=exp["template_tables"],
        title=f"{exp['agency']}{exp['year']}年政府信息公开工作年度报告",
        preamble=text.read_text(encoding="utf-8") if text.is_file() else "",
        t3=exp["tables"]["t3_applications"],
        t4=exp["tables"]["t4_review_litigation"],
    )
    expected = set(_NARRATIVE.get(name, ()))
    for known in exp["known_inconsistencies_in_the_published_report"]:
        rule = _RELATIONS[known["relation"]]
        expected |= {(rule, failure.split(":")[0]) for failure in known["failures"]}
    found = set()
    for f in check(report):
        if f.severity == Severity.ERROR:
            found.add((f.rule, f.location.column if f.rule in _BY_COLUMN else f.location.row))
    assert found == expected
