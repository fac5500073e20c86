"""Numbers the narrative states against the tables (and against themselves).

The numbers are read by gongkai.report.narrative_numbers (which says when a number is read at
all). A table number is accepted when it equals any honest reading of the table (the printed 总计,
the sum of its parts, new plus carried-over for 受理), so a table error is reported by the table
rules only, not twice.
"""

from __future__ import annotations

from .. import labels
from ..findings import Location, Severity
from ..model import T2, T3, T4
from ..narrative_numbers import Stated, stated
from .base import Context, Issue, rule
from .t3 import present_leaves
from .t4 import PARTS

_APPLICANT_COLUMNS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
)


def _readings(cells: dict, parts) -> list[int]:
    """The printed 总计, then the sum of the parts; [] when nothing was printed (or read): a blank
    the reader could not fill is no ground for contradicting the narrative."""
    values = [cells.get(p) for p in parts]
    if cells.get("total") is None and all(v is None for v in values):
        return []
    printed = [] if cells.get("total") is None else [cells["total"]]
    return [*printed, sum(v or 0 for v in values)]


def _t3_readings(ctx: Context, row: str) -> list[int]:
    """Readings of a 表三 row: its 总计, the sum of its six applicant columns."""
    return _readings(ctx.report.t3.get(row, {}), _APPLICANT_COLUMNS)


def _t4_readings(ctx: Context, group: str) -> list[int]:
    return _readings(ctx.report.t4.get(group, {}), PARTS)


def _where(s: Stated) -> str:
    return f"第{s.section}部分" if s.section else "前言"


_SCOPE_NOTE = "（该句涉及的范围可能大于本机关，列为警告）"


def _mismatch(
    s: Stated, quantity: str, table_place: str, readings: list[int], row, col, table, section
):
    # A sentence naming a government (市政府共收到…) in a department's report may quote the
    # government's figure, not the agency's: a warning, not an error.
    return Issue(
        f"{_where(s)}正文称「{s.text}」（{quantity} {s.value} 件），而{table_place}为 "
        f"{labels.candidates(readings)}；请核对正文与表格，使二者一致。"
        f"{_SCOPE_NOTE if s.government else ''}",
        Location(section=s.section, table=table, row=row, column=col, text=s.sentence),
        expected=readings[0],
        actual=s.value,
        severity=Severity.WARNING if s.government else None,
    )


_T3_BASIS = "正文与表三须一致：国办公开办函〔2021〕30号（四）明确责任，不得“发布内容不准确”（A 级）；表三行目 statute.md §1.5"


def _t3_rule(kind: str, quantity: str, row: str, readings_fn):
    def check(ctx: Context):
        said = stated(ctx, kind)
        # Most narratives state few numbers: the table is read only when there is one to compare.
        if not said or row not in ctx.report.t3:
            return
        readings = readings_fn(ctx)
        for s in said if readings else ():
            if s.value not in readings:
                yield _mismatch(
                    s,
                    quantity,
                    f"表三「{labels.t3_row(row)}」行「总计」列",
                    readings,
                    row,
                    "total",
                    T3,
                    "三",
                )

    return check


def _received_readings(ctx: Context) -> list[int]:
    # 受理/收到 sometimes counts last year's carried-over applications too (e.g. 受理749件 = 713+36).
    new = _t3_readings(ctx, "new_received")
    old = _t3_readings(ctx, "carried_over_from_last_year") or [0]
    return [*new, *(n + o for n in new for o in old)]


def _results_readings(ctx: Context) -> list[int]:
    readings = _t3_readings(ctx, "results_total")
    leaves = [ctx.report.t3[r].get("total") for r in present_leaves(ctx.report.t3)]
    if any(v is not None for v in leaves):
        readings.append(sum(v or 0 for v in leaves))
    return readings


def _rows_total(ctx: Context, keys) -> int:
    return sum(ctx.report.t3.get(k, {}).get("total") or 0 for k in keys)


def answered_readings(ctx: Context) -> list[int]:
    """The results, and the results less those never answered: （六）其他处理 (withdrawn, never
    corrected, fee not paid), and less （五）不予处理 too. “按时办结66件，5件逾期未补正，2件撤销申请”
    counts 66 of 73 results as 办结; 答复 counts the same way."""
    results = _results_readings(ctx)
    t3 = ctx.report.t3
    other = _rows_total(ctx, [k for k in t3 if k == "other" or k.startswith("other.")])
    ignored = _rows_total(ctx, [k for k in t3 if k.startswith("not_processed.")])
    return list(
        dict.fromkeys(
            [*results, *(r - other for r in results), *(r - other - ignored for r in results)]
        )
    )


_SEVERITY_NOTE = "；模式化措辞匹配，仅在数字无歧义地指本机关本年度时比对"

rule(
    "NARR-RECEIVED",
    Severity.ERROR,
    title="正文所称收到（新收、受理）申请件数与表三一致",
    basis=_T3_BASIS + "「一、本年新收政府信息公开申请数量」" + _SEVERITY_NOTE,
    grade="A",
)(_t3_rule("received", "收到申请", "new_received", _received_readings))

rule(
    "NARR-CARRIED-OVER",
    Severity.ERROR,
    title="正文所称上年结转件数与表三一致",
    basis=_T3_BASIS + "「二、上年结转政府信息公开申请数量」" + _SEVERITY_NOTE,
    grade="A",
)(
    _t3_rule(
        "carried_over",
        "上年结转",
        "carried_over_from_last_year",
        lambda ctx: _t3_readings(ctx, "carried_over_from_last_year"),
    )
)

rule(
    "NARR-RESULTS",
    Severity.ERROR,
    title="正文所称办结件数与表三（七）总计一致",
    basis=_T3_BASIS + "「三、本年度办理结果（七）总计」" + _SEVERITY_NOTE,
    grade="A",
)(_t3_rule("results", "办结", "results_total", answered_readings))

rule(
    "NARR-CARRIED-NEXT",
    Severity.ERROR,
    title="正文所称结转下年度件数与表三一致",
    basis=_T3_BASIS + "「四、结转下年度继续办理」" + _SEVERITY_NOTE,
    grade="A",
)(
    _t3_rule(
        "carried_next",
        "结转下年度",
        "carried_to_next_year",
        lambda ctx: _t3_readings(ctx, "carried_to_next_year"),
    )
)


_T4_BASIS = "正文与表四须一致：国办公开办函〔2021〕30号（四）明确责任（A 级）；表四 statute.md §1.6"


def _splits(ctx: Context):
    """(行政诉讼N件, 未经复议直接起诉A件, 复议后起诉B件, consistent) stated in one sentence."""
    out = []
    everything = stated(ctx, "litigation", any_scope=True)
    directs = stated(ctx, "direct", any_scope=True)
    afters = stated(ctx, "after_review", any_scope=True)
    for t in everything:
        d = next((s for s in directs if s.sentence == t.sentence and s.start > t.start), None)
        a = next((s for s in afters if s.sentence == t.sentence and s.start > t.start), None)
        if d and a:
            out.append((t, d, a, t.value == d.value + a.value))
    return out


@rule(
    "NARR-LITIGATION-SPLIT",
    Severity.ERROR,
    title="正文：行政诉讼件数＝未经复议直接起诉＋复议后起诉",
    basis="表四把行政诉讼分为“未经复议直接起诉”“复议后起诉”两组（statute.md §1.6）；正文同一句所列总数与分项必须相符",
    grade="B",
)
def narrative_litigation_split(ctx: Context):
    for t, d, a, ok in _splits(ctx):
        if ok:
            continue
        table = ""
        direct, after = (
            _t4_readings(ctx, "litigation_direct"),
            _t4_readings(ctx, "litigation_after_review"),
        )
        if direct and after:
            table = f"；表四为未经复议直接起诉 {direct[0]} 件、复议后起诉 {after[0]} 件，合计 {direct[0] + after[0]} 件"
        yield Issue(
            f"{_where(t)}正文称「{t.text}」，其中「{d.text}」「{a.text}」，"
            f"而 {d.value}＋{a.value}＝{d.value + a.value}，不等于 {t.value}{table}；请核对正文中的行政诉讼件数。",
            Location(section=t.section, table=T4, row="litigation_direct", text=t.sentence),
            expected=d.value + a.value,
            actual=t.value,
        )


@rule(
    "NARR-REVIEW",
    Severity.ERROR,
    title="正文所称行政复议件数与表四一致",
    basis=_T4_BASIS + "「行政复议」组「总计」" + _SEVERITY_NOTE,
    grade="A",
)
def narrative_review(ctx: Context):
    said = stated(ctx, "review")
    if not said or "review" not in ctx.report.t4:
        return
    readings = _t4_readings(ctx, "review")
    for s in said if readings else ():
        if s.value not in readings:
            yield _mismatch(
                s, "行政复议", "表四「行政复议」的「总计」", readings, "review", "total", T4, "四"
            )


@rule(
    "NARR-LITIGATION",
    Severity.ERROR,
    title="正文所称行政诉讼件数（及其两类）与表四一致",
    basis=_T4_BASIS + "「未经复议直接起诉」「复议后起诉」两组「总计」" + _SEVERITY_NOTE,
    grade="A",
)
def narrative_litigation(ctx: Context):
    t4 = ctx.report.t4
    said = stated(ctx, "litigation") or stated(ctx, "direct") or stated(ctx, "after_review")
    if not said or "litigation_direct" not in t4 or "litigation_after_review" not in t4:
        return
    direct = _t4_readings(ctx, "litigation_direct")
    after = _t4_readings(ctx, "litigation_after_review")
    both = list(dict.fromkeys(d + a for d in direct for a in after))  # printed totals first
    # A total contradicting its own split is NARR-LITIGATION-SPLIT's finding; do not say it twice.
    contradicted = {id(t) for t, _, _, ok in _splits(ctx) if not ok}
    for s in stated(ctx, "litigation") if both else ():
        if id(s) not in contradicted and s.value not in both:
            yield _mismatch(
                s,
                "行政诉讼",
                "表四「未经复议直接起诉」与「复议后起诉」的「总计」之和",
                both,
                "litigation_direct",
                "total",
                T4,
                "四",
            )
    for kind, group, readings in (
        ("direct", "litigation_direct", direct),
        ("after_review", "litigation_after_review", after),
    ):
        for s in stated(ctx, kind) if readings else ():
            if s.value not in readings:
                yield _mismatch(
                    s,
                    labels.t4_group(group),
                    f"表四「{labels.t4_group(group)}」的「总计」",
                    readings,
                    group,
                    "total",
                    T4,
                    "四",
                )


@rule(
    "NARR-T2-NORMATIVE",
    Severity.WARNING,
    title="正文所称制发、废止规范性文件件数与表二一致",
    basis="表二第二十条第（一）项「本年制发件数」「本年废止件数」（2019试行格式「本年新制作数量」）（statute.md §1.4 / §2.2）；"
    "正文所称文件可能另含党内文件或他机关文件，故为警告",
    grade="B",
)
def narrative_normative(ctx: Context):
    rows = ctx.report.t2.get("art20_1", {})
    cells = rows.get("normative_documents")
    if cells is None:
        return
    columns = {
        "normative_issued": "newly_made" if ctx.template.key == "2019" else "issued_this_year"
    }
    if ctx.template.key == "2021":
        columns["normative_repealed"] = "repealed_this_year"
    for kind, col in columns.items():
        if col not in cells:
            continue
        value = cells[col]
        if value is None:  # blank or unreadable: no ground for contradicting the narrative
            continue
        for s in stated(ctx, kind):
            if s.value != value:
                yield Issue(
                    f"{_where(s)}正文称「{s.text}」，而{labels.t2_cell(ctx.template, 'art20_1', 'normative_documents', col)}"
                    f"为 {value}；请核对正文与表二。",
                    Location(
                        section=s.section,
                        table=T2,
                        row="art20_1.normative_documents",
                        column=col,
                        text=s.sentence,
                    ),
                    expected=value,
                    actual=s.value,
                )
