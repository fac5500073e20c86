"""Rules on 表三 收到和处理政府信息公开申请情况."""

from __future__ import annotations

from ..findings import Location, Severity
from ..model import T3
from . import labels
from .base import Context, Issue, rule

_ALL = ("new_received", "carried_over_from_last_year", "results_total", "carried_to_next_year")


@rule(
    "T3-BALANCE",
    Severity.ERROR,
    title="表三每列：新收＋上年结转＝办理结果总计＋结转下年度",
    basis="表三表头（两版格式均印有）：“（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）”；statute.md §7 T3-OFFICIAL-1",
    grade="B",
)
def t3_balance(ctx: Context):
    t3 = ctx.report.t3
    if not all(k in t3 for k in _ALL):
        return
    for col in ctx.template.t3_column_keys:
        a, b, c, d = (t3[k].get(col) for k in _ALL)
        left = (a or 0) + (b or 0)
        right = (c or 0) + (d or 0)
        if left != right:
            yield Issue(
                f"表三「{labels.t3_column(col)}」列勾稽不平：第一项（本年新收 {labels.fmt(a)}）加第二项"
                f"（上年结转 {labels.fmt(b)}）之和为 {left}，应等于第三项（办理结果总计 {labels.fmt(c)}）"
                f"加第四项（结转下年度继续办理 {labels.fmt(d)}）之和 {right}；相差 {left - right}。"
                f"请核对这四个数字。",
                Location(section="三", table=T3, row="results_total", column=col),
                expected=left,
                actual=right,
            )
