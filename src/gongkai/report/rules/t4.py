"""Rules on 表四 政府信息公开行政复议、行政诉讼情况."""

from __future__ import annotations

from .. import labels
from ..findings import Location, Severity
from ..model import T4, T4_GROUP_KEYS
from .base import Context, Issue, rule, sum_issue

PARTS = ("upheld", "corrected", "other", "pending")


def group_sum(cells: dict) -> int:
    """结果维持＋结果纠正＋其他结果＋尚未审结, blanks as 0."""
    return sum(cells.get(p) or 0 for p in PARTS)


@rule(
    "T4-TOTAL",
    Severity.ERROR,
    title="表四每组：结果维持＋结果纠正＋其他结果＋尚未审结＝总计",
    basis="表四三组（行政复议、未经复议直接起诉、复议后起诉）各设「总计」列（国办公开办函〔2021〕30号、〔2019〕60号，statute.md §1.6）；"
    "statute.md §7 T4-IMPLIED-1：由表格设计隐含，模板未以文字印明",
    grade="B-implied",
)
def t4_total(ctx: Context):
    for group in T4_GROUP_KEYS:
        cells = ctx.report.t4.get(group)
        if cells is None or "total" not in cells:
            continue
        s = group_sum(cells)
        total = cells["total"]
        if s != (total or 0):
            detail = "、".join(f"{labels.t4_column(c)} {labels.fmt(cells.get(c))}" for c in PARTS)
            yield sum_issue(
                f"表四「{labels.t4_group(group)}」：{detail}，四项之和为 {s}，"
                f"而「总计」填写 {labels.fmt(total)}，相差 {s - (total or 0)}。请核对该组。",
                Location(section="四", table=T4, row=group, column="total"),
                s,
                total,
                map(cells.get, PARTS),
                (total,),
            )


@rule(
    "T4-NEGATIVE",
    Severity.ERROR,
    title="表四的案件数不能为负",
    basis="表四各格为行政复议、行政诉讼案件数（statute.md §1.6），案件数不可能为负",
    grade="B",
)
def t4_negative(ctx: Context):
    if min(filter(None, ctx.distinct_values("t4")), default=0) >= 0:
        return
    for group in T4_GROUP_KEYS:
        for col, value in ctx.report.t4.get(group, {}).items():
            if value is not None and value < 0:
                yield Issue(
                    f"{labels.t4_cell(group, col)}填写 {value}：案件数不能为负数，请更正。",
                    Location(section="四", table=T4, row=group, column=col),
                    expected=">= 0",
                    actual=value,
                )


@rule(
    "T4-BLANK",
    Severity.INFO,
    title="表四应填数字的格子留空",
    basis="表四各格为案件数（statute.md §1.6）；空白格在核对中按0计",
    grade="B",
)
def t4_blank(ctx: Context):
    if None not in ctx.distinct_values("t4"):
        return
    blanks = [
        (g, c) for g in T4_GROUP_KEYS for c, v in ctx.report.t4.get(g, {}).items() if v is None
    ]
    if blanks:
        shown = "、".join(labels.t4_cell(g, c) for g, c in blanks[:5])
        more = f"等共 {len(blanks)} 格" if len(blanks) > 5 else ""
        g, c = blanks[0]
        yield Issue(
            f"{shown}{more}为空白，核对中按0计；无案件时请填写0。",
            Location(section="四", table=T4, row=g, column=c),
            expected=0,
            actual=None,
        )
