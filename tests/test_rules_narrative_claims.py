"""Claims the narrative makes that real reports get wrong: 现行有效 documents, answers, outcome
counts and shares, 均获维持 — and the sentences that look like them but are not (another year,
another base, another category, a part)."""

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report import Severity, check, read

from .reportkit import set_text, valid_report
from .strategies import reports

# valid_report(): 表二 规范性文件 现行有效 30 (规章 0); 表三 results 13 (予以公开 7, 部分公开 3,
# 无法提供 2, 其他处理 1), new 12, carried over 3, carried to next year 2; 表四 行政复议 3 (维持 2,
# 纠正 1), 未经复议直接起诉 2 (维持 1, 尚未审结 1), 复议后起诉 1 (维持 1).
CLAIM_RULES = (
    "NARR-T2-VALID",
    "NARR-ANSWERED",
    "NARR-OUTCOME",
    "NARR-OUTCOME-SHARE",
    "NARR-T4-UPHELD",
)


def claims(report):
    return [f for f in check(report) if f.rule in CLAIM_RULES]


def only(report, rule):
    found = claims(report)
    assert [f.rule for f in found] == [rule], [f.message for f in found]
    return found[0]


# ---- 现行有效 规范性文件 / 规章 against 表二


@pytest.mark.parametrize(
    ("sentence", "expected", "stated"),
    [
        ("截至2024年底，本局现行有效规范性文件28件。", 30, 28),
        ("截至2024年12月31日，现行有效的行政规范性文件共32件。", 30, 32),
        ("经清理，本局规范性文件现行有效12件。", 30, 12),
        ("现行有效规范性文件３１部。", 30, 31),
        ("全面清理后，本局现行有效规范性文件28件。", 30, 28),
        ("清理后现行有效规范性文件28件。", 30, 28),
    ],
)
def test_it_reports_a_stock_of_valid_documents_table_two_contradicts(sentence, expected, stated):
    r = valid_report("2021")
    set_text(r, "二", sentence)
    f = only(r, "NARR-T2-VALID")
    assert f.severity == Severity.ERROR
    assert (f.location.table, f.location.row, f.location.column) == (
        "t2_active_disclosure",
        "art20_1.normative_documents",
        "currently_valid",
    )
    assert (f.expected, f.actual) == (expected, stated)
    assert "现行有效件数" in f.message and str(stated) in f.message


def test_it_sums_both_rows_for_regulations_and_documents_stated_together():
    r = valid_report("2021")
    r.t2["art20_1"]["regulations"]["currently_valid"] = 2
    set_text(r, "二", "现行有效规章和规范性文件共32件。")
    assert claims(r) == []
    set_text(r, "二", "现行有效规章和规范性文件共35件。")
    assert (only(r, "NARR-T2-VALID").expected, only(r, "NARR-T2-VALID").actual) == (32, 35)
    set_text(r, "二", "现行有效规范性文件30件、现行有效规章3件。")
    f = only(r, "NARR-T2-VALID")
    assert (f.location.row, f.expected, f.actual) == ("art20_1.regulations", 2, 3)


@pytest.mark.parametrize(
    "sentence",
    [
        "截至2024年底，本局现行有效规范性文件30件。",  # consistent
        "截至2023年底，现行有效规范性文件28件。",  # the count of another year
        "2023年现行有效规范性文件28件，今年有所增加。",  # another year
        "上年现行有效规范性文件28件。",  # the year before
        "截至6月底，现行有效规范性文件28件。",  # part of the year
        "现行有效规范性文件涉及条款28条。",  # 条 counts articles, not documents
        "其中，现行有效规范性文件28件。",  # a part
        "其中现行有效规范性文件28件由本局起草。",  # a part
        "全面清理现行有效规范性文件45件，废止3件。",  # the documents reviewed, not the stock
        "本年制发规范性文件4件，现行有效的规范性文件目录已全部公开。",  # no number
    ],
)
def test_it_leaves_alone_counts_of_valid_documents_that_are_not_this_stock(sentence):
    r = valid_report("2021")
    set_text(r, "二", sentence)
    assert claims(r) == []


def test_it_warns_only_for_a_wider_scope_and_skips_the_2019_table_and_blanks():
    r = valid_report("2021")
    set_text(r, "二", "全区现行有效规范性文件300件。")
    f = only(r, "NARR-T2-VALID")
    assert f.severity == Severity.WARNING and "范围可能大于本机关" in f.message
    r.agency = "某区人民政府"
    assert only(r, "NARR-T2-VALID").severity == Severity.ERROR  # the government's own report
    r.agency = "某区司法局"
    set_text(r, "二", "经清理，区政府现行有效规范性文件56件。")  # the government's documents
    assert only(r, "NARR-T2-VALID").severity == Severity.WARNING
    set_text(r, "二", "在区政府门户网站公开本局现行有效规范性文件56件。")  # only its website
    assert only(r, "NARR-T2-VALID").severity == Severity.ERROR
    r.t2["art20_1"]["normative_documents"]["currently_valid"] = None
    assert claims(r) == []  # a blank cell is no ground for contradicting the text
    old = valid_report("2019")
    set_text(old, "二", "现行有效规范性文件300件。")
    assert claims(old) == []  # the 2019 table has no 现行有效 column


# ---- 答复 / 办理 against 表三 （七）总计


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        ("全年共答复政府信息公开申请20件。", 20),
        ("本年收到政府信息公开申请12件，依法答复15件。", 15),  # 15 only with 结转 said
        ("本年共办理政府信息公开申请30件。", 30),
        ("收到政府信息公开申请12件，办结16件（含结转下年度2件）。", 16),  # 13 + 2 ≠ 16
    ],
)
def test_it_reports_answers_the_results_contradict(sentence, stated):
    r = valid_report()
    set_text(r, "三", sentence)
    f = only(r, "NARR-ANSWERED")
    assert f.severity == Severity.ERROR
    assert (f.location.row, f.location.column, f.actual) == ("results_total", "total", stated)
    assert f.expected == 13 and "13" in f.message


@pytest.mark.parametrize(
    "sentence",
    [
        "全年共答复政府信息公开申请13件。",  # the results
        "全年共收到政府信息公开申请12件，已答复12件。",  # less （六）其他处理: withdrawn, no answer
        "全年共收到政府信息公开申请12件，答复15件（含结转下年度继续办理2件）。",  # total + carried, said so
        "共办理政府信息公开申请15件，其中办结13件，结转下年度2件。",  # everything in hand
        "收到政府信息公开申请12件，办结15件（含结转下年度2件）。",  # 总计 + 结转, said so
        "收到政府信息公开申请12件，其中同意公开答复7件。",  # 答复 of one category
        "收到政府信息公开申请12件，予以公开类申请答复7件。",  # 答复 of one category
        "收到政府信息公开申请12件，予以公开的申请已办理7件。",  # 办理 of one category
        "收到政府信息公开申请12件，其中按时答复10件。",  # a part
        "收到政府信息公开申请12件，转下一年度办理答复的有2件。",  # carried to next year
        "2023年答复政府信息公开申请20件，今年有所下降。",  # another year
        "做好人大代表建议和政协提案答复工作，共答复20件。",  # not applications
        "通过网络答复政府信息公开申请5件。",  # a channel
        "收到政府信息公开申请12件，延期答复2件。",  # answers singled out by their timing
    ],
)
def test_it_leaves_alone_answers_that_fit_or_are_not_the_results(sentence):
    r = valid_report()
    set_text(r, "三", sentence)
    assert claims(r) == []


# ---- outcome counts and shares against 表三


@pytest.mark.parametrize(
    ("sentence", "row", "expected", "stated"),
    [
        ("本年收到政府信息公开申请12件，予以公开9件，部分公开3件，无法提供2件。", "granted", 7, 9),
        (
            "收到政府信息公开申请12件，其中同意公开答复数7件，区分处理后公开数4件。",
            "partially_granted",
            3,
            4,
        ),
        ("收到政府信息公开申请12件，其中不予公开3件。", "denied.state_secret", 0, 3),
        ("收到公民、法人和其他组织政府信息公开申请12件，予以公开8件。", "granted", 7, 8),
        ("所有办结的信息公开申请中，无法提供的5件，其他处理1件。", "unable.not_held", 2, 5),
        ("收到政府信息公开申请12件，因本机关不掌握等原因无法提供3件。", "unable.not_held", 2, 3),
        (
            "收到政府信息公开申请12件。其中，予以公开及部分公开11件。",
            "granted",
            10,
            11,
        ),  # previous sentence
    ],
)
def test_it_reports_outcome_counts_the_table_contradicts(sentence, row, expected, stated):
    r = valid_report()
    set_text(r, "三", sentence)
    f = only(r, "NARR-OUTCOME")
    assert f.severity == Severity.ERROR
    assert (f.location.table, f.location.row, f.expected, f.actual) == (
        "t3_applications",
        row,
        expected,
        stated,
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "收到政府信息公开申请12件，予以公开7件，部分公开3件，无法提供2件，其他处理1件。",  # consistent
        "收到政府信息公开申请12件，其中，予以公开及部分公开10件，不予公开0件。",  # consistent, summed
        "主动公开政府信息120件、不予公开5件，收到政府信息公开申请12件。",  # documents, not applications
        "主动公开信息128条、依申请公开130条、不予公开55条。",  # 条: items of information
        "收到政府信息公开申请12件，其中自然人申请10件，予以公开5件。",  # the outcome of a part
        "收到政府信息公开申请12件，通过网络申请予以公开5件。",  # a channel
        "2023年收到政府信息公开申请20件，予以公开15件。",  # another year
        "收到政府信息公开申请12件，予以公开件数较上年增加5件。",  # a comparison
        "收到政府信息公开申请12件，全部予以公开的政府信息已在网站发布。",  # no count
        "本年度办理人大代表建议12件，予以公开9件。",  # not applications
        "收到政府信息公开申请12件，不予以公开1件。",  # 不予以公开 is not 予以公开 (and 0 ≠ 1 is not said)
        "收到政府信息公开申请12件，因属于国家秘密不予公开1件。",  # one reason (a row), not the group
        "收到政府信息公开申请12件，征求第三方意见后予以公开2件。",  # a part of the granted
        "收到政府信息公开申请12件，当场予以公开2件。",  # a part of the granted
        # 其他处理 beside one of its rows named apart: the rest of the group
        "收到政府信息公开申请12件，予以公开7件，逾期未补正1件，其他处理0件。",
    ],
)
def test_it_leaves_alone_outcome_counts_that_fit_or_are_of_something_else(sentence):
    r = valid_report()
    set_text(r, "三", sentence)
    assert claims(r) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "收到政府信息公开申请12件，予以公开7件（53.85%）。",  # 7 / 13 results, two decimals
        "收到政府信息公开申请12件，予以公开7件（53.8%）。",  # one decimal
        "收到政府信息公开申请12件，予以公开7件（54%）。",  # whole percent, rounded
        "收到政府信息公开申请12件，予以公开7件，占58.3%。",  # 7 / 12 new applications
        "收到政府信息公开申请12件，予以公开7件，占46.6%。",  # 7 / 15 in hand, cut off
        "收到政府信息公开申请12件，予以公开7件，占予以公开和部分公开总数的70%。",  # a base named: not read
        "收到政府信息公开申请12件，予以公开占比53.85%。",  # share without count
        "收到政府信息公开申请12件，部分公开3件（23.1%）。",
    ],
)
def test_it_accepts_a_share_of_any_honest_base_at_the_precision_printed(sentence):
    r = valid_report()
    set_text(r, "三", sentence)
    assert claims(r) == []


@pytest.mark.parametrize(
    ("sentence", "percent"),
    [
        (
            "收到政府信息公开申请12件，予以公开7件（70%）。",
            70.0,
        ),  # 7/10: a base the sentence does not name
        ("收到政府信息公开申请12件，予以公开7件（53.7%）。", 53.7),  # 53.85 at one decimal is 53.8
        ("收到政府信息公开申请12件，部分公开占比50%。", 50.0),
    ],
)
def test_it_reports_a_share_no_base_of_the_table_gives(sentence, percent):
    r = valid_report()
    set_text(r, "三", sentence)
    f = only(r, "NARR-OUTCOME-SHARE")
    assert f.severity == Severity.ERROR and f.actual == percent
    assert f"{percent:g}%" in f.message


def test_it_warns_for_outcomes_stated_of_a_wider_scope():
    r = valid_report()
    set_text(r, "三", "全县共收到政府信息公开申请300件，予以公开200件（66.7%）。")
    found = claims(r)
    assert {(f.rule, f.severity) for f in found} == {
        ("NARR-OUTCOME", Severity.WARNING),
        ("NARR-OUTCOME-SHARE", Severity.WARNING),
    }


# ---- 均获维持 / 未被纠错 against 表四


@pytest.mark.parametrize(
    ("sentence", "row"),
    [
        ("因政府信息公开被申请行政复议3件，均获维持。", "review"),
        ("本年度政府信息公开行政复议案件未被复议机关纠错。", "review"),
        ("行政复议、行政诉讼案件全部维持。", "review"),
        ("未发生因政府信息公开被行政复议纠错或行政诉讼败诉情形。", "review"),
    ],
)
def test_it_reports_all_upheld_or_none_corrected_while_table_four_shows_a_correction(sentence, row):
    r = valid_report()
    set_text(r, "四", sentence)
    f = only(r, "NARR-T4-UPHELD")
    assert f.severity == Severity.ERROR
    assert (f.location.table, f.location.row, f.actual) == ("t4_review_litigation", row, 1)
    assert "结果纠正" in f.message


def test_it_warns_when_all_is_said_upheld_while_a_case_is_pending():
    r = valid_report()
    set_text(r, "四", "被提起行政诉讼3件，均获维持。")
    f = only(r, "NARR-T4-UPHELD")
    assert (
        f.severity == Severity.WARNING
        and f.location.column == "pending"
        and "尚未审结" in f.message
    )
    set_text(r, "四", "被提起行政诉讼3件，已审结的均获维持。")  # limited to the concluded cases
    assert claims(r) == []
    set_text(
        r, "四", "被提起行政诉讼3件，均未败诉。"
    )  # none corrected: pending is no contradiction
    assert claims(r) == []


@pytest.mark.parametrize(
    ("section", "sentence"),
    [
        ("四", "行政复议3件，其中2件维持。"),  # 维持 of a part
        ("四", "行政复议3件，其中2件均获维持。"),  # 均获维持 of a part
        ("四", "2023年行政复议案件均获维持。"),  # another year
        ("四", "行政复议3件，较上年均获维持。"),  # a comparison
        ("四", "被提起行政诉讼3件，一审均获维持。"),  # one instance
        (
            "四",
            "复议后提起行政诉讼1件，均获维持。",
        ),  # only the group after review, all upheld there
        (
            "一",
            "全年办理行政复议案件120件，均予以维持。",
        ),  # a 司法局 deciding reviews, not disclosure
        ("五", "完善读网纠错机制，未出现错误信息。"),  # not a case
        ("四", "行政复议1件，结果为维持。"),  # not a claim about all
    ],
)
def test_it_leaves_alone_claims_about_part_of_the_cases_or_other_matters(section, sentence):
    r = valid_report()
    set_text(r, section, sentence)
    assert claims(r) == []


def test_it_reads_the_review_claim_apart_from_the_litigation_in_the_same_sentence():
    r = valid_report()
    r.t4["review"].update(upheld=3, corrected=0, total=3)
    set_text(r, "四", "行政复议3件，均获维持；行政诉讼3件，1件尚未审结。")
    assert claims(r) == []
    set_text(r, "四", "全县行政复议案件均获维持。")
    r.t4["review"].update(upheld=2, corrected=1)
    assert only(r, "NARR-T4-UPHELD").severity == Severity.WARNING  # a wider scope than this bureau


# ---- real reports, read in place: their statements agree with their tables; altered, they do not


def _altered(report, old, new):
    """The report with the narrative words `old` (whitespace ignored) replaced by `new`."""
    pattern = re.compile(r"\s*".join(map(re.escape, old)))
    texts = [s for s in report.sections if pattern.search(s.text)]
    assert texts, old
    texts[0].text = pattern.sub(new, texts[0].text, count=1)
    return report


@pytest.mark.parametrize(
    ("name", "old", "new", "rule", "stated"),
    [
        (
            "sh-szfbgt-2025/report.txt",
            "予以公开及部分公开208件",
            "予以公开及部分公开218件",
            "NARR-OUTCOME",
            218,
        ),
        (
            "sh-szfbgt-2025/report.txt",
            "564件（47.36%）",
            "564件（46.36%）",
            "NARR-OUTCOME-SHARE",
            46.36,
        ),
        ("sh-kw-2024/report.txt", "同意公开答复9件", "同意公开答复8件", "NARR-OUTCOME", 8),
        ("huaian-2024/report.pdf", "答复3050件", "答复3150件", "NARR-ANSWERED", 3150),
    ],
)
def test_it_catches_a_real_statement_altered_and_passes_it_unaltered(
    corpus_dir, name, old, new, rule, stated
):
    assert claims(read(corpus_dir / name)) == []
    f = only(_altered(read(corpus_dir / name), old, new), rule)
    assert f.severity == Severity.ERROR and f.actual == stated


def test_it_catches_none_corrected_in_a_real_report_whose_table_shows_a_correction(corpus_dir):
    r = read(corpus_dir / "sh-kw-2024" / "report.txt")
    r.t4["review"].update(upheld=0, corrected=1)  # 该行政复议件未被复议审查机关纠错
    f = only(r, "NARR-T4-UPHELD")
    assert f.severity == Severity.ERROR and f.location.row == "review"


def test_it_takes_over_a_concluded_count_that_includes_next_years_from_narr_results():
    r = valid_report()
    set_text(r, "三", "收到政府信息公开申请12件，办结16件（含结转下年度2件）。")
    assert [f.rule for f in check(r) if f.rule.startswith("NARR")] == ["NARR-ANSWERED"]
    set_text(r, "三", "收到政府信息公开申请12件，办结16件。")  # without the wording: NARR-RESULTS'
    assert [f.rule for f in check(r) if f.rule.startswith("NARR")] == ["NARR-RESULTS"]


def test_it_does_not_contradict_the_text_with_an_outcome_row_left_blank():
    r = valid_report()
    set_text(r, "三", "收到政府信息公开申请12件，其中不予公开3件（23.1%）。")
    assert {f.rule for f in claims(r)} == {
        "NARR-OUTCOME",
        "NARR-OUTCOME-SHARE",
    }  # the rows are all 0
    r.t3["denied.process_info"] = dict.fromkeys(r.t3["denied.process_info"])  # one row blank
    assert claims(r) == []


@pytest.mark.parametrize(
    ("agency", "sentence", "rule"),
    [
        ("某县交通运输局", "全市共答复政府信息公开申请300件。", "NARR-ANSWERED"),
        (
            "某市人民政府办公室",
            "市政府共收到政府信息公开申请300件，予以公开200件。",
            "NARR-OUTCOME",
        ),
        ("某县交通运输局", "各部门行政复议案件未被纠错。", "NARR-T4-UPHELD"),
    ],
)
def test_it_warns_when_the_text_may_cite_a_wider_scope_than_the_agency(agency, sentence, rule):
    r = valid_report()
    r.agency = agency
    set_text(r, "四" if "复议" in sentence else "三", sentence)
    f = only(r, rule)
    assert f.severity == Severity.WARNING and "范围可能大于本机关" in f.message


# ---- generated reports: every claim written from the tables passes; one number changed is caught

_GROUPS = {
    "不予公开": "denied.",
    "无法提供": "unable.",
    "不予处理": "not_processed.",
    "其他处理": "other",
}


def _total(report, prefix):
    return sum(cells["total"] for key, cells in report.t3.items() if key.startswith(prefix))


def _share(part, base, places):
    exact = Decimal(part * 100) / Decimal(base)
    return str(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def _claims_from_tables(report, places):
    """(section, sentence template with {} for the number, the number, the rule it is checked by)."""
    t3, t4, year = report.t3, report.t4, report.year
    results = t3["results_total"]["total"]
    out = [
        ("三", "全年共答复政府信息公开申请{}件。", results, "NARR-ANSWERED"),
        (
            "三",
            f"{year}年收到政府信息公开申请{t3['new_received']['total']}件，其中，予以公开{{}}件。",
            t3["granted"]["total"],
            "NARR-OUTCOME",
        ),
        (
            "三",
            "收到的政府信息公开申请中，部分公开{}件。",
            t3["partially_granted"]["total"],
            "NARR-OUTCOME",
        ),
    ]
    out += [
        ("三", f"本年度依申请公开办理结果：{words}{{}}件。", _total(report, prefix), "NARR-OUTCOME")
        for words, prefix in _GROUPS.items()
    ]
    if results:
        granted = t3["granted"]["total"]
        out.append(
            (
                "三",
                f"收到政府信息公开申请若干，予以公开{granted}件（{_share(granted, results, places)}%）。",
                None,
                "NARR-OUTCOME-SHARE",
            )
        )
    if report.template == "2021":
        valid = report.t2["art20_1"]["normative_documents"]["currently_valid"]
        out.append(("二", f"截至{year}年底，现行有效规范性文件{{}}件。", valid, "NARR-T2-VALID"))
    review = t4["review"]
    if review["corrected"] == review["other"] == review["pending"] == 0:
        out.append(("四", "因政府信息公开被申请行政复议的案件均获维持。", None, "NARR-T4-UPHELD"))
    elif review["corrected"] == 0:
        out.append(("四", "因政府信息公开被申请行政复议的案件未被纠错。", None, "NARR-T4-UPHELD"))
    return out


@settings(max_examples=60, deadline=None)
@given(reports(blanks=False), st.integers(0, 2), st.data())
def test_it_passes_every_claim_written_from_the_tables_and_catches_one_changed(
    report, places, data
):
    written = _claims_from_tables(report, places)
    texts: dict[str, list[str]] = {"二": [], "三": [], "四": []}
    for section, sentence, number, _ in written:
        texts[section].append(sentence.format(number) if number is not None else sentence)
    for section, sentences in texts.items():
        set_text(report, section, "".join(sentences))
    assert claims(report) == []

    countable = [(i, w) for i, w in enumerate(written) if w[2] is not None]
    i, (section, sentence, number, rule) = data.draw(st.sampled_from(countable))
    changed = number + data.draw(st.integers(1, 5))
    texts[section][[s for s, *_ in written[: i + 1]].count(section) - 1] = sentence.format(changed)
    set_text(report, section, "".join(texts[section]))
    f = only(report, rule)
    assert f.severity == Severity.ERROR and f.actual == changed
