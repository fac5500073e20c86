"""Rules on 表三 收到和处理政府信息公开申请情况."""

from __future__ import annotations

from functools import cache
from operator import itemgetter

from .. import labels
from ..findings import Location, Severity
from ..model import T3, T3_ROW_KEYS
from .base import Context, Issue, rule, sum_issue

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
    columns = ctx.template.t3_column_keys
    for col, a, b, c, d in zip(columns, *_cells([t3[k] for k in _ALL], columns), strict=True):
        left = (a or 0) + (b or 0)
        right = (c or 0) + (d or 0)
        if left != right:
            yield sum_issue(
                f"表三「{labels.t3_column(col)}」列勾稽不平：第一项（本年新收 {labels.fmt(a)}）加第二项"
                f"（上年结转 {labels.fmt(b)}）之和为 {left}，应等于第三项（办理结果总计 {labels.fmt(c)}）"
                f"加第四项（结转下年度继续办理 {labels.fmt(d)}）之和 {right}；相差 {left - right}。"
                f"请核对这四个数字。",
                Location(section="三", table=T3, row="results_total", column=col),
                left,
                right,
                (a, b),
                (c, d),
            )


# The rows under 三、本年度办理结果 of either template, in print order.
_LEAVES = tuple(k for k in T3_ROW_KEYS if k not in _ALL)
_T3_NOTE_BASIS = "statute.md §1.5 / §2.3（国办公开办函〔2021〕30号、〔2019〕60号 表三）"


def _cells(rows: list[dict], columns: tuple[str, ...]) -> list[tuple]:
    """Each row's cells in `columns` order, None where a row lacks one. By one itemgetter call
    per row while no cell is missing: check() takes 17 % fewer instructions (performance.md)."""
    try:
        return list(map(itemgetter(*columns), rows))
    except KeyError:
        return [tuple(map(cells.get, columns)) for cells in rows]


def present_leaves(t3: dict) -> list[str]:
    """The outcome rows the report printed, in print order, whichever template they come from.

    A 2021-format report that still prints the 2019 single （六）其他处理 row has `other` instead of
    (or besides) the three 2021 sub-rows; summing what is printed keeps the check exact for both.
    """
    return [k for k in _LEAVES if k in t3]


@rule(
    "T3-OUTCOME-SUM",
    Severity.ERROR,
    title="表三每列：办理结果各项之和＝（七）总计",
    basis=f"表三“三、本年度办理结果”下（七）总计行的设计（{_T3_NOTE_BASIS}）；statute.md §7 T3-IMPLIED-2：由表格设计隐含，模板未以文字印明",
    grade="B-implied",
)
def t3_outcome_sum(ctx: Context):
    t3 = ctx.report.t3
    if "results_total" not in t3:
        return
    leaves = present_leaves(t3)
    if not leaves:
        return
    columns = ctx.template.t3_column_keys
    by_column = zip(*_cells([t3[k] for k in leaves], columns), strict=True)
    for col, parts in zip(columns, by_column, strict=True):
        total = t3["results_total"].get(col)
        s = sum(filter(None, parts))
        if s != (total or 0):
            nonzero = "、".join(
                f"{labels.t3_row(r)} {v}" for r, v in zip(leaves, parts, strict=True) if v
            )
            yield sum_issue(
                f"表三「{labels.t3_column(col)}」列：三、本年度办理结果各项（{nonzero or '均为0或空白'}）之和为 {s}，"
                f"而「（七）总计」填写 {labels.fmt(total)}，相差 {s - (total or 0)}。请核对该列各办理结果与总计。",
                Location(section="三", table=T3, row="results_total", column=col),
                s,
                total,
                parts,
                (total,),
            )


@cache
def _applicant_columns(columns: tuple[str, ...]) -> tuple[str, ...]:
    """A template's six applicant columns (all but 总计), worked out once per template."""
    return tuple(c for c in columns if c != "total")


@rule(
    "T3-APPLICANT-SUM",
    Severity.ERROR,
    title="表三每行：六类申请人之和＝总计",
    basis=f"表三“申请人情况”下「总计」列的设计（{_T3_NOTE_BASIS}）；statute.md §7 T3-IMPLIED-3：由表格设计隐含，模板未以文字印明",
    grade="B-implied",
)
def t3_applicant_sum(ctx: Context):
    parts_cols = _applicant_columns(ctx.template.t3_column_keys)
    t3 = ctx.report.t3
    rows = [r for r in T3_ROW_KEYS if r in t3 and "total" in t3[r]]
    for row, parts in zip(rows, _cells([t3[r] for r in rows], parts_cols), strict=True):
        cells = t3[row]
        total = cells["total"]
        s = sum(filter(None, parts))
        if s != (total or 0):
            detail = "、".join(
                f"{labels.t3_column(c)} {labels.fmt(cells.get(c))}" for c in parts_cols
            )
            yield sum_issue(
                f"表三「{labels.t3_row(row)}」行：六类申请人（{detail}）之和为 {s}，"
                f"而「总计」列填写 {labels.fmt(total)}，相差 {s - (total or 0)}。请核对该行。",
                Location(section="三", table=T3, row=row, column="total"),
                s,
                total,
                parts,
                (total,),
            )


@rule(
    "T3-NEGATIVE",
    Severity.ERROR,
    title="表三的件数不能为负",
    basis="表三各格为申请件数（statute.md §1.5 “unit: 件 (implied)”），件数不可能为负",
    grade="B",
)
def t3_negative(ctx: Context):
    if min(filter(None, ctx.distinct_values("t3")), default=0) >= 0:
        return
    for row in T3_ROW_KEYS:
        for col, value in ctx.report.t3.get(row, {}).items():
            if value is not None and value < 0:
                yield Issue(
                    f"{labels.t3_cell(row, col)}填写 {value}：申请件数不能为负数，请更正。",
                    Location(section="三", table=T3, row=row, column=col),
                    expected=">= 0",
                    actual=value,
                )


@rule(
    "T3-ROW-FORMAT",
    Severity.WARNING,
    title="表三（六）其他处理的行与所用格式一致",
    basis="2021年格式把（六）其他处理分为3个子项（国办公开办函〔2021〕30号，statute.md §1.5；子项仅为 C 级证据），2019年试行格式为单行（〔2019〕60号，§2.3）",
    grade="C",
)
def t3_row_format(ctx: Context):
    t3 = ctx.report.t3
    if ctx.report.template == "2021" and "other" in t3:
        yield Issue(
            "表三按2021年格式填报，却印有2019年试行格式的单行「（六）其他处理」；2021年格式应分列"
            "「1.申请人无正当理由逾期不补正…」「2.申请人逾期未按收费通知要求缴纳费用…」「3.其他」三行。"
            "（该行已计入（七）总计的核对。）",
            Location(section="三", table=T3, row="other"),
            expected="other.no_correction / other.fee_not_paid / other.other",
            actual="other",
        )
    if ctx.report.template == "2019":
        subs = [k for k in ("other.no_correction", "other.fee_not_paid", "other.other") if k in t3]
        if subs:
            yield Issue(
                "表三按2019年试行格式填报，却印有2021年格式的（六）其他处理子项"
                f"（{'、'.join(labels.t3_row(k) for k in subs)}）；请统一采用一种格式。",
                Location(section="三", table=T3, row=subs[0]),
                expected="other",
                actual=subs,
            )


@rule(
    "T3-ROWS-MISSING",
    Severity.INFO,
    title="表三缺少模板规定的行",
    basis="表三行目（国办公开办函〔2021〕30号 / 〔2019〕60号，statute.md §1.5 / §2.3）",
    grade="B",
)
def t3_rows_missing(ctx: Context):
    t3 = ctx.report.t3
    if not t3:
        return  # no table at all is STRUCT-TABLES' business
    expected = ctx.template.t3_row_keys
    if ctx.report.template == "2021" and "other" in t3:
        expected = [k for k in expected if not k.startswith("other.")]
    noted = {row for _, _, row in ctx.read_noted("READ-ROW-NOT-FOUND")}
    missing = [k for k in expected if k not in t3 and k not in noted]
    if missing:
        yield Issue(
            f"表三未印出以下行：{'、'.join(labels.t3_row(k) for k in missing)}。勾稽核对时按0计；"
            "请按模板补全这些行（无数据填0）。",
            Location(section="三", table=T3, row=missing[0]),
            expected=missing,
            actual=None,
        )


@rule(
    "T3-BLANK",
    Severity.INFO,
    title="表三应填数字的格子留空",
    basis="表三各格为件数（statute.md §1.5）；空白格在勾稽核对中按0计",
    grade="B",
)
def t3_blank(ctx: Context):
    if None not in ctx.distinct_values("t3"):
        return
    blanks = [(r, c) for r in T3_ROW_KEYS for c, v in ctx.report.t3.get(r, {}).items() if v is None]
    if blanks:
        shown = "、".join(
            f"「{labels.t3_row(r)}」行「{labels.t3_column(c)}」列" for r, c in blanks[:5]
        )
        more = f"等共 {len(blanks)} 格" if len(blanks) > 5 else ""
        r, c = blanks[0]
        yield Issue(
            f"表三{shown}{more}为空白，勾稽核对中按0计；无数据时请填写0。",
            Location(section="三", table=T3, row=r, column=c),
            expected=0,
            actual=None,
        )
