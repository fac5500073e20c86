"""`gongkai audit` and gongkai.report.audit: reports in bulk, from files, folders and ZIP archives."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from gongkai.cli import main
from gongkai.report import Report, Severity
from gongkai.report.audit import audit_bytes, publication_findings, published_in_file, run_audit
from gongkai.report.audit.publication import Publication, dated
from gongkai.report.findings import Location
from gongkai.report.rules import Rule
from gongkai.report.writers import write

from .conftest import CORPUS
from .reportkit import valid_report
from .test_read_pdf import _scanned_pdf


def _audit_json(capsys, *argv: str) -> tuple[int, list[dict], str]:
    code = main(["audit", "--json", *argv])
    captured = capsys.readouterr()
    return code, json.loads(captured.out), captured.err


def _by_name(results: list[dict]) -> dict[str, dict]:
    return {Path(r["file"]).name: r for r in results}


def _rules(result: dict, severity: str | None = None) -> list[str]:
    return sorted(
        f["rule"] for f in result["findings"] if severity is None or f["severity"] == severity
    )


# -- cross-year ---------------------------------------------------------------------------------


def _chain() -> dict[int, Report]:
    """2022 → 2023 consistent; 2024 carries over 3 where 2023 carried 2 to the next year, and
    prints 30 现行有效 where 2023's 33 + 4 − 1 gives 36."""
    r2022, r2023, r2024 = (valid_report("2021", y) for y in (2022, 2023, 2024))
    r2023.t3["carried_over_from_last_year"] = dict(r2022.t3["carried_to_next_year"])
    r2023.t3["new_received"].update(natural_person=11, total=13)
    r2023.t2["art20_1"]["normative_documents"]["currently_valid"] = 33
    r2023.section("三").text = ""
    return {2022: r2022, 2023: r2023, 2024: r2024}


def test_it_chains_each_report_to_the_same_agencys_report_of_the_year_before(tmp_path, capsys):
    for year, report in _chain().items():
        (tmp_path / f"{year}.md").write_bytes(write(report, "md"))
    code, results, _ = _audit_json(capsys, str(tmp_path))
    by = _by_name(results)
    assert (
        by["2022.md"]["previous"] is None
        and _rules(by["2022.md"], "info").count("X-YEAR-NO-PREVIOUS") == 1
    )
    assert by["2023.md"]["previous"].endswith("2022.md")
    assert not [r for r in _rules(by["2023.md"]) if r.startswith("X-YEAR")]
    assert by["2024.md"]["previous"].endswith("2023.md")
    x1 = [f for f in by["2024.md"]["findings"] if f["rule"] == "X-YEAR-1"]
    assert {(f["location"]["column"], f["expected"], f["actual"]) for f in x1} == {
        ("natural_person", 2, 3),
        ("total", 2, 3),
    }
    [x2] = [f for f in by["2024.md"]["findings"] if f["rule"] == "X-YEAR-2"]
    assert (x2["expected"], x2["actual"]) == (36, 30)
    assert code == 0  # cross-year findings are warnings (grade C)


def test_it_takes_last_years_report_from_previous_without_ranking_it(tmp_path, capsys):
    chain = _chain()
    (tmp_path / "now.md").write_bytes(write(chain[2024], "md"))
    (tmp_path / "last.md").write_bytes(write(chain[2023], "md"))
    code, results, _ = _audit_json(
        capsys, str(tmp_path / "now.md"), "--previous", str(tmp_path / "last.md")
    )
    [now] = results
    assert now["previous"].endswith("last.md") and "X-YEAR-1" in _rules(now)


# -- published late -------------------------------------------------------------------------------


def _report(agency: str | None, year: int | None = 2024) -> Report:
    return Report(agency=agency, year=year)


@pytest.mark.parametrize(
    ("agency", "published", "late_by"),
    [
        ("某县交通运输局", date(2025, 1, 31), None),  # a unit: on the last day
        ("某县交通运输局", date(2025, 2, 1), 1),
        ("某县人民政府", date(2025, 3, 31), None),  # the government: by 31 March
        ("某县人民政府办公室", date(2025, 2, 20), None),
        ("某县人民政府", date(2025, 4, 2), 2),
    ],
)
def test_it_applies_the_deadline_of_article_49_by_kind_of_agency(agency, published, late_by):
    found = publication_findings(_report(agency), Publication(published, "审核时提供的发布日期"))
    if late_by is None:
        assert found == []
    else:
        [late] = found
        assert (late.rule, late.severity) == ("PUB-LATE", Severity.ERROR)
        assert f"逾期 {late_by} 天" in late.message and "第四十九条" in late.message


@pytest.mark.parametrize(
    ("report", "publication", "said"),
    [
        (_report("某县交通运输局"), None, "没有发布日期"),
        (_report("某县交通运输局", None), Publication(date(2025, 3, 1), "x"), "年度未能识别"),
        (_report("某镇人民政府"), Publication(date(2025, 6, 1), "x"), "未规定"),
        (_report(None), Publication(date(2025, 2, 15), "x"), "未能识别发布机关"),
        (
            _report("某县交通运输局"),
            Publication(date(2025, 1, 20), "报告落款日期", lower_bound=True),
            "落款日期",
        ),
    ],
)
def test_it_says_when_timeliness_could_not_be_checked_and_never_guesses(report, publication, said):
    [finding] = publication_findings(report, publication)
    assert (finding.rule, finding.severity) == ("PUB-NOT-CHECKED", Severity.INFO)
    assert said in finding.message


def test_it_calls_a_report_dated_after_the_deadline_late_without_a_publication_date():
    report = _report("某县交通运输局")
    report.sections = [valid_report().sections[-1]]
    report.sections[0].text += "\n某县交通运输局\n2025年2月10日"
    proof = dated(report)
    assert proof == Publication(date(2025, 2, 10), "报告落款日期", lower_bound=True)
    [late] = publication_findings(report, proof)
    assert late.rule == "PUB-LATE" and "公布不会早于该日" in late.message


def test_it_finds_the_publication_date_a_crawled_text_or_a_web_page_carries():
    text = "标题: 某局2024年政府信息公开工作年度报告\n发布时间: 2025-02-03 09:15\n正文\n".encode()
    assert published_in_file(text, "text").date == date(2025, 2, 3)
    meta = '<html><head><meta name="PubDate" content="2025-01-20 10:00"/></head><body>…</body></html>'.encode()
    assert published_in_file(meta, "html") == Publication(date(2025, 1, 20), "网页元数据 PubDate")
    printed = "<div class='info'><span>发布日期：</span><span>2025年04月02日</span></div>".encode()
    assert published_in_file(printed, "html").date == date(2025, 4, 2)
    assert (
        published_in_file(b"\x00" * 10, "pdf") is None
    )  # a file's own dates are not publication dates


def test_it_reports_a_crawled_report_published_late(tmp_path, capsys):
    body = write(valid_report(), "txt").decode("utf-8")
    (tmp_path / "late.txt").write_text(
        "标题: 某县交通运输局2024年政府信息公开工作年度报告\n发布时间: 2025-02-03 09:15\n正文\n"
        + body,
        encoding="utf-8",
    )
    (tmp_path / "ontime.txt").write_text("发布时间: 2025-01-30\n正文\n" + body, encoding="utf-8")
    code, results, _ = _audit_json(capsys, str(tmp_path))
    by = _by_name(results)
    assert code == 1
    assert (
        _rules(by["late.txt"], "error") == ["PUB-LATE"]
        and by["late.txt"]["published"]["date"] == "2025-02-03"
    )
    assert _rules(by["ontime.txt"], "error") == [] and by["ontime.txt"]["deadline"] == "2025-01-31"


def test_it_takes_publication_dates_given_in_a_csv(tmp_path, capsys):
    (tmp_path / "unit.md").write_bytes(write(valid_report(), "md"))
    dates = tmp_path / "dates.csv"
    dates.write_text("文件,发布日期\nunit.md,2025-03-01\n", encoding="utf-8")
    code, [result], _ = _audit_json(capsys, str(tmp_path / "unit.md"), "--dates", str(dates))
    assert code == 1 and _rules(result, "error") == ["PUB-LATE"]
    assert result["published"]["source"] == "审核时提供的发布日期"
    dates.write_text("unit.md,2025-02-30\n", encoding="utf-8")
    assert main(["audit", str(tmp_path / "unit.md"), "--dates", str(dates)]) == 2
    assert "第1行的日期不存在" in capsys.readouterr().err


# -- copied narrative (real consecutive reports of one agency) ----------------------------------


def _corpus(*names: str) -> list[str]:
    if not CORPUS.is_dir():
        pytest.skip(f"real-report corpus not found at {CORPUS}")
    return [str(CORPUS / name / "report.txt") for name in names]


def test_it_finds_narrative_copied_from_last_year_in_a_real_pair(capsys):
    """平潭 市场监督管理局 2024 repeats 2023's sections 一 (85 %) and 五 (95 %) nearly word for word."""
    _, results, _ = _audit_json(capsys, *_corpus("pt-scj-2023", "pt-scj-2024"))
    now = next(r for r in results if r["year"] == 2024)
    copied = [f for f in now["findings"] if f["rule"] == "X-YEAR-COPIED"]
    assert [(f["location"]["section"], f["severity"]) for f in copied] == [
        ("一", "warning"),
        ("五", "warning"),
    ]
    assert [f["actual"] for f in copied] == [
        pytest.approx(0.848, abs=0.01),
        pytest.approx(0.955, abs=0.01),
    ]
    last = next(r for r in results if r["year"] == 2023)
    assert "X-YEAR-COPIED" not in _rules(last)


def test_it_does_not_call_a_rewritten_narrative_copied(capsys):
    """平潭 公安局 2022 keeps some stock phrases of 2021 (48 % of section 一) but is rewritten."""
    _, results, _ = _audit_json(capsys, *_corpus("pt-gaj-2021", "pt-gaj-2022"))
    now = next(r for r in results if r["year"] == 2022)
    assert now["previous"].endswith("pt-gaj-2021/report.txt")
    assert "X-YEAR-COPIED" not in _rules(now)


# -- inputs: folders, ZIP archives, broken files ------------------------------------------------


class _GbkName(zipfile.ZipInfo):
    """A member named the way Chinese Windows zips name it: GBK bytes, no UTF-8 flag."""

    def _encodeFilenameFlags(self):  # noqa: N802 (zipfile's own name)
        return self.filename.encode("cp437"), self.flag_bits


def _zip(members: dict[str, bytes], gbk: set[str] = frozenset()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            if name in gbk:
                info = _GbkName(name.encode("gb18030").decode("cp437"))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data)
            else:
                archive.writestr(name, data)
    return out.getvalue()


def test_it_audits_every_report_in_a_zip_archive(tmp_path, capsys):
    good = valid_report()
    members = {
        "units/交通局.md": write(good, "md"),
        "units/教育局.docx": write(valid_report("2021", 2024), "docx"),
        "units/说明.png": b"\x89PNG\r\n\x1a\n",
        "__MACOSX/units/._交通局.md": b"junk",
        "税务局.html": write(good, "html"),
        "units/卫生局.json": good.to_json().encode(),  # gongkai's canonical JSON: a report
        "units/统计数据.json": b'{"rows": [1, 2, 3]}',  # other JSON: passed over
    }
    archive = tmp_path / "reports.zip"
    archive.write_bytes(_zip(members, gbk={"units/交通局.md"}))
    code, results, err = _audit_json(capsys, str(archive))
    assert sorted(r["file"] for r in results) == sorted(
        f"{archive}/{n}"
        for n in ("units/交通局.md", "units/教育局.docx", "税务局.html", "units/卫生局.json")
    )
    assert all(r["complete"] and r["errors"] == 0 for r in results), results
    assert {r["format"] for r in results} == {"text", "docx", "html", "json"}
    assert code == 0 and err == ""


def test_it_audits_a_folder_and_names_a_broken_file_in_one_line(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "good.md").write_bytes(write(valid_report(), "md"))
    (tmp_path / "a" / "broken.docx").write_bytes(write(valid_report(), "docx")[:1500])
    (tmp_path / "scan.pdf").write_bytes(_scanned_pdf())
    (tmp_path / ".hidden.md").write_bytes(b"x")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    code, results, err = _audit_json(capsys, str(tmp_path))
    by = _by_name(results)
    assert sorted(by) == ["broken.docx", "good.md", "scan.pdf"]
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        f"gongkai: {tmp_path / 'a' / 'broken.docx'}: 文件已损坏"
    )
    assert (
        _rules(by["broken.docx"], "error") == ["AUDIT-UNREADABLE"]
        and by["broken.docx"]["complete"] is False
    )
    assert (
        _rules(by["scan.pdf"], "error") == ["READ-PDF-NEEDS-OCR"]
        and by["scan.pdf"]["complete"] is False
    )
    assert by["good.md"]["errors"] == 0 and by["good.md"]["complete"] is True
    assert [Path(r["file"]).name for r in results][-1] == "good.md"  # the ranking: worst first


def test_it_still_audits_the_other_paths_when_one_cannot_be_opened(tmp_path, capsys):
    (tmp_path / "good.md").write_bytes(write(valid_report(), "md"))
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 not really an archive")
    code, results, err = _audit_json(
        capsys, str(tmp_path / "good.md"), str(tmp_path / "missing"), str(tmp_path / "bad.zip")
    )
    assert code == 2
    assert [Path(r["file"]).name for r in results] == ["good.md"]
    assert (
        f"gongkai: {tmp_path / 'missing'}: 路径不存在" in err
        and "bad.zip: 不是完整的 ZIP 压缩包" in err
    )


def test_it_prints_one_line_per_report_worst_first(tmp_path, capsys):
    bad = valid_report()
    bad.t3["granted"]["natural_person"] = 9  # 表三 no longer adds up
    (tmp_path / "bad.md").write_bytes(write(bad, "md"))
    (tmp_path / "good.md").write_bytes(write(valid_report(), "md"))
    assert main(["audit", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert (
        lines[0].startswith("   1. 错误  2")
        and lines[0].endswith("[T3-OUTCOME-SUM、T3-APPLICANT-SUM]")
        and "bad.md" in lines[0]
    )
    assert lines[1].startswith("   2. 错误  0") and "good.md" in lines[1]
    assert lines[2].startswith("共审核 2 份报告：有错误 1 份")


# -- the API: one file at a time, with the caller's checks ----------------------------------------


def test_it_audits_one_file_alone_and_runs_the_callers_checks():
    column = Rule("COLUMN-TEST", Severity.WARNING, "专栏检查（测试）", "测试", "B")
    seen = []

    def column_check(report):
        seen.append(report.agency)
        yield column.finding("指南缺少第十二条规定的要素。", Location())

    result = audit_bytes(
        write(valid_report(), "md"), "unit.md", published=date(2025, 1, 10), checks=[column_check]
    )
    assert seen == ["某县交通运输局"]
    assert [f.rule for f in result.findings] == ["COLUMN-TEST"]
    data = result.to_dict()
    assert {k: data[k] for k in ("file", "agency", "year", "complete", "errors", "warnings")} == {
        "file": "unit.md", "agency": "某县交通运输局", "year": 2024, "complete": True, "errors": 0, "warnings": 1,
    }  # fmt: skip


def test_it_gives_the_same_results_on_two_processes_as_on_one(tmp_path):
    for year, report in _chain().items():
        (tmp_path / f"{year}.md").write_bytes(write(report, "md"))
        (tmp_path / f"{year}.html").write_bytes(write(report, "html"))
    with run_audit([str(tmp_path)], jobs=1) as one, run_audit([str(tmp_path)], jobs=2) as two:
        assert list(one.ranked()) == list(two.ranked())


# -- the corpus: every known inconsistency, and no other error ------------------------------------

# How expected.json names a relation, and the rules that report a failure of it at error level
# (a run-together group no split can make add up is READ-NO-CONSISTENT-SPLIT, at the group).
_RELATIONS = {
    "新收+上年结转 = 办理结果总计+结转下年度": ({"T3-BALANCE"}, "column"),
    "办理结果各项之和 = （七）总计": ({"T3-OUTCOME-SUM"}, "column"),
    "各行 总计 = 六类申请人之和": ({"T3-APPLICANT-SUM"}, "row"),
    "R4_t4_group_total_eq_parts": ({"T4-TOTAL", "READ-NO-CONSISTENT-SPLIT"}, "row"),
}
# The narrative contradictions corpus/README.md points out (row of 表三 they are about).
_NARRATIVE = {
    "pt-zhz-2024": {("NARR-RECEIVED", "new_received"), ("NARR-RESULTS", "results_total")},
    "pt-jjf-2023": {("NARR-RECEIVED", "new_received")},
}


def _known(folder: Path) -> set[tuple[str, str]]:
    """(relation, column or row) of each known inconsistency, narrative ones included."""
    exp = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    known = {(rule, row) for rule, row in _NARRATIVE.get(folder.name, ())}
    for item in exp["known_inconsistencies_in_the_published_report"]:
        known |= {(item["relation"], failure.split(":")[0]) for failure in item["failures"]}
    return known


def _explains(known: tuple[str, str], finding: dict) -> bool:
    relation, place = known
    if relation in _RELATIONS:
        rules, by = _RELATIONS[relation]
        return finding["rule"] in rules and finding["location"].get(by) == place
    return finding["rule"] == relation and finding["location"].get("row") == place


def test_it_finds_every_known_inconsistency_of_the_corpus_and_no_other_error(capsys, tmp_path):
    if not CORPUS.is_dir():
        pytest.skip(f"real-report corpus not found at {CORPUS}")
    out = tmp_path / "audit.xlsx"
    code, results, _ = _audit_json(capsys, str(CORPUS), "--xlsx", str(out))
    reports = [r for r in results if not r["not_a_report"]]
    assert len(reports) == sum(1 for p in CORPUS.glob("*/*") if p.name != "expected.json")
    assert [Path(r["file"]).name for r in results if r["not_a_report"]] == ["README.md"]
    missed, false = [], []
    for r in reports:
        folder = Path(r["file"]).parent
        known = _known(folder)
        errors = [f for f in r["findings"] if f["severity"] == "error"]
        missed += [(folder.name, k) for k in known if not any(_explains(k, f) for f in errors)]
        false += [
            (r["file"], f["rule"], f["message"])
            for f in errors
            if not any(_explains(k, f) for k in known)
        ]
        assert r["complete"], r["file"]
    assert missed == [] and false == []
    assert code == 1
    book = openpyxl.load_workbook(out, read_only=True)
    rows = list(book["审核结果"].iter_rows(values_only=True))
    assert rows[0][:4] == ("排名", "文件", "机关", "年度")
    assert sorted(row[1] for row in rows[1:]) == sorted(r["file"] for r in reports)
    assert [row[0] for row in rows[1:]] == list(range(1, len(reports) + 1))
    assert [row[0] for row in book["未审核的文件"].iter_rows(min_row=2, values_only=True)] == [
        str(CORPUS / "README.md")
    ]
    findings = sum(len(r["findings"]) for r in reports)
    assert sum(1 for _ in book["问题明细"].iter_rows(min_row=2)) == findings
