"""Rules on the report as a whole: its six sections, its template, its year and period, blanks left in the text."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from .. import labels
from ..findings import Location, Severity
from ..model import T3, T4
from ..templates import template_for_year
from ..textsearch import find_all
from .base import Context, Issue, rule

_ORDER = ("一", "二", "三", "四", "五", "六")


@rule(
    "STRUCT-SECTIONS",
    Severity.WARNING,
    title="年度报告应包含六个部分",
    basis="《条例》第五十条（报告内容五项）；国办公开办函〔2021〕30号 一“年度报告内容……不能遗漏”（A 级）；"
    "六个部分的标题 statute.md §1.3（B 级）",
    grade="B",
)
def sections_present(ctx: Context):
    present = {s.number for s in ctx.report.sections}
    noted = {section for section, _, _ in ctx.read_noted("READ-SECTION-NOT-FOUND")}
    for number in _ORDER:
        if number not in present and number not in noted:
            yield Issue(
                f"报告缺少第{number}部分「{labels.section(number)}」（或未能识别其标题）。"
                f"《条例》第五十条规定的内容不能遗漏，请补充该部分。",
                Location(section=number),
                expected=labels.section(number),
                actual=None,
            )


@rule(
    "STRUCT-ORDER",
    Severity.WARNING,
    title="六个部分按一至六的顺序出现，且各出现一次",
    basis="年度报告格式的部分顺序（国办公开办函〔2021〕30号 一（一）至（六）；statute.md §1.3）",
    grade="B",
)
def sections_order(ctx: Context):
    numbers = [s.number for s in ctx.report.sections if s.number in _ORDER]
    seen: set[str] = set()
    for s in ctx.report.sections:
        if s.number in seen:
            yield Issue(
                f"第{s.number}部分「{s.heading}」出现了不止一次，请合并。",
                Location(section=s.number, text=s.heading),
                expected=1,
                actual=numbers.count(s.number),
            )
        seen.add(s.number)
    ranks = [_ORDER.index(n) for n in dict.fromkeys(numbers)]
    if ranks != sorted(ranks):
        actual = "、".join(dict.fromkeys(numbers))
        yield Issue(
            f"各部分的顺序为 {actual}，应依次为 一、二、三、四、五、六；请按格式调整顺序。",
            Location(),
            expected="、".join(n for n in _ORDER if n in numbers),
            actual=actual,
        )


@rule(
    "STRUCT-TABLES",
    Severity.WARNING,
    title="报告应包含表三、表四",
    basis="年度报告格式附表（国办公开办函〔2021〕30号 附件、〔2019〕60号，statute.md §1.5 / §1.6）",
    grade="B",
)
def tables_present(ctx: Context):
    noted = {table for _, table, _ in ctx.read_noted("READ-TABLE-NOT-FOUND")}
    if not ctx.report.t3 and T3 not in noted:
        yield Issue(
            "未找到表三（收到和处理政府信息公开申请情况）或未能读出其数据；请按格式填报表三。",
            Location(section="三", table=T3),
            expected="表三",
            actual=None,
        )
    if not ctx.report.t4 and T4 not in noted:
        yield Issue(
            "未找到表四（政府信息公开行政复议、行政诉讼情况）或未能读出其数据；请按格式填报表四。",
            Location(section="四", table=T4),
            expected="表四",
            actual=None,
        )


@rule(
    "TEMPLATE-YEAR",
    Severity.WARNING,
    title="表格格式与报告年度相符",
    basis="2019、2020年度报告用国办公开办函〔2019〕60号试行格式，2021年度起用〔2021〕30号格式（statute.md §2.1，B 级）",
    grade="B",
)
def template_year(ctx: Context):
    r = ctx.report
    if not r.template or not r.year:
        return
    wanted = template_for_year(r.year)
    if wanted.key != r.template:
        yield Issue(
            f"{r.year}年度报告应采用{wanted.document}印发的《{wanted.name}》（{wanted.key}年格式），"
            f"而本报告表格为{r.template}年格式；请改用现行格式。",
            Location(),
            expected=wanted.key,
            actual=r.template,
        )


_D = r"[0-9０-９]"
_PERIOD = re.compile(
    rf"统计(?:期限|时限|期间|区间|时段|周期|时间)[^。\d]{{0,8}}?({_D}{{4}})年({_D}{{1,2}})月({_D}{{1,2}})日"
    rf"[^。\d]{{0,4}}?(?:至|到|—|－|-|~|～)[^。\d]{{0,2}}?(?:({_D}{{4}})年)?({_D}{{1,2}})月({_D}{{1,2}})日"
)
_TITLE_YEAR = re.compile(rf"({_D}{{4}})\s*年\s*(?:度)?\s*(?:的)?\s*(?:政府)?\s*信息公开")


def _period(ctx: Context):
    """(start year, month, day, end year, month, day, matched text) of the statistical period, or None."""
    narrative = ctx.report.narrative
    at = narrative.find("统计")
    while at >= 0:
        m = _PERIOD.match(
            "".join(narrative[at : at + 80].split())
        )  # split(): \s without a regex scan
        if m:
            break
        at = narrative.find("统计", at + 2)
    else:
        return None
    # int() reads full-width digits as they are.
    y1, m1, d1, y2, m2, d2 = m.groups()
    return int(y1), int(m1), int(d1), int(y2 or y1), int(m2), int(d2), m.group(0)


def _title_year(ctx: Context) -> int | None:
    return ctx.shared("title_year", _read_title_year)


def _read_title_year(ctx: Context) -> int | None:
    m = _TITLE_YEAR.search(ctx.report.title or "")
    return int(m.group(1)) if m else None


@rule(
    "PERIOD-YEAR",
    Severity.ERROR,
    title="统计期限所在年度与报告年度一致",
    basis="《条例》第四十九条：报告的是“上一年度”政府信息公开工作；统计期限为该年1月1日至12月31日（statute.md §6，B 级）",
    grade="A-law",
)
def period_year(ctx: Context):
    p = ctx.shared("period", _period)
    year = _title_year(ctx) or ctx.report.year
    if p is None or year is None:
        return
    y1, _, _, y2, _, _, text = p
    if y1 != year or y2 != year:
        source = "标题" if _title_year(ctx) else "报告年度"
        yield Issue(
            f"正文统计期限「{text}」为{y1}年"
            + (f"至{y2}年" if y2 != y1 else "")
            + f"，而{source}为{year}年度；请核对统计期限或年度。",
            Location(text=text),
            expected=year,
            actual=y1 if y1 != year else y2,
        )


@rule(
    "PERIOD-RANGE",
    Severity.WARNING,
    title="统计期限为一整个自然年",
    basis="统计期限为1月1日至12月31日（DB51/T 2660—2019 §2.1 及各地实践，statute.md §6，B 级）",
    grade="B",
)
def period_range(ctx: Context):
    p = ctx.shared("period", _period)
    if p is None:
        return
    y1, m1, d1, y2, m2, d2, text = p
    if (m1, d1, m2, d2) != (1, 1, 12, 31) or y1 != y2:
        yield Issue(
            f"正文统计期限「{text}」不是一整个自然年，应为{y1}年1月1日至{y1}年12月31日；请核对。",
            Location(text=text),
            expected=f"{y1}-01-01…{y1}-12-31",
            actual=f"{y1}-{m1:02d}-{d1:02d}…{y2}-{m2:02d}-{d2:02d}",
        )


@rule(
    "TITLE-YEAR",
    Severity.WARNING,
    title="标题中的年度与报告年度一致",
    basis="《条例》第四十九条（报告上一年度工作）；标题写法见各地报告（B 级）",
    grade="B",
)
def title_year(ctx: Context):
    ty = _title_year(ctx)
    if ty is not None and ctx.report.year is not None and ty != ctx.report.year:
        yield Issue(
            f"标题「{ctx.report.title}」写的是{ty}年度，而报告记录的年度为{ctx.report.year}年；请核对。",
            Location(text=ctx.report.title),
            expected=ctx.report.year,
            actual=ty,
        )


# Blanks a drafter left for a number or a name. The full pattern is tried only where one of its
# first characters occurs (a plain character-set scan is ten times faster than letting the
# alternation scan); the context conditions are checked in Python on the rare hits. Uppercase X / × only, never inside an ASCII word, so URLs
# (www.xx.gov.cn) and English words do not match; a run of two or more spaces between a Chinese
# word and a unit is a number left out (“公开信息  条”).
_PLACEHOLDER = re.compile(
    r"[XＸ]{2,}|×{2,}|[XＸ×](?=[件条个项次年月日])"
    r"|【[\s　]*】|（[\s　]*）|\([ \t　]*\)"
    r"|[ \t　]{2,}(?=[件条个项次](?![例款目数]))"
    r"|[ \t　]{2,}(?=[月日])"  # a date left blank: 2024年  月  日 (only after 年 or 月, below)
    r"|_{3,}|＿{2,}|○{2,}"  # a line to write on, circles standing for a name: 共公开____条, ○○局
)
_PLACEHOLDER_START = "XＸ×【（( \t　_＿○"
# A year written with X for its last digits (20XX年): the one X run after digits that is a blank.
_YEAR_X = re.compile(r"[XＸ×]{2}年")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _is_placeholder(text: str, m: re.Match) -> bool:
    before = text[m.start() - 1] if m.start() else ""
    after = text[m.end()] if m.end() < len(text) else ""
    first = m.group(0)[0]
    if first in "XＸ×":
        if before.isdigit() and _YEAR_X.match(text, m.start()):
            return True
        return not _ASCII_WORD.match(before) and not _ASCII_WORD.match(after)
    if first in " \t　":
        if after in "月日":
            return before in ("年", "月")
        return bool(_CJK.match(before))
    return True


@rule(
    "PLACEHOLDER",
    Severity.WARNING,
    title="正文中留有未填写的占位符",
    basis="国办公开办函〔2021〕30号（四）明确责任：不得“发布内容不准确不全面”（A 级，statute.md §1.2）",
    grade="A",
)
def placeholders(ctx: Context):
    r = ctx.report
    parts = [("标题", None, r.title or ""), ("前言", None, r.preamble)]
    parts += [(f"第{s.number}部分", s.number, f"{s.heading}\n{s.text}") for s in r.sections]
    # One text for all parts, each start character looked for once: they are joined by NUL, which
    # no placeholder holds and which borders one no differently from the end of a part.
    whole = "\0".join(text for _, _, text in parts)
    part_starts = list(accumulate([len(text) + 1 for _, _, text in parts[:-1]], initial=0))
    end = 0
    for at in find_all(whole, _PLACEHOLDER_START):
        if at < end:
            continue
        m = _PLACEHOLDER.match(whole, at)
        if m is None or not _is_placeholder(whole, m):
            continue
        end = m.end()
        part = bisect_right(part_starts, at) - 1
        where, number, text = parts[part]
        start, stop = at - part_starts[part], end - part_starts[part]
        a, b = max(0, start - 12), min(len(text), stop + 12)
        context = text[a:b].replace("\n", " ")
        yield Issue(
            f"{where}留有未填写的占位符「{m.group(0)}」：…{context}…；请填入实际内容。",
            Location(section=number, line=text.count("\n", 0, start) + 1, text=context),
            expected="实际内容",
            actual=m.group(0),
        )
