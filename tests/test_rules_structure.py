"""Sections, template, year and period, placeholders."""

import pytest

from gongkai.report import SectionText, Severity

from .reportkit import fired, set_text, valid_report


def test_it_warns_about_a_missing_section_naming_it():
    r = valid_report()
    r.sections = [s for s in r.sections if s.number != "五"]
    [f] = fired(r, "STRUCT-SECTIONS")
    assert f.severity == Severity.WARNING and f.location.section == "五"
    assert "五、存在的主要问题及改进情况" in f.message


def test_it_warns_about_sections_out_of_order_or_repeated():
    r = valid_report()
    r.sections[3], r.sections[4] = r.sections[4], r.sections[3]
    [f] = fired(r, "STRUCT-ORDER")
    assert f.actual == "一、二、三、五、四、六"
    r = valid_report()
    r.sections.append(SectionText("六", "六、其他需要报告的事项", "又一段。"))
    [dup] = fired(r, "STRUCT-ORDER")
    assert dup.location.section == "六" and dup.actual == 2


def test_it_warns_when_tables_are_missing():
    r = valid_report()
    r.t3, r.t4 = {}, {}
    assert {f.location.section for f in fired(r, "STRUCT-TABLES")} == {"三", "四"}


@pytest.mark.parametrize(("template", "year"), [("2019", 2022), ("2021", 2020)])
def test_it_warns_when_the_template_does_not_fit_the_year(template, year):
    r = valid_report(template, year)
    [f] = fired(r, "TEMPLATE-YEAR")
    assert f.severity == Severity.WARNING and f.actual == template and f.expected != template


def test_it_reports_a_statistical_period_of_another_year():
    r = valid_report(year=2024)
    r.preamble = "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
    [f] = fired(r, "PERIOD-YEAR")
    assert f.severity == Severity.ERROR and (f.expected, f.actual) == (2024, 2023)
    assert "2023年1月1日" in f.location.text


def test_it_takes_the_year_from_the_title_and_reads_full_width_digits():
    r = valid_report(year=2024)
    r.title = "某县交通运输局２０２４年政府信息公开工作年度报告"
    r.preamble = "统计期限为２０２４年１月１日至１２月３１日。"
    assert fired(r, "PERIOD-YEAR") == [] and fired(r, "PERIOD-RANGE") == []
    r.title = "某县交通运输局2025年政府信息公开工作年度报告"
    [f] = fired(r, "PERIOD-YEAR")
    assert (f.expected, f.actual) == (2025, 2024)
    [t] = fired(r, "TITLE-YEAR")
    assert (t.expected, t.actual) == (2024, 2025)


def test_it_warns_about_a_period_that_is_not_a_calendar_year():
    r = valid_report(year=2024)
    r.preamble = "统计期限自2024年1月1日至2024年11月30日。"
    [f] = fired(r, "PERIOD-RANGE")
    assert f.actual == "2024-01-01…2024-11-30"


@pytest.mark.parametrize(
    "blank", ["公开信息  条", "共收到申请XX件", "答复××件", "办理X件", "见【】", "（  ）"]
)
def test_it_warns_about_placeholders_left_in_the_text(blank):
    r = valid_report()
    r.section("六").text = f"本年度{blank}。"
    [f] = fired(r, "PLACEHOLDER")
    assert f.severity == Severity.WARNING and f.location.section == "六"
    assert f.actual.strip() == blank.strip() or f.actual in blank


@pytest.mark.parametrize(
    "fine",
    [
        "网址为http://www.xx.gov.cn/。",
        "《中华人民共和国政府信息公开  条例》",
        "（一）总体情况",
        "收到申请 34 件",
        "面积3×5米",
    ],
)
def test_it_does_not_mistake_ordinary_text_for_a_placeholder(fine):
    r = valid_report()
    r.section("六").text = fine
    assert fired(r, "PLACEHOLDER") == []


def test_it_does_not_repeat_what_reading_already_noted():
    from gongkai.report import Location
    from gongkai.report.rules import RULES

    r = valid_report()
    r.sections = [s for s in r.sections if s.number not in ("五", "六")]
    r.t4 = {}
    del r.t3["denied.state_secret"]
    r.read_findings = [
        RULES["READ-SECTION-NOT-FOUND"].finding("没有找到第五节的标题。", Location(section="五")),
        RULES["READ-TABLE-NOT-FOUND"].finding(
            "没有读到表四。", Location(section="四", table="t4_review_litigation")
        ),
        RULES["READ-ROW-NOT-FOUND"].finding(
            "表三中没有找到该行。",
            Location(section="三", table="t3_applications", row="denied.state_secret"),
        ),
    ]
    assert [f.location.section for f in fired(r, "STRUCT-SECTIONS")] == ["六"]
    assert fired(r, "STRUCT-TABLES") == []
    assert fired(r, "T3-ROWS-MISSING") == []


@pytest.mark.parametrize(
    ("text", "blank"),
    [
        ("本局20XX年共收到申请5件。", "XX"),  # a year with X for its last digits
        ("本局20××年共收到申请5件。", "××"),
        ("共公开____条信息。", "____"),  # a line to write on
        ("共公开＿＿条信息。", "＿＿"),
        ("○○局认真落实条例。", "○○"),  # circles standing for a name
        ("落款日期：2025年  月  日", "  "),  # a date left blank
    ],
)
def test_it_finds_the_blanks_templates_leave_for_years_lines_names_and_dates(text, blank):
    r = valid_report()
    set_text(r, "一", text)
    assert blank in [f.actual for f in fired(r, "PLACEHOLDER")]


@pytest.mark.parametrize(
    "text", ["附件为file_name__v2.docx。", "二〇〇八年以来", "2023年1月  是", "详见   日报"]
)
def test_it_leaves_underscores_in_names_and_spaces_before_other_words_alone(text):
    r = valid_report()
    set_text(r, "一", text)
    assert fired(r, "PLACEHOLDER") == []
