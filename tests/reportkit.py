"""Small reports built in code for rule tests: a valid one of each template, and finders."""

from __future__ import annotations

from gongkai.report import Finding, Report, SectionText, check
from gongkai.report.templates import TEMPLATES


def valid_report(template: str = "2021", year: int | None = None) -> Report:
    """A report every rule accepts: consistent tables and a narrative that agrees with them.

    表三: 自然人 and 商业企业 file applications; new 10+2, carried over 3+0, results 11+2,
    carried to next year 2+0. 表四: 3 reviews, 2 direct suits, 1 suit after review.
    """
    t = TEMPLATES[template]
    year = year or (2020 if template == "2019" else 2024)
    cols = t.t3_column_keys
    t3 = {row: dict.fromkeys(cols, 0) for row in t.t3_row_keys}

    def put(row, natural, commercial):
        t3[row].update(
            natural_person=natural, commercial_enterprise=commercial, total=natural + commercial
        )

    put("new_received", 10, 2)
    put("carried_over_from_last_year", 3, 0)
    put("granted", 6, 1)
    put("partially_granted", 2, 1)
    put("unable.not_held", 2, 0)
    put("other" if template == "2019" else "other.no_correction", 1, 0)
    put("results_total", 11, 2)
    put("carried_to_next_year", 2, 0)

    t4 = {
        "review": {"upheld": 2, "corrected": 1, "other": 0, "pending": 0, "total": 3},
        "litigation_direct": {"upheld": 1, "corrected": 0, "other": 0, "pending": 1, "total": 2},
        "litigation_after_review": {
            "upheld": 1,
            "corrected": 0,
            "other": 0,
            "pending": 0,
            "total": 1,
        },
    }
    t2 = {
        sub.key: {row.key: dict.fromkeys((c.key for c in sub.columns), 0) for row in sub.rows}
        for sub in t.t2
    }
    if template == "2021":
        t2["art20_1"]["normative_documents"].update(
            issued_this_year=4, repealed_this_year=1, currently_valid=30
        )
    else:
        t2["art20_1"]["normative_documents"].update(
            newly_made=4, newly_published=4, total_published=30
        )
    agency = "某县交通运输局"
    sections = [
        SectionText(
            "一", "一、总体情况", f"{year}年，本局认真贯彻落实《中华人民共和国政府信息公开条例》。"
        ),
        SectionText("二", "二、主动公开政府信息情况", f"{year}年，本局制发规范性文件4件。"),
        SectionText(
            "三",
            "三、收到和处理政府信息公开申请情况",
            f"{year}年，本局共收到政府信息公开申请12件，上年结转政府信息公开申请3件，办结13件，结转下年度继续办理2件。",
        ),
        SectionText(
            "四",
            "四、政府信息公开行政复议、行政诉讼情况",
            "本年度因政府信息公开被申请行政复议3件，被提起行政诉讼3件，其中未经复议直接起诉2件，复议后起诉1件。",
        ),
        SectionText("五", "五、存在的主要问题及改进情况", "一是公开内容有待进一步丰富。"),
        SectionText("六", "六、其他需要报告的事项", "本年度未收取信息处理费。"),
    ]
    return Report(
        agency=agency,
        year=year,
        template=template,
        title=f"{agency}{year}年政府信息公开工作年度报告",
        preamble=f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
        sections=sections,
        t2=t2,
        t3=t3,
        t4=t4,
    )


def fired(report: Report, rule: str, previous: Report | None = None) -> list[Finding]:
    return [f for f in check(report, previous) if f.rule == rule]


def set_text(report: Report, number: str, text: str) -> None:
    report.section(number).text = text
