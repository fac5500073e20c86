"""Numbers stated in the narrative against the tables, and against themselves."""

import pytest

from gongkai.report import Severity, check

from .reportkit import fired, set_text, valid_report


@pytest.mark.parametrize(
    ("sentence", "rule", "row", "stated"),
    [
        ("2024年，本局共收到政府信息公开申请16件。", "NARR-RECEIVED", "new_received", 16),
        ("全年新收政府信息公开申请数量 20 件。", "NARR-RECEIVED", "new_received", 20),
        ("全年收到公民、法人和其他组织政府信息公开申请28件。", "NARR-RECEIVED", "new_received", 28),
        ("本年度未收到政府信息公开申请。", "NARR-RECEIVED", "new_received", 0),
        ("上年结转政府信息公开申请5件。", "NARR-CARRIED-OVER", "carried_over_from_last_year", 5),
        ("本年共受理政府信息公开申请12件，办结10件。", "NARR-RESULTS", "results_total", 10),
        ("全年依法办结政府信息公开申请９件。", "NARR-RESULTS", "results_total", 9),
        (
            "收到政府信息公开申请12件，结转下年度继续办理4件。",
            "NARR-CARRIED-NEXT",
            "carried_to_next_year",
            4,
        ),
    ],
)
def test_it_reports_an_application_count_the_tables_contradict(sentence, rule, row, stated):
    r = valid_report()
    set_text(r, "三", sentence)
    [f] = fired(r, rule)
    assert f.severity == Severity.ERROR
    assert (f.location.section, f.location.table, f.location.row, f.location.column) == (
        "三",
        "t3_applications",
        row,
        "total",
    )
    assert f.actual == stated and f.expected == r.t3[row]["total"]
    assert str(stated) in f.message and str(r.t3[row]["total"]) in f.message
    assert [g.rule for g in check(r) if g.severity == Severity.ERROR] == [rule]


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共收到政府信息公开申请15件（含上年结转3件）。",  # 12 + 3: received counted with carried-over
        "2024年，本局共收到政府信息公开申请12件。",
        "区长信箱全年共接收来信1791个，已办结1766个。",  # not applications
        "12345热线全年受理群众诉求3615件，办结3600件。",  # not applications
        "较2023年收到政府信息公开申请20件有所下降。",  # another year
        "2023年收到政府信息公开申请20件，今年有所下降。",  # another year
        "1-6月收到政府信息公开申请5件。",  # part of the year
        "全县共收到政府信息公开申请300件。",  # a wider scope than this agency
        "本局对收到的1件政府信息公开申请均按时答复。",  # no fixed phrase: not read
        "未收到该申请人提交的补正材料。",  # not a statement about applications received
        "其中，通过网络收到政府信息公开申请5件。",  # a part: one channel
        "收到法人政府信息公开申请1件。",  # a part: one kind of applicant
        "其中按时办结9件。",  # a part of the results
        "收到政府信息公开申请12件，予以公开类申请办结7件。",  # 办结 of one category
        "收到政府信息公开申请12件，按时办结12件，1件逾期未补正。",  # 办结 leaves out （六）其他处理
        "收到政府信息公开申请12件，予以公开的申请已办结7件。",  # 办结 of one category
    ],
)
def test_it_leaves_alone_numbers_that_are_consistent_or_not_certainly_this_quantity(sentence):
    r = valid_report()
    set_text(r, "三", sentence)
    assert [f for f in check(r) if f.rule.startswith("NARR")] == []


def test_it_reads_whole_county_figures_in_the_county_governments_own_report():
    r = valid_report()
    r.agency = "某县人民政府"
    set_text(r, "三", "全县共收到政府信息公开申请300件。")
    [f] = fired(r, "NARR-RECEIVED")
    assert f.actual == 300


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("2024年，市政府共收到政府信息公开申请120件。", "NARR-RECEIVED"),
        ("区人民政府办公室全年办结政府信息公开申请98件。", "NARR-RESULTS"),
        ("以县政府名义受理的行政复议案件5件。", "NARR-REVIEW"),
    ],
)
def test_a_count_said_of_a_government_in_a_departments_report_is_a_warning(sentence, rule):
    # An office's report may quote the government's figure (市政府共收到…): it may be right.
    r = valid_report()
    assert r.agency and "政府" not in r.agency
    set_text(r, "四" if rule == "NARR-REVIEW" else "三", sentence)
    [f] = fired(r, rule)
    assert f.severity == Severity.WARNING
    assert "范围可能大于本机关" in f.message
    assert [g for g in check(r) if g.severity == Severity.ERROR] == []


def test_a_count_said_of_the_government_in_its_own_report_is_an_error():
    r = valid_report()
    r.agency = "某市人民政府"
    set_text(r, "三", "2024年，市政府共收到政府信息公开申请120件。")
    [f] = fired(r, "NARR-RECEIVED")
    assert f.severity == Severity.ERROR and f.actual == 120
    assert "范围" not in f.message


def test_it_reads_numbers_across_a_line_break_inside_a_sentence():
    r = valid_report()
    set_text(r, "三", "全年收到政府信息公开申请 12 件，上年结转政府信息公开\n申请 7 件。")
    [f] = fired(r, "NARR-CARRIED-OVER")
    assert (f.expected, f.actual) == (3, 7)


def test_it_reports_a_litigation_total_that_contradicts_its_own_split_once():
    r = valid_report()
    set_text(r, "四", "涉及行政复议3件，行政诉讼2件，其中未经复议直接起诉2件，复议后起诉1件。")
    [f] = fired(r, "NARR-LITIGATION-SPLIT")
    assert f.severity == Severity.ERROR and (f.expected, f.actual) == (3, 2)
    assert "2＋1＝3" in f.message and "表四" in f.message
    assert fired(r, "NARR-LITIGATION") == []  # the same contradiction is not reported twice


@pytest.mark.parametrize(
    ("sentence", "rule", "found"),
    [
        ("因政府信息公开被申请行政复议5件。", "NARR-REVIEW", {("review", 3, 5)}),
        ("被提起行政诉讼4件。", "NARR-LITIGATION", {("litigation_direct", 3, 4)}),
        (
            "行政诉讼3件，其中未经复议直接起诉1件，复议后起诉2件。",
            "NARR-LITIGATION",
            {("litigation_direct", 2, 1), ("litigation_after_review", 1, 2)},
        ),
        # no 行政诉讼 total is read inside “…提起行政诉讼2件”
        (
            "被提起行政诉讼3件，其中未经复议直接提起行政诉讼2件，复议后提起行政诉讼2件。",
            "NARR-LITIGATION",
            {("litigation_after_review", 1, 2)},
        ),
    ],
)
def test_it_reports_case_counts_the_fourth_table_contradicts(sentence, rule, found):
    r = valid_report()
    set_text(r, "四", sentence)
    assert {(f.location.row, f.expected, f.actual) for f in fired(r, rule)} == found


def test_it_reads_case_counts_only_where_they_concern_disclosure():
    r = valid_report()
    r.agency = "某县司法局"
    set_text(r, "一", "全年办理行政复议案件120件，行政诉讼应诉案件45件。")
    assert [f for f in check(r) if f.rule.startswith("NARR")] == []
    set_text(r, "一", "全年收到政府信息公开申请12件。涉及行政复议120件。")
    [f] = fired(r, "NARR-REVIEW")
    assert f.actual == 120


def test_it_warns_when_the_normative_documents_stated_differ_from_table_two():
    r = valid_report("2021")
    set_text(r, "二", "本年制发规范性文件6件，废止规范性文件1件。")
    [f] = fired(r, "NARR-T2-NORMATIVE")
    assert f.severity == Severity.WARNING
    assert (f.location.column, f.expected, f.actual) == ("issued_this_year", 4, 6)


def test_it_accepts_a_narrative_number_matching_the_parts_when_the_printed_total_is_wrong():
    r = valid_report()
    r.t3["new_received"]["total"] = 0  # printed 总计 wrong; the columns still sum to 12
    findings = check(r)
    assert {f.rule for f in findings if f.severity == Severity.ERROR} == {
        "T3-APPLICANT-SUM",
        "T3-BALANCE",
    }


def test_it_reads_narrative_left_on_a_heading_line_but_not_the_heading_itself():
    r = valid_report()
    r.section(
        "三"
    ).heading = "三、收到和处理政府信息公开申请情况2024年，共收到政府信息公开申请0条。"
    r.section("三").text = ""
    [f] = fired(r, "NARR-RECEIVED")
    assert (f.expected, f.actual) == (12, 0)
    r.section("三").heading = "三、收到和处理政府信息公开申请情况"
    r.section("三").text = "12345热线全年受理群众诉求3615件，办结3600件。"
    assert fired(r, "NARR-RESULTS") == []


def test_it_does_not_contradict_the_narrative_with_cells_left_blank():
    r = valid_report("2021")
    r.t2["art20_1"]["normative_documents"].update(issued_this_year=None, repealed_this_year=None)
    set_text(r, "二", "本年制发规范性文件6件，废止规范性文件1件。")
    assert fired(r, "NARR-T2-NORMATIVE") == []
    r.t3["carried_to_next_year"] = dict.fromkeys(r.t3["carried_to_next_year"])
    set_text(r, "三", "收到政府信息公开申请12件，结转下年度继续办理4件。")
    assert fired(r, "NARR-CARRIED-NEXT") == []
    r.t4["review"] = dict.fromkeys(r.t4["review"])
    set_text(r, "四", "因政府信息公开被申请行政复议5件。")
    assert fired(r, "NARR-REVIEW") == []
