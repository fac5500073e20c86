"""Never silently pass: a report gongkai could not read fully is an error, not 错误 0 and exit 0.

Each way a report can be unreadable goes through the real CLI (`gongkai check --json`): the exit
code is not 0 and the JSON says ``"complete": false`` with the parts not read.
"""

from __future__ import annotations

import json

import pytest

from gongkai.cli import main
from gongkai.report import Report, read, read_bytes
from gongkai.report.completeness import completeness
from gongkai.report.writers import write

from .conftest import SHARED
from .reportkit import valid_report
from .test_read_pdf import _scanned_pdf

COPIED = SHARED / "corpus-copied"


def _check(tmp_path, capsys, name: str, data: bytes) -> tuple[int, dict]:
    path = tmp_path / name
    path.write_bytes(data)
    code = main(["check", "--json", str(path)])
    return code, json.loads(capsys.readouterr().out)


def _parts(payload: dict) -> list[str]:
    return [g["part"] for g in payload["not_read"]]


def _markdown(report: Report) -> str:
    return write(report, "md").decode("utf-8")


def _only_t3() -> bytes:
    """The title, then 表三 as printed (its note and rows), and nothing else."""
    text = _markdown(valid_report())
    start = text.index("（本列数据的勾稽关系")
    end = text.index("## 四、")
    return ("# 某县交通运输局2024年政府信息公开工作年度报告\n\n" + text[start:end]).encode("utf-8")


def test_it_fails_a_report_whose_text_holds_no_table(tmp_path, capsys):
    report = valid_report()
    report.t2, report.t3, report.t4 = {}, {}, {}
    code, payload = _check(tmp_path, capsys, "notables.md", write(report, "md"))
    assert code == 1
    assert payload["complete"] is False and _parts(payload) == ["t2", "t3", "t4"]
    errors = [f for f in payload["findings"] if f["severity"] == "error"]
    assert {f["location"]["table"] for f in errors if f["rule"] == "READ-TABLE-NOT-FOUND"} == {
        "t2_active_disclosure",
        "t3_applications",
        "t4_review_litigation",
    }
    assert any("表三" in f["message"] and "无法核对" in f["message"] for f in errors)


def test_it_fails_a_file_holding_only_t3(tmp_path, capsys):
    code, payload = _check(tmp_path, capsys, "onlyt3.md", _only_t3())
    assert code == 1
    assert payload["complete"] is False and _parts(payload) == ["t2", "t4", "sections"]
    assert payload["report"]["tables"]["t3_applications"]["results_total"]["total"] == 13
    assert "READ-NO-SECTIONS" in {
        f["rule"] for f in payload["findings"] if f["severity"] == "error"
    }


def test_it_fails_an_image_only_pdf(tmp_path, capsys):
    code, payload = _check(tmp_path, capsys, "scan.pdf", _scanned_pdf())
    assert code == 1
    assert payload["complete"] is False and _parts(payload) == ["t2", "t3", "t4", "sections"]
    # The scan is said once, as such, not as four tables missing.
    assert [f["rule"] for f in payload["findings"] if f["severity"] == "error"] == [
        "READ-PDF-NEEDS-OCR"
    ]


def test_it_fails_a_page_that_holds_no_report(tmp_path, capsys):
    page = (
        "<html><head><title>某县交通运输局2024年政府信息公开工作年度报告</title></head><body>"
        "<div class='nav'>首页 | 政务公开 | 政府信息公开年报</div>"
        "<div id='content'><!-- 正文由脚本加载 --></div><div class='footer'>主办单位：某县人民政府</div>"
        "</body></html>"
    ).encode()
    code, payload = _check(tmp_path, capsys, "page.html", page)
    assert code == 2
    assert payload["complete"] is False and _parts(payload) == ["t2", "t3", "t4", "sections"]
    assert "没有找到政府信息公开工作年度报告" in payload["error"]
    assert payload["file"].endswith("page.html")


@pytest.mark.parametrize(
    ("fmt", "missing"), [("docx", "t4"), ("xlsx", "t3"), ("html", "t2"), ("pdf", "t4")]
)
def test_it_fails_a_file_of_each_format_with_a_table_missing(tmp_path, capsys, fmt, missing):
    report = valid_report()
    setattr(report, missing, {})
    code, payload = _check(tmp_path, capsys, f"report.{fmt}", write(report, fmt))
    assert code == 1
    assert payload["complete"] is False and _parts(payload) == [missing]


def test_it_fails_a_t3_cut_off_after_a_few_rows(tmp_path, capsys):
    report = valid_report()
    kept = (
        "new_received",
        "carried_over_from_last_year",
        "granted",
        "results_total",
        "carried_to_next_year",
    )
    report.t3 = {k: v for k, v in report.t3.items() if k in kept}
    code, payload = _check(tmp_path, capsys, "cut.md", write(report, "md"))
    assert code == 1
    [gap] = payload["not_read"]
    assert gap["part"] == "t3" and "只找到 5 行" in gap["reason"]


def test_it_reads_a_report_missing_one_row_as_complete_but_partial(tmp_path, capsys):
    report = valid_report()
    del report.t3["denied.state_secret"]
    code, payload = _check(tmp_path, capsys, "onerow.md", write(report, "md"))
    assert code == 0 and payload["complete"] is True
    [gap] = payload["partial"]
    assert gap["part"] == "t3" and gap["places"] == ["denied.state_secret"]


def test_it_passes_a_complete_report_of_every_format(tmp_path, capsys):
    for fmt in ("md", "txt", "html", "docx", "pdf"):
        code, payload = _check(tmp_path, capsys, f"ok.{fmt}", write(valid_report(), fmt))
        assert (code, payload["complete"], payload["not_read"], payload["partial"]) == (
            0,
            True,
            [],
            [],
        ), fmt


def test_it_says_that_a_workbook_carries_no_narrative_without_failing_it(tmp_path, capsys):
    code, payload = _check(tmp_path, capsys, "ok.xlsx", write(valid_report(), "xlsx"))
    assert code == 0 and payload["complete"] is True
    assert [g["part"] for g in payload["partial"]] == ["sections"]


def test_it_prints_why_a_report_is_incomplete_instead_of_a_clean_summary(tmp_path, capsys):
    path = tmp_path / "onlyt3.md"
    path.write_bytes(_only_t3())
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "报告未能完整读取" in out and "错误 0" not in out


def test_it_lists_a_broken_file_in_the_json_beside_the_good_ones(tmp_path, capsys):
    good = tmp_path / "good.md"
    good.write_bytes(write(valid_report(), "md"))
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04broken")
    assert main(["check", "--json", str(good), str(bad)]) == 2
    payload = json.loads(capsys.readouterr().out)
    assert [(p["file"].rsplit("/", 1)[1], p["complete"]) for p in payload] == [
        ("good.md", True),
        ("bad.docx", False),
    ]
    assert "损坏" in payload[1]["error"]


def test_it_calls_an_empty_report_incomplete_and_a_full_one_complete():
    assert [g.part for g in completeness(Report()).not_read] == ["t2", "t3", "t4", "sections"]
    assert (
        completeness(valid_report()).complete and completeness(valid_report("2019")).partial == ()
    )


def test_it_reads_every_corpus_report_complete(corpus_dir):
    files = sorted(p for p in corpus_dir.glob("*/*") if p.name != "expected.json")
    assert files
    incomplete = {
        str(p.relative_to(corpus_dir)): completeness(read(p)).to_dict()["not_read"] for p in files
    }
    assert {k: v for k, v in incomplete.items() if v} == {}


@pytest.mark.skipif(not COPIED.is_dir(), reason="corpus-copied not found")
@pytest.mark.parametrize(
    "name", sorted(p.name for p in COPIED.iterdir() if p.is_dir()) if COPIED.is_dir() else []
)
def test_it_never_passes_a_copied_report_it_did_not_read(capsys, name):
    """Whatever the reader makes of the five copies (one table cell per line; all five are read
    whole, tests/test_cellline_reader.py), a report without its tables is never clean."""
    path = COPIED / name / "report.txt"
    code = main(["check", "--json", str(path)])
    payload = json.loads(capsys.readouterr().out)
    tables = payload["report"]["tables"]
    read_all = all(
        tables[k] for k in ("t2_active_disclosure", "t3_applications", "t4_review_litigation")
    )
    assert payload["complete"] is read_all
    if not read_all:
        assert code == 1


def test_it_notes_a_part_not_read_once_however_often_it_is_asked():
    from gongkai.report.completeness import note_unread

    report = read_bytes(_only_t3(), "onlyt3.md")
    before = list(report.read_findings)
    note_unread(report)
    assert report.read_findings == before
