"""Rules comparing a report with the agency's report of the year before (`check(report, previous)`)."""

from __future__ import annotations

import re

from .. import labels
from ..findings import Location, Severity
from ..model import T2, T3
from ..similarity import THRESHOLD, copied_share
from .base import Context, Issue, rule

_WS = re.compile(r"\s+")
# The sections that describe the year's own work and problems, compared with last year's.
COPIED_SECTIONS = ("一", "五")


def _comparable(ctx: Context) -> bool:
    """Only a report of year N−1 (or of unknown year) is compared cell by cell."""
    p, r = ctx.previous, ctx.report
    return p is not None and (p.year is None or r.year is None or p.year == r.year - 1)


@rule(
    "X-YEAR-PREVIOUS",
    Severity.WARNING,
    title="用于跨年度核对的上年报告应为同一机关的上一年度报告",
    basis="跨年度核对的前提（statute.md §7 X-YEAR-1 / X-YEAR-2）",
    grade="C",
    needs_previous=True,
)
def previous_is_last_year(ctx: Context):
    p, r = ctx.previous, ctx.report
    if p.year is not None and r.year is not None and p.year != r.year - 1:
        yield Issue(
            f"所给上年报告为{p.year}年度，而本报告为{r.year}年度，应使用{r.year - 1}年度报告；未作跨年度核对。",
            Location(),
            expected=r.year - 1,
            actual=p.year,
        )
    if p.agency and r.agency and _WS.sub("", p.agency) != _WS.sub("", r.agency):
        yield Issue(
            f"所给上年报告的机关为「{p.agency}」，与本报告「{r.agency}」不同；跨年度核对结果可能无意义。",
            Location(),
            expected=r.agency,
            actual=p.agency,
        )


@rule(
    "X-YEAR-1",
    Severity.WARNING,
    title="本年“上年结转”＝上年“结转下年度继续办理”（每列）",
    basis="statute.md §7 X-YEAR-1：仅见于第三方工具（C 级），未见官方文字",
    grade="C",
    needs_previous=True,
)
def carried_over_continuity(ctx: Context):
    if not _comparable(ctx):
        return
    now = ctx.report.t3.get("carried_over_from_last_year")
    before = ctx.previous.t3.get("carried_to_next_year")
    if now is None or before is None:
        return
    for col in ctx.template.t3_column_keys:
        a, b = now.get(col), before.get(col)
        if (a or 0) != (b or 0):
            yield Issue(
                f"表三「{labels.t3_column(col)}」列：本年「二、上年结转政府信息公开申请数量」为 {labels.fmt(a)}，"
                f"而上年报告「四、结转下年度继续办理」为 {labels.fmt(b)}；二者应相等，请核对。",
                Location(section="三", table=T3, row="carried_over_from_last_year", column=col),
                expected=b or 0,
                actual=a,
            )


@rule(
    "X-YEAR-2",
    Severity.WARNING,
    title="现行有效件数＝上年现行有效＋本年制发－本年废止（2021年格式）",
    basis="statute.md §7 X-YEAR-2 / §1.4：仅见于第三方工具（C 级），官方未作规定，UNVERIFIED",
    grade="C",
    needs_previous=True,
)
def currently_valid_continuity(ctx: Context):
    r, p = ctx.report, ctx.previous
    if not _comparable(ctx) or r.template != "2021" or p.template != "2021":
        return
    for row, cells in r.t2.get("art20_1", {}).items():
        last = p.t2.get("art20_1", {}).get(row, {}).get("currently_valid")
        valid = cells.get("currently_valid")
        if last is None or valid is None:
            continue
        issued, repealed = cells.get("issued_this_year") or 0, cells.get("repealed_this_year") or 0
        expected = last + issued - repealed
        if valid != expected:
            yield Issue(
                f"{labels.t2_cell(ctx.template, 'art20_1', row, 'currently_valid')}"
                f"为 {valid}，而上年现行有效 {last}＋本年制发 {issued}－本年废止 {repealed}＝{expected}；请核对。",
                Location(section="二", table=T2, row=f"art20_1.{row}", column="currently_valid"),
                expected=expected,
                actual=valid,
            )


@rule(
    "X-YEAR-COPIED",
    Severity.WARNING,
    title="第一、五部分与上年报告基本相同（照搬上年内容）",
    basis="国办公开办函〔2021〕30号（四）明确责任：年度报告不得“内容雷同、敷衍塞责”（A 级，statute.md §1.2）；"
    "第一部分（总体情况）、第五部分（存在的主要问题及改进情况）应写本年情况。相同程度按本年该部分连续5字片段"
    "（不计数字、标点）在上年同一部分出现的比例衡量，达到 80% 即提示（阈值依据见 docs/audit.md）",
    grade="A",
    needs_previous=True,
)
def copied_narrative(ctx: Context):
    if not _comparable(ctx):
        return
    for number in COPIED_SECTIONS:
        now, before = ctx.report.section(number), ctx.previous.section(number)
        if now is None or before is None:
            continue
        share = copied_share(now.text, before.text)
        if share is not None and share >= THRESHOLD:
            year = f"{ctx.previous.year}年度" if ctx.previous.year else "上一年度"
            yield Issue(
                f"第{number}部分「{now.heading}」与{year}报告的同一部分基本相同：本部分 {share:.0%} 的文字"
                f"（按连续5字计，不计数字和标点）在上年报告中已出现。年度报告应写本年的工作和问题，请按本年实际情况撰写。",
                Location(section=number, text=now.heading),
                expected=f"< {THRESHOLD:.0%}",
                actual=round(share, 3),
            )
