"""The narrative of a report: figures are {名称} placeholders filled from the computed tables.

Staff edit text such as “全年新收政府信息公开申请{新收申请}件”; the report prints the number of
the same 表三 cell the table prints, so text and tables cannot disagree. A figure typed as a
literal number is still checked by the narrative rules (gongkai.report.rules.narrative).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from gongkai.agencies.models import Agency, Level
from gongkai.report.model import Report, SectionText
from gongkai.report.templates import template_for_year

from .models import Narrative, Scope

PLACEHOLDER = re.compile(r"\{([^{}\s]{1,20})\}")


def _t3(row: str) -> Callable[[Report], object]:
    return lambda r: r.t3.get(row, {}).get("total", 0)


def _t3_group(prefix: str) -> Callable[[Report], object]:
    return lambda r: sum(
        c.get("total", 0) or 0 for k, c in r.t3.items() if k == prefix or k.startswith(prefix + ".")
    )


def _t4(group: str, col: str = "total") -> Callable[[Report], object]:
    return lambda r: r.t4.get(group, {}).get(col, 0)


def _t2(sub: str, row: str, col: str) -> Callable[[Report], object]:
    def get(r: Report):
        value = r.t2.get(sub, {}).get(row, {}).get(col)
        if isinstance(value, float):
            return f"{value:.4f}".rstrip("0").rstrip(".")
        return value if value is not None else 0

    return get


def _first(*getters: Callable[[Report], object]) -> Callable[[Report], object]:
    """The first figure the report's template has (2021 and 2019 name 表二 columns differently)."""

    def get(r: Report):
        for g in getters:
            value = g(r)
            if value:
                return value
        return getters[0](r)

    return get


# Placeholder name -> the figure it prints. The names are what staff type, so they are Chinese.
FIGURES: dict[str, Callable[[Report], object]] = {
    "年度": lambda r: r.year,
    "机关": lambda r: r.agency,
    "新收申请": _t3("new_received"),
    "上年结转": _t3("carried_over_from_last_year"),
    "办结": _t3("results_total"),
    "结转下年度": _t3("carried_to_next_year"),
    "予以公开": _t3("granted"),
    "部分公开": _t3("partially_granted"),
    "不予公开": _t3_group("denied"),
    "无法提供": _t3_group("unable"),
    "不予处理": _t3_group("not_processed"),
    "其他处理": _t3_group("other"),
    "自然人申请": lambda r: r.t3.get("new_received", {}).get("natural_person", 0),
    "法人或其他组织申请": lambda r: sum(
        v or 0
        for k, v in r.t3.get("new_received", {}).items()
        if k not in ("natural_person", "total")
    ),
    "行政复议": _t4("review"),
    "复议纠正": _t4("review", "corrected"),
    "行政诉讼": lambda r: _t4("litigation_direct")(r) + _t4("litigation_after_review")(r),
    "未经复议直接起诉": _t4("litigation_direct"),
    "复议后起诉": _t4("litigation_after_review"),
    "诉讼纠正": lambda r: (
        _t4("litigation_direct", "corrected")(r) + _t4("litigation_after_review", "corrected")(r)
    ),
    "制发规范性文件": _first(
        _t2("art20_1", "normative_documents", "issued_this_year"),
        _t2("art20_1", "normative_documents", "newly_made"),
    ),
    "废止规范性文件": _t2("art20_1", "normative_documents", "repealed_this_year"),
    "现行有效规范性文件": _t2("art20_1", "normative_documents", "currently_valid"),
    "行政许可": _first(
        _t2("art20_5", "administrative_licensing", "decisions_this_year"),
        _t2("art20_5", "administrative_licensing", "decisions"),
    ),
    "行政处罚": _first(
        _t2("art20_6", "administrative_penalty", "decisions_this_year"),
        _t2("art20_6", "administrative_penalty", "decisions"),
    ),
    "行政强制": _first(
        _t2("art20_6", "administrative_coercion", "decisions_this_year"),
        _t2("art20_6", "administrative_coercion", "decisions"),
    ),
    "收费金额": _t2("art20_8", "administrative_fees", "fee_amount_this_year"),
}


class UnknownFigure(ValueError):
    def __init__(self, names: list[str]):
        self.names = names
        super().__init__(
            "未知的数字占位符："
            + "、".join("{" + n + "}" for n in names)
            + "；可用："
            + "、".join(FIGURES)
        )


def unknown_figures(text: str) -> list[str]:
    return sorted({m.group(1) for m in PLACEHOLDER.finditer(text) if m.group(1) not in FIGURES})


def fill(text: str, report: Report) -> str:
    """The text with every {名称} replaced by its figure from the report's tables."""
    unknown = unknown_figures(text)
    if unknown:
        raise UnknownFigure(unknown)
    return PLACEHOLDER.sub(lambda m: str(FIGURES[m.group(1)](report)), text)


# -- the draft generated from the data --------------------------------------------------------


def draft(agency: Agency, scope: str, year: int) -> dict[str, str]:
    """A first draft of every text field, figures as placeholders; a government's report adds the
    supervision figures from the records (《条例》第五十条（四）, gongkai.evaluations.summary)."""
    wider = "（含所属部门和街道（乡镇））" if scope == Scope.TREE else ""
    texts = _draft(agency, year, wider)
    if agency.level == Level.GOVERNMENT:
        from gongkai.evaluations import summary

        texts["section5"] += "\n" + summary.section5(agency, year)
        texts["section6"] = summary.section6(agency, year) + "\n" + texts["section6"]
    return texts


def _draft(agency: Agency, year: int, wider: str) -> dict[str, str]:
    return {
        "preamble": (
            "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和国务院办公厅政府信息与政务公开办公室"
            "印发的政府信息公开工作年度报告格式要求编制。报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
            "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六部分组成。"
            "本报告中所列数据的统计期限自{年度}年1月1日起至{年度}年12月31日止。"
        ),
        "section1": (
            f"{{年度}}年，{{机关}}{wider}认真贯彻落实《条例》，坚持以公开为常态、不公开为例外，推进政府信息公开工作。\n"
            "（一）主动公开。全年制发行政规范性文件{制发规范性文件}件，废止{废止规范性文件}件，"
            "现行有效{现行有效规范性文件}件，均按规定在政府网站公开。\n"
            "（二）依申请公开。全年新收政府信息公开申请{新收申请}件，上年结转{上年结转}件；"
            "办结{办结}件，其中予以公开{予以公开}件，部分公开{部分公开}件，不予公开{不予公开}件，"
            "无法提供{无法提供}件，不予处理{不予处理}件，其他处理{其他处理}件；结转下年度继续办理{结转下年度}件。\n"
            "（三）政府信息管理。严格执行公开前保密审查，规范政府信息公开申请登记、审核、办理、答复、归档各环节。\n"
            "（四）平台建设。依托政府门户网站和政务新媒体集中发布政府信息，依申请公开网上渠道运行平稳。\n"
            "（五）监督保障。将政府信息公开工作纳入年度绩效考核，按季度通报办理情况。"
        ),
        "section2": "",
        "section3": (
            "全年新收政府信息公开申请中，自然人申请{自然人申请}件，法人或其他组织申请{法人或其他组织申请}件。"
        ),
        "section4": (
            "全年因政府信息公开被申请行政复议{行政复议}件，其中结果纠正{复议纠正}件；"
            "被提起行政诉讼{行政诉讼}件，其中结果纠正{诉讼纠正}件。"
        ),
        "section5": (
            "存在的主要问题：一是部分单位答复文书说理不够充分；二是个别申请办理临近法定期限。"
            "改进情况：加强答复文书审核，建立临期提醒，按月核对办理台账，确保依法按时答复。"
        ),
        "section6": "本机关依据《政府信息公开信息处理费管理办法》收取信息处理费的情况已在办理记录中登记。无其他需要报告的事项。",
    }


def narrative_for(agency: Agency, scope: str, year: int) -> dict[str, str]:
    """The stored text, or the draft while none is stored."""
    stored = Narrative.objects.filter(agency=agency, year=year, scope=scope).first()
    if stored is None:
        return draft(agency, scope, year)
    return {f: getattr(stored, f) for f in ("preamble", *Narrative.SECTION_FIELDS)}


def sections_for(
    agency: Agency, scope: str, year: int, report: Report
) -> tuple[str, list[SectionText]]:
    texts = narrative_for(agency, scope, year)
    template = template_for_year(year)
    sections = [
        SectionText(s.number, s.heading, fill(texts[f"section{i}"], report))
        for i, s in enumerate(template.sections, start=1)
    ]
    return fill(texts["preamble"], report), sections
