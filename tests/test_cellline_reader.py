"""Reports copied one table cell per line (a crawler's page text, a copied web table).

The real ones are ../shared/corpus-copied (read in place); more are made from the corpus's
page.html files and from the writers, with the variants real copies show (tests/cellline_kit.py).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.cli import main
from gongkai.report import read, read_bytes
from gongkai.report.model import T2, T3, T4
from gongkai.report.writers import write
from gongkai.report.writers.text import write_text

from .cellline_kit import copied_text, html_cell_lines, with_blank_totals
from .conftest import CORPUS, CORPUS_COPIED
from .corpus_expect import compare, compare_reports, load_expected
from .reportkit import valid_report
from .strategies import reports

COPIED = (
    sorted(p.name for p in CORPUS_COPIED.iterdir() if p.is_dir()) if CORPUS_COPIED.is_dir() else []
)
PAGES = sorted(p.parent.name for p in CORPUS.glob("*/page.html")) if CORPUS.is_dir() else []
_SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_GAPS = {"READ-AMBIGUOUS-CELLS", "READ-UNREADABLE-CELL", "READ-NO-CONSISTENT-SPLIT"}


def _check_json(path: Path, capsys) -> tuple[int, dict]:
    code = main(["check", "--json", str(path)])
    return code, json.loads(capsys.readouterr().out)


# -- the real copies ------------------------------------------------------------------------


@pytest.mark.parametrize("name", COPIED)
def test_it_reads_every_cell_of_a_real_copied_report_exactly(copied_dir, name):
    report = read(copied_dir / name / "report.txt")
    expected = load_expected(copied_dir / name)
    assert report.reader == "text"
    assert (report.year, report.template, report.agency) == (
        expected["year"],
        expected["template_tables"],
        expected["agency"],
    )
    assert [s.number for s in report.sections] == list("一二三四五六")
    for table, tally in compare(report, expected).items():
        assert tally.expected and tally.correct == tally.expected, (table, tally.misses)


@pytest.mark.parametrize("name", COPIED)
def test_it_checks_a_real_copied_report_complete_with_no_error(copied_dir, name, capsys):
    """corpus-copied/README.md: no consistency check fails in any of the five."""
    code, payload = _check_json(copied_dir / name / "report.txt", capsys)
    assert code == 0 and payload["complete"] is True, payload["not_read"]
    assert [f["rule"] for f in payload["findings"] if f["severity"] == "error"] == []


@pytest.mark.parametrize("name", PAGES)
def test_it_reads_a_corpus_page_copied_one_cell_per_line(corpus_dir, name):
    """Each page.html of the corpus as a crawler's text (every <td> and span on its own line):
    no cell wrong; a cell not read is blank with a finding (pt-scj-2023 prints two 表三 rows
    without cells, as in its text export)."""
    text = html_cell_lines((corpus_dir / name / "page.html").read_text(encoding="utf-8"))
    report = read_bytes(text.encode("utf-8"), f"{name}/page.txt")
    expected = load_expected(corpus_dir / name)
    # the site's menus above the title are page furniture: the title names the agency
    assert (report.agency, report.year) == (expected["agency"], expected["year"])
    for table, tally in compare(report, expected).items():
        assert tally.wrong == 0 and tally.correct + tally.blank_with_finding == tally.expected, (
            table,
            tally.misses,
        )
        if table != "T3":
            assert tally.correct == tally.expected, (table, tally.misses)


# -- made by the writers --------------------------------------------------------------------


@pytest.mark.parametrize("template", ["2021", "2019"])
def test_it_reads_back_the_html_writers_page_copied_one_cell_per_line(template):
    report = valid_report(template)
    text = html_cell_lines(write(report, "html").decode("utf-8"))
    back = read_bytes(text.encode("utf-8"), "<html copied>")
    assert back.to_dict() == report.to_dict()
    assert back.read_findings == []


_VARIANTS = st.fixed_dictionaries(
    {
        "broken_cells": st.booleans(),
        "one_char_per_line": st.booleans(),
        "broken_headings": st.booleans(),
        "broken_text": st.booleans(),
        "crlf": st.booleans(),
        "crawler": st.booleans(),
    }
)


@_SETTINGS
@given(
    report=reports(blanks=False),
    seed=st.integers(0, 2**32),
    variants=_VARIANTS,
    blank_totals=st.booleans(),
)
def test_it_reads_back_generated_reports_copied_one_cell_per_line(
    report, seed, variants, blank_totals
):
    """Labels, header cells, headings and narrative broken anywhere over lines (or one character
    per line), CRLF, a crawler's header, a 总计 column printed blank: read back identical."""
    if blank_totals:
        report = with_blank_totals(report)
    text = copied_text(report, random.Random(seed), **variants)
    back = read_bytes(text.encode("utf-8"), "<copied>")
    assert back.to_dict() == report.to_dict(), text
    assert [f.rule for f in back.read_findings if f.rule in _GAPS] == []


@_SETTINGS
@given(report=reports(blanks=False), seed=st.integers(0, 2**32))
def test_it_joins_a_number_broken_over_two_lines_or_says_it_cannot(report, seed):
    """A number of 表三 or 表四 broken in two (``1``/``62``): the arithmetic of the table joins it
    back; where two readings remain, the cells in doubt are blank with a finding, never a guess."""
    text = copied_text(report, random.Random(seed), broken_number=True)
    back = read_bytes(text.encode("utf-8"), "<copied>")
    flagged = {(f.location.table, f.location.row) for f in back.read_findings if f.rule in _GAPS}
    d, o = back.to_dict(), report.to_dict()
    assert {k: d[k] for k in ("title", "year", "template", "sections")} == {
        k: o[k] for k in ("title", "year", "template", "sections")
    }
    assert d["tables"][T2] == o["tables"][T2]
    for table in (T3, T4):
        for row, cells in o["tables"][table].items():
            for col, value in cells.items():
                got = d["tables"][table].get(row, {}).get(col)
                assert got == value or (got is None and (table, row) in flagged), (
                    table,
                    row,
                    col,
                    text,
                )


def _with_granted(template: str, natural: int):
    """valid_report with 予以公开 by 自然人 set to `natural`, the totals made to add up again."""
    report = valid_report(template)
    t3 = report.t3
    t3["granted"]["natural_person"] = natural
    for row in t3.values():
        row["total"] = sum(v for k, v in row.items() if k != "total")
    leaves = [
        k
        for k in t3
        if k
        not in (
            "new_received",
            "carried_over_from_last_year",
            "results_total",
            "carried_to_next_year",
        )
    ]
    for col in t3["results_total"]:
        t3["results_total"][col] = sum(t3[k][col] for k in leaves)
        t3["new_received"][col] = (
            t3["results_total"][col]
            + t3["carried_to_next_year"][col]
            - t3["carried_over_from_last_year"][col]
        )
    return report


def _break(text: str, after: str, number: str, cut: int) -> str:
    """`text` with the first line `number` after the line `after` broken in two at `cut`."""
    lines = text.split("\n")
    i = lines.index(number, lines.index(after))
    lines[i : i + 1] = [number[:cut], number[cut:]]
    return "\n".join(lines)


def test_it_reads_162_printed_as_1_and_62_by_the_sum_of_its_row():
    report = _with_granted("2021", 162)
    text = _break(write_text(report, "cellline"), "（一）予以公开", "162", 1)
    assert "\n1\n62\n" in text
    back = read_bytes(text.encode("utf-8"), "<copied>")
    assert back.t3["granted"] == report.t3["granted"] and back.t3 == report.t3
    assert [f.rule for f in back.read_findings] == []


def test_it_leaves_a_broken_number_with_two_readings_blank_with_a_finding():
    """表四 行政复议 1 / 12 / 0 / 0 / 13 with 12 printed 1/2: 1 1 2 0 0 13 reads 11 2 … and 1 12 …,
    both adding up to 13; 表四 has no other relation to decide by."""
    report = valid_report()
    report.t4["review"] = {"upheld": 1, "corrected": 12, "other": 0, "pending": 0, "total": 13}
    text = _break(write_text(report, "cellline"), "复议后起诉", "12", 1)
    back = read_bytes(text.encode("utf-8"), "<copied>")
    assert back.t4["review"] == {
        "upheld": None,
        "corrected": None,
        "other": 0,
        "pending": 0,
        "total": 13,
    }
    assert back.t4["litigation_direct"] == report.t4["litigation_direct"]
    ambiguous = [f for f in back.read_findings if f.rule == "READ-AMBIGUOUS-CELLS"]
    assert [f.location.row for f in ambiguous] == ["review"]


def test_it_reads_units_and_signs_printed_on_lines_of_their_own():
    """putian-sjj-2019 prints 增7, 11批, 129323元 inside cells, copied as 增/7, 11/批, 129323/元."""
    report = valid_report("2019")
    report.t2["art20_5"]["other_external_services"] = {
        "items_last_year": 20,
        "items_change": 7,
        "decisions": 1,
    }
    report.t2["art20_9"]["government_centralized_procurement"] = {
        "procurement_items": 11,
        "procurement_amount": 129323,
    }
    text = (
        write_text(report, "cellline")
        .replace("\n20\n7\n1\n", "\n20\n增\n7\n1\n")
        .replace("\n11\n129323\n", "\n11\n批\n129323\n元\n")
    )
    assert "\n增\n" in text and "\n元\n" in text
    back = read_bytes(text.encode("utf-8"), "<copied>")
    assert back.t2 == report.t2


# -- never silently pass --------------------------------------------------------------------


def _lines_without_t3_numbers(text: str) -> str:
    lines = text.split("\n")
    start, end = lines.index("申请人情况"), lines.index("四、政府信息公开行政复议、行政诉讼情况")
    return "\n".join(ln for i, ln in enumerate(lines) if not (start < i < end and ln.isdigit()))


def test_it_fails_a_copied_report_whose_t3_cannot_be_read(tmp_path, capsys):
    path = tmp_path / "copied.txt"
    path.write_text(
        _lines_without_t3_numbers(write_text(valid_report(), "cellline")), encoding="utf-8"
    )
    code, payload = _check_json(path, capsys)
    assert code == 1
    assert payload["complete"] is False and [g["part"] for g in payload["not_read"]] == ["t3"]
    assert any(
        f["rule"] == "READ-TABLE-NOT-FOUND" and f["severity"] == "error" and "表三" in f["message"]
        for f in payload["findings"]
    )


def test_it_fails_a_copied_report_cut_off_inside_t3(tmp_path, capsys):
    lines = write_text(valid_report(), "cellline").split("\n")
    cut = lines.index("（三）不予公开")
    path = tmp_path / "cut.txt"
    path.write_text(
        "\n".join(
            lines[:cut] + ["五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "无。"]
        ),
        encoding="utf-8",
    )
    code, payload = _check_json(path, capsys)
    assert code == 1
    assert payload["complete"] is False and {g["part"] for g in payload["not_read"]} >= {"t3", "t4"}


def test_it_fails_a_copied_page_whose_tables_hold_no_number(tmp_path, capsys):
    text = write_text(valid_report(), "cellline")
    path = tmp_path / "nonumbers.txt"
    path.write_text("\n".join(ln for ln in text.split("\n") if not ln.isdigit()), encoding="utf-8")
    code, payload = _check_json(path, capsys)
    assert code == 1
    assert payload["complete"] is False and [g["part"] for g in payload["not_read"]] == [
        "t2",
        "t3",
        "t4",
    ]


def _split_lines(text: str, splits: dict[str, list[str]]) -> str:
    lines = text.split("\n")
    for whole, pieces in splits.items():
        i = lines.index(whole)
        lines[i : i + 1] = pieces
    return "\n".join(lines)


def test_it_reads_the_breaks_the_issue_lists_in_a_2019_report():
    """Each break of issue 12 written out: header cells over lines and one character per line,
    row numbering alone on a line, a heading in three lines, CRLF and a crawler's header."""
    report = valid_report("2019")
    text = _split_lines(
        write_text(report, "cellline"),
        {
            "自然人": ["自", "然人"],
            "商业企业": ["商业", "企业"],
            "三、本年度办理结果": ["三、本", "年度办", "理结果"],
            "本年增/减": ["本", "年", "增", "/", "减"],
            "（一）予以公开": ["（", "一", "）", "予以公开"],
            "1.属于国家秘密": ["1.", "属于国家秘密"],
            "一、总体情况": ["一", "、", "总体情况"],
            "二、主动公开政府信息情况": ["二、", "主动公开政府信息情况"],
        },
    )
    assert "\n本\n年\n增\n/\n减\n" in text and "\n（\n一\n）\n予以公开\n" in text
    head = f"{report.title}\r\n发布时间：2021-01-20 09:56\r\n来源：{report.agency}\r\n"
    body = text.split("\n", 1)[1].replace("\n", "\r\n")
    back = read_bytes((head + body).encode("utf-8"), "<copied>")
    assert back.to_dict() == report.to_dict()
    assert back.read_findings == []


def test_it_reads_a_blank_cell_elsewhere_than_总计_as_no_blank_总计_column():
    """Rows of six numbers whose last is the sum of the five before it print their 总计: the
    missing cell is another one, which the reader cannot place, so it says so and guesses no
    column (a 总计 column read as blank would shift every cell of those rows)."""
    report = valid_report()
    for cells in report.t3.values():
        cells["other_org"] = None  # printed blank; the totals stay printed
    text = write_text(report, "cellline")
    back = read_bytes(text.encode("utf-8"), "<copied>")
    flagged = {f.location.row for f in back.read_findings if f.rule in _GAPS}
    for row, cells in report.t3.items():
        for col, value in cells.items():
            got = back.t3.get(row, {}).get(col)
            assert got == value or (got is None and row in flagged), (row, col, got, value)
    assert flagged


def test_it_leaves_a_broken_number_of_表二_blank_with_a_finding():
    """表二 has no sums: 规范性文件 4 / 1 / 30 with 30 printed 3/0 could be 41 3 0 or 4 13 0 …"""
    report = valid_report()
    text = write_text(report, "cellline").replace("\n4\n1\n30\n", "\n4\n1\n3\n0\n")
    back = read_bytes(text.encode("utf-8"), "<copied>")
    cells = back.t2["art20_1"]["normative_documents"]
    assert cells["currently_valid"] is None
    assert all(
        v in (None, report.t2["art20_1"]["normative_documents"][k]) for k, v in cells.items()
    )
    assert [f.rule for f in back.read_findings] == ["READ-AMBIGUOUS-CELLS"]


# -- cellmerge ------------------------------------------------------------------------------

_ROW_SUM = [((0, 1, 2, 3, 4, 5), 6)]


def test_it_joins_the_neighbours_whose_join_adds_up():
    from gongkai.report.cellmerge import line_cell_readings

    result = line_cell_readings(["1", "62", "1", "0", "0", "0", "0", "163"], 7, _ROW_SUM)
    assert result.unique == ["162", "1", "0", "0", "0", "0", "163"] and result.consistent


def test_it_offers_no_join_when_none_adds_up_and_takes_no_row_it_cannot_join():
    from gongkai.report.cellmerge import line_cell_readings

    assert (
        line_cell_readings(["1", "0", "0", "0", "0", "0", "1", "2"], 7, _ROW_SUM).candidates == []
    )
    assert line_cell_readings(["1", "—", "0", "0", "0", "0", "0", "1"], 7, _ROW_SUM) is None
    assert line_cell_readings(["1"] * 11, 7, _ROW_SUM) is None  # four numbers too many: not a wrap
    assert line_cell_readings(["1"] * 7, 7, _ROW_SUM) is None
    assert line_cell_readings(["1 0"], 7, _ROW_SUM) is None  # run-together: cellsplit's


def test_it_places_a_vanished_blank_only_where_the_sums_allow():
    from gongkai.report.cellmerge import line_cell_readings

    # 9 _ 0 0 0 1 10 printed without its blank: where the blank was, nothing in the row tells
    # (the 表三 column sums may); 10 is 总计 in every reading
    result = line_cell_readings(["9", "0", "0", "0", "1", "10"], 7, _ROW_SUM)
    assert len(result.candidates) == 6 and {c[6] for c in result.candidates} == {"10"}
    # 5 3 8 with four blanks: wherever the blanks fall among the six applicants, 8 is 总计
    result = line_cell_readings(["5", "3", "8"], 7, _ROW_SUM)
    assert len(result.candidates) == 15 and {c[6] for c in result.candidates} == {"8"}


@_SETTINGS
@given(report=reports(blanks=True), seed=st.integers(0, 2**32))
def test_it_never_reads_a_wrong_表三_or_表四_cell_when_blank_cells_vanish(report, seed):
    """A blank cell prints nothing, so its row shows fewer numbers than cells: the blanks are
    placed only where the sums allow, and where they could be in several places the cells in
    doubt are blank with a finding (a blank and a 0 add up alike)."""
    text = copied_text(report, random.Random(seed))
    back = read_bytes(text.encode("utf-8"), "<copied>")
    result = compare_reports(back, report)
    for table in ("T3", "T4"):
        assert result[table].wrong == 0, (result[table].misses, text)
