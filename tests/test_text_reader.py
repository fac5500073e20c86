"""The plain-text reader on the seed report and on small reports we authored in each layout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.cli import main
from gongkai.report import ReportReadError, check, read, read_bytes
from gongkai.report.model import T2, T2_LOCAL, T3, T4
from gongkai.report.writers.text import write_text

from .reportkit import set_text, valid_report

FIXTURES = Path(__file__).parent / "fixtures"
TEXT = FIXTURES / "text"


def _rules(report) -> list[str]:
    return [f.rule for f in report.read_findings]


# -- the seed -----------------------------------------------------------------------------


def test_it_reads_every_table_cell_of_the_seed_as_transcribed_by_hand(seed_path):
    expected = json.loads((FIXTURES / "seed_expected.json").read_text(encoding="utf-8"))
    expected.pop("_comment")
    tables = read(seed_path).to_dict()["tables"]
    for key in (T2, T2_LOCAL, T3, T4):
        assert tables[key] == expected[key], key


def test_it_reads_the_seed_year_template_and_six_sections_in_order(seed_path):
    report = read(seed_path)
    assert report.year == 2020
    assert report.template == "2019"
    assert [s.number for s in report.sections] == list("一二三四五六")
    assert report.sections[0].heading == "1、 总体情况"
    assert report.sections[3].heading == "四、政府信息公开行政复议、行政诉讼情况"
    assert "数字东城" in report.sections[0].text
    # tables are not narrative
    assert "第二十条" not in report.sections[1].text
    assert not [r for r in _rules(report) if r != "READ-SECTION-NOT-FOUND"]


def test_it_keeps_the_seed_rows_no_template_has_under_their_parent(seed_path):
    local = read(seed_path).t2_local_rows
    assert [(r.label, r.parent) for r in local] == [
        ("行政检查", "other_external_services"),
        ("行政确认", "other_external_services"),
    ]


# -- layouts we authored ------------------------------------------------------------------


def test_it_reads_a_pipe_table_report_with_full_width_and_ascii_punctuation_mixed():
    r = read(TEXT / "pipe_2021_mixed.md")
    assert (r.agency, r.year, r.template) == ("某县交通运输局", 2022, "2021")
    assert [s.number for s in r.sections] == list("一二三四五六")
    assert r.sections[0].heading == "1. 总体情况"
    assert r.sections[3].heading == "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
    assert r.t2["art20_1"]["normative_documents"] == {
        "issued_this_year": 3,
        "repealed_this_year": 1,
        "currently_valid": 12,
    }
    assert r.t2["art20_5"]["administrative_licensing"] == {
        "decisions_this_year": 1024
    }  # printed 1,024
    assert r.t2["art20_6"]["administrative_coercion"] == {
        "decisions_this_year": None
    }  # printed blank, not 0
    assert r.t2["art20_8"]["administrative_fees"] == {"fee_amount_this_year": 2.5}
    assert [(x.label, x.parent, x.values["issued_this_year"]) for x in r.t2_local_rows] == [
        ("其他主动公开文件", None, 7)
    ]
    assert r.t3["denied.three_securities_one_stability"]["total"] == 0  # 3、危及"三安全一稳定"
    assert r.t3["unable.not_held"]["natural_person"] == 1
    assert r.t3["other"] == {
        "natural_person": 1,
        "commercial_enterprise": 0,
        "research_institution": 0,
        "social_welfare_org": 0,
        "legal_service_org": 0,
        "other_org": 0,
        "total": 1,
    }
    assert r.t3["results_total"]["total"] == 6
    assert r.t4["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    assert r.t4["litigation_after_review"] == dict.fromkeys(
        ("upheld", "corrected", "other", "pending", "total")
    )


def test_it_reads_a_gbk_encoded_report_in_the_cell_per_line_layout():
    data = (TEXT / "seed_layout_gbk.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    r = read_bytes(data, "gbk.txt")
    assert (r.agency, r.year, r.template) == ("某区民政局", 2020, "2019")
    assert r.t2["art20_1"]["normative_documents"] == {
        "newly_made": 2,
        "newly_published": 2,
        "total_published": 15,
    }
    # blank cells of the （六）其他处理 row stay blank
    assert r.t3["other"] == {
        "natural_person": 1,
        "commercial_enterprise": None,
        "research_institution": None,
        "social_welfare_org": None,
        "legal_service_org": None,
        "other_org": None,
        "total": 1,
    }
    assert r.t3["new_received"]["total"] == 3
    assert r.t4["review"]["total"] == 0
    assert "READ-ROW-NOT-FOUND" in _rules(r)  # the authored table leaves rows out


def test_it_reads_tab_separated_rows():
    r = read(TEXT / "tab_2023.txt")
    assert (r.year, r.template) == (2023, "2021")
    assert r.t2["art20_5"]["administrative_licensing"] == {"decisions_this_year": 88}
    assert r.t3["granted"]["natural_person"] == 2
    assert r.t4["litigation_after_review"] == {
        "upheld": 1,
        "corrected": 0,
        "other": 0,
        "pending": 0,
        "total": 1,
    }


def test_it_reads_a_page_export_with_cells_run_together():
    body = (
        "标题: 某局2021年政府信息公开工作年度报告\n发布机构: 某局\n"
        + "=" * 20
        + " 正文 "
        + "=" * 20
        + "\n"
        "本报告统计期限自2021年1月1日起至2021年12月31日止。一、总体情况 全年收到申请12件。"
        "二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000"
        "行政规范性文件002第二十条第（五）项信息内容本年处理决定数量行政许可308"
        "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
        "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
        "一、本年新收政府信息公开申请数量120000012二、上年结转政府信息公开申请数量0000000"
        "三、本年度办理结果（一）予以公开100000010（二）部分公开（区分处理的，只计这一情形，不计其他情形）2000002"
        "（七）总计120000012四、结转下年度继续办理0000000"
        "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
        "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
        "10 0 1 200 0 0 0 0 0 0 00五、存在的主要问题及改进情况 无。六、其他需要报告的事项 无。\n"
    )
    r = read_bytes(body.encode("utf-8"), "export.txt")
    assert (r.title, r.agency, r.year, r.template) == (
        "某局2021年政府信息公开工作年度报告",
        "某局",
        2021,
        "2021",
    )
    assert [s.number for s in r.sections] == list("一二三四五六")
    assert r.sections[0].text == "全年收到申请12件。"
    assert r.t2["art20_1"]["normative_documents"] == {
        "issued_this_year": 0,
        "repealed_this_year": 0,
        "currently_valid": 2,
    }
    assert r.t3["new_received"] == {
        "natural_person": 12,
        "commercial_enterprise": 0,
        "research_institution": 0,
        "social_welfare_org": 0,
        "legal_service_org": 0,
        "other_org": 0,
        "total": 12,
    }
    assert r.t3["granted"]["natural_person"] == 10
    assert r.t4["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2}


def test_it_leaves_cells_blank_with_a_finding_when_run_together_digits_have_several_readings():
    body = (
        "标题: 某局2022年政府信息公开工作年度报告\n" + "=" * 20 + " 正文 " + "=" * 20 + "\n"
        "一、总体情况 无。二、主动公开政府信息情况 第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
        "行政规范性文件2433第二十条第（五）项信息内容本年处理决定数量行政许可5"
        "三、收到和处理政府信息公开申请情况 申请人情况 一、本年新收政府信息公开申请数量1000001"
        + "x"
        * 10
        + "\n"
        "五、存在的主要问题及改进情况 无。六、其他需要报告的事项 无。\n"
    )
    r = read_bytes(body.encode("utf-8"), "ambiguous.txt")
    assert r.t2["art20_1"]["normative_documents"] == {
        "issued_this_year": None,
        "repealed_this_year": None,
        "currently_valid": None,
    }
    ambiguous = [f for f in r.read_findings if f.rule == "READ-AMBIGUOUS-CELLS"]
    assert len(ambiguous) == 1 and "2433" in ambiguous[0].message
    assert ambiguous[0].location.row == "normative_documents"
    assert r.t2["art20_5"]["administrative_licensing"] == {"decisions_this_year": 5}


# -- files that hold no report ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "文件为空"),
        ("blank_lines.txt", "文件为空"),
        ("binary.dat", "无法识别的文件格式"),
        ("nonreport.txt", "不是政府信息公开工作年度报告"),
        ("truncated.md", "文件不完整"),
        ("truncated_char.txt", "文件不完整"),
    ],
)
def test_it_refuses_files_that_hold_no_complete_report_with_a_clear_reason(name, reason):
    with pytest.raises(ReportReadError) as info:
        read(TEXT / name)
    assert reason in info.value.reason
    assert "\n" not in info.value.reason


def test_it_makes_the_cli_exit_2_on_a_file_that_is_not_a_report(capsys):
    assert main(["check", str(TEXT / "nonreport.txt")]) == 2
    err = capsys.readouterr().err
    assert "nonreport.txt" in err and "不是政府信息公开工作年度报告" in err


def test_it_extracts_the_seed_as_canonical_json_through_the_cli(seed_path, capsys):
    assert main(["extract", str(seed_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["year"] == 2020 and data["template"] == "2019"
    assert data["tables"][T3]["results_total"]["total"] == 785


def test_it_checks_the_seed_through_the_cli(seed_path, capsys):
    code = main(["check", str(seed_path), "--json"])
    payload = json.loads(capsys.readouterr().out)
    assert payload["report"]["tables"][T4]["review"]["total"] == 54
    errors = [f for f in payload["findings"] if f["severity"] == "error"]
    assert code == (1 if errors else 0)


def test_it_reads_a_dash_cell_as_blank_and_says_so():
    text = (
        "某局2021年政府信息公开工作年度报告\n一、总体情况\n无。\n二、主动公开政府信息情况\n"
        "| 第二十条第（六）项 | |\n|---|---|\n| 信息内容 | 本年处理决定数量 |\n| 行政处罚 | — |\n| 行政强制 | 3 |\n"
        "五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n"
    )
    r = read_bytes(text.encode("utf-8"), "dash.md")
    assert r.t2["art20_6"] == {
        "administrative_penalty": {"decisions_this_year": None},
        "administrative_coercion": {"decisions_this_year": 3},
    }
    notes = [f for f in r.read_findings if f.rule == "READ-UNREADABLE-CELL"]
    assert (
        len(notes) == 1
        and "—" in notes[0].message
        and notes[0].location.row == "administrative_penalty"
    )


def test_it_reports_a_run_together_group_that_no_reading_can_make_add_up():
    head = (
        "一、总体情况 无。四、政府信息公开行政复议、行政诉讼情况 行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
        "未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"
    )
    body = (
        "标题: 某局2024年政府信息公开工作年度报告\n"
        + head
        + "00000000001324015 五、存在的主要问题及改进情况 无。\n"
    )
    r = read_bytes(body.encode("utf-8"), "t4.txt")
    assert r.t4["review"] == dict.fromkeys(("upheld", "corrected", "other", "pending", "total"), 0)
    assert r.t4["litigation_after_review"] == dict.fromkeys(
        ("upheld", "corrected", "other", "pending", "total")
    )
    rules = {(f.rule, f.severity, f.location.row) for f in r.read_findings}
    assert ("READ-AMBIGUOUS-CELLS", "warning", "litigation_after_review") in rules
    assert ("READ-NO-CONSISTENT-SPLIT", "error", "litigation_after_review") in rules


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cut=st.floats(0, 1),
    drop=st.floats(0, 1),
    insert=st.sampled_from(
        ["", "0", "12", "—", "|", "\t", "\n", "一、", "（七）总计", "-", ".", "第二十条第（一）项"]
    ),
)
def test_it_reads_damaged_text_or_says_why_never_crashing(seed_path, cut, drop, insert):
    text = seed_path.read_text(encoding="utf-8")
    at = int(len(text) * drop)
    damaged = text[:at] + insert + text[at + 40 :]
    damaged = damaged[: max(1, int(len(damaged) * cut))]
    try:
        report = read_bytes(damaged.encode("utf-8"), "damaged.txt")
    except ReportReadError as exc:
        assert exc.reason and "\n" not in exc.reason
        return
    report.to_json()
    check(report)


def test_it_decides_a_row_with_a_broken_sum_by_the_column_sums_above_it():
    """（七）总计 "191000019" has seven readings and none with 总计 = its six columns (the printed
    row is wrong: 19 + 1 ≠ 19). The outcome rows above it add up, column by column, to 19 / 1 /
    0 … and 19 in the 总计 column, which picks the one reading the page printed."""
    rows = {
        "一、本年新收政府信息公开申请数量": "190000019",
        "二、上年结转政府信息公开申请数量": "0000000",
        "三、本年度办理结果（一）予以公开": "6000006",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "8100008",
        "（四）无法提供1.本机关不掌握相关政府信息": "4000004",
        "（六）其他处理3.其他": "1000001",
        "（七）总计": "191000019",
        "四、结转下年度继续办理": "0000000",
    }
    body = (
        "标题: 某局2023年政府信息公开工作年度报告\n" + "=" * 20 + " 正文 " + "=" * 20 + "\n"
        "一、总体情况 无。三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
        "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
        + "".join(label + digits for label, digits in rows.items())
        + "五、存在的主要问题及改进情况 无。六、其他需要报告的事项 无。\n"
    )
    r = read_bytes(body.encode("utf-8"), "t3.txt")
    cols = (
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "social_welfare_org",
        "legal_service_org",
        "other_org",
        "total",
    )
    assert [r.t3["results_total"][c] for c in cols] == [19, 1, 0, 0, 0, 0, 19]
    assert [r.t3["partially_granted"][c] for c in cols] == [8, 1, 0, 0, 0, 0, 8]  # forced: 7 digits
    assert [r.t3["new_received"][c] for c in cols] == [19, 0, 0, 0, 0, 0, 19]
    assert not [
        f for f in r.read_findings if f.rule in ("READ-AMBIGUOUS-CELLS", "READ-NO-CONSISTENT-SPLIT")
    ]


def test_it_reads_a_表四_printed_one_group_per_row():
    text = (
        "某局2022年政府信息公开工作年度报告\n一、总体情况\n无。\n四、政府信息公开行政复议、行政诉讼情况\n"
        "| 类别 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|---|\n"
        "| 行政复议 | 3 | 1 | 0 | 2 | 6 |\n| 行政诉讼（未经复议直接起诉） | 1 | 0 | 0 | 0 | 1 |\n"
        "| 行政诉讼（复议后起诉） | 0 | 0 | 1 | 0 | 1 |\n"
        "五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n"
    )
    r = read_bytes(text.encode("utf-8"), "t4rows.md")
    assert r.t4 == {
        "review": {"upheld": 3, "corrected": 1, "other": 0, "pending": 2, "total": 6},
        "litigation_direct": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1},
        "litigation_after_review": {
            "upheld": 0,
            "corrected": 0,
            "other": 1,
            "pending": 0,
            "total": 1,
        },
    }


# -- the agency when the title names none ---------------------------------------------------


def test_it_reads_the_seed_agency_from_its_opening_narrative_without_inventing_a_body(seed_path):
    # The seed's title is only “政府信息公开工作年度报告”; section 一 opens “2020年度，北京市东城区以…”.
    assert read(seed_path).agency == "北京市东城区"


def _untitled(opening: str, title: str = "政府信息公开工作年度报告") -> bytes:
    report = valid_report()
    report.title, report.agency = title, None
    set_text(report, "一", opening + "依法做好政府信息公开工作。")
    return write_text(report, "seed").encode("utf-8")


@pytest.mark.parametrize(
    ("opening", "agency"),
    [
        ("2024年，某某县人民政府坚持以人民为中心，", "某某县人民政府"),
        ("2024年度，某某市某某区以制度建设为抓手，", "某某市某某区"),
        ("某某省某某市交通运输局认真贯彻《条例》，", "某某省某某市交通运输局"),
        ("2024年，我局坚持以人民为中心，", None),
        ("2024年，全区坚持以人民为中心，", None),
        ("2024年，区行政审批局坚持以人民为中心，", None),
        ("2024年，在区管委会办公室的指导下，", None),
    ],
)
def test_it_takes_the_agency_from_the_subject_of_section_one_only_when_it_is_a_named_government(
    opening, agency
):
    assert read_bytes(_untitled(opening), "untitled.txt").agency == agency


def test_it_prefers_the_agency_in_the_title_to_one_in_the_narrative():
    data = _untitled(
        "2024年，某某县人民政府坚持以人民为中心，",
        title="某某县司法局2024年政府信息公开工作年度报告",
    )
    assert read_bytes(data, "titled.txt").agency == "某某县司法局"


MARKDOWN_AS_PUBLISHED = """# 某县市场监督管理局2023年政府信息公开工作年度报告

## 一、总体情况

2023年，本局共收到政府信息公开申请2件。

## 二、主动公开政府信息情况

### 第二十条第（一）项
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
|---|---|---|---|
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 2 | 0 | 9 |

**第二十条第（五）项**

| 信息内容 | 本年处理决定数量 |
|---|---|
| 行政许可 | 35 |

**第二十条第（六）项**

| 信息内容 | 本年处理决定数量 |
|---|---|
| 抽查\\|检查 | 4 |

## 三、收到和处理政府信息公开申请情况

（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）

| 分组 | 项目 | 自然人 | 法人或其他组织/商业企业 | 法人或其他组织/科研机构 | 法人或其他组织/社会公益组织 | 法人或其他组织/法律服务机构 | 法人或其他组织/其他 | 总计 |
| :--- | :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
|  | 一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |

## 四、政府信息公开行政复议、行政诉讼情况

| 类别 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
| :--- | ---: | ---: | ---: | ---: | ---: |
| 行政复议 | 0 | 0 | 0 | 0 | 0 |
| 行政诉讼/未经复议直接起诉 | 0 | 0 | 0 | 0 | 0 |
| 行政诉讼/复议后起诉 | 1 | 0 | 0 | 0 | 1 |

## 五、存在的主要问题及改进情况

\\|问题| 公开内容有待丰富。

## 六、其他需要报告的事项

无。
"""


def test_it_reads_markdown_captions_and_the_表三_note_above_pipe_tables_as_part_of_the_tables():
    r = read_bytes(MARKDOWN_AS_PUBLISHED.encode("utf-8"), "published.md")
    texts = {s.number: s.text for s in r.sections}
    # The captions (a heading, bold lines) and the note belong to the tables, not the narrative.
    assert texts["二"] == texts["三"] == texts["四"] == ""
    assert texts["五"] == "|问题| 公开内容有待丰富。"  # escaped so as not to read as a table row
    assert r.t2["art20_1"]["normative_documents"] == {
        "issued_this_year": 2,
        "repealed_this_year": 0,
        "currently_valid": 9,
    }
    assert r.t2["art20_5"] == {"administrative_licensing": {"decisions_this_year": 35}}
    # A sub-table printing only a row of its own: its caption says where it belongs (without it,
    # the row would join the sub-table above); "\\|" in a cell is a printed bar, not a cell border.
    assert [(x.subtable, x.label, x.parent, x.values) for x in r.t2_local_rows] == [
        ("art20_6", "抽查|检查", None, {"decisions_this_year": 4})
    ]
    assert r.t3["new_received"]["total"] == 2
    assert r.t4["litigation_after_review"]["total"] == 1
