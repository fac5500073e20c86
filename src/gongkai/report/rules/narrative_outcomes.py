"""Outcome counts and shares the narrative states against 表三 (issue 12, item 5).

予以公开 N件, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理 (and 予以公开及部分公开) against the
rows of their group, and a share printed with one (N件（x%）, 占x%, 予以公开占比x%) recomputed from
the table at the precision printed. Sentences are found and guarded as in rules/narrative_claims.py
(docs/rules.md, “Claims about the tables”).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .. import labels
from ..findings import Location, Severity
from ..model import T3
from ..narrative_numbers import _TAIL, Stated, count_of
from .base import Context, Issue, rule
from .narrative import _APPLICANT_COLUMNS, _readings, _results_readings, _t3_readings, _where
from .narrative_claims import (
    _APPLICATION,
    _HANDLING,
    _OUTCOME_ANCHORS,
    _PART,
    Sentence,
    _about_applications,
    _clause,
    _other_time,
    _scope_note,
    _segment,
    _sentences,
    _severity,
)

# category -> (its words in a narrative, the 表三 rows it sums)
_OUTCOME_WORDS = {
    "granted_partial": r"(?:予以公开|同意公开)(?:和|及|与|、|或)(?:部分公开|区分处理后公开)",
    "granted": r"(?:予以公开|同意公开)",  # not after 不 (不予以公开): tested in _outcomes
    "partial": r"(?:部分公开|区分处理后(?:予以)?公开)",
    "denied": r"不予公开",
    "unable": r"无法提供",
    "not_processed": r"不予处理",
    "other": r"其他处理",
}
_OUTCOME_NAMES = {
    "granted_partial": "予以公开及部分公开",
    "granted": "（一）予以公开",
    "partial": "（二）部分公开",
    "denied": "（三）不予公开",
    "unable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}
_OUTCOME_FILL = r"(?:的)?(?:申请|答复)?(?:的)?(?:数)?" + _TAIL
_OUTCOME_COUNT = re.compile(
    "|".join(rf"(?P<{k}>{w}){_OUTCOME_FILL}(?P<{k}_n>\d+)件" for k, w in _OUTCOME_WORDS.items())
)
_PERCENT = r"(\d+(?:\.\d+)?)%"
# A share printed right after the count: （17.46%）, ，占12.5%, ，占办结总数的12.5%. A share of any
# other named base (占予以公开总数的…) is not read.
_SHARE_AFTER = re.compile(
    rf"[（(，,]?(?:占|占比|比例为|占比为)?(?:(?:全部申请|申请总数|办结总数|办理总数|办理结果总数|总数|全部)的?)?(?:比例)?(?:为|达)?{_PERCENT}"
)
_SHARE_ONLY = re.compile(
    "|".join(
        rf"(?P<{k}>{w})(?:类)?(?:申请)?(?:的)?(?:占比|所占比例|比例)(?:为|达)?(?P<{k}_n>\d+(?:\.\d+)?)%"
        for k, w in _OUTCOME_WORDS.items()
    )
)


def _outcome_rows(ctx: Context, kind: str) -> list[str]:
    t3 = ctx.report.t3
    if kind == "granted_partial":
        return [k for k in ("granted", "partially_granted") if k in t3]
    if kind == "granted":
        return ["granted"] if "granted" in t3 else []
    if kind == "partial":
        return ["partially_granted"] if "partially_granted" in t3 else []
    prefix = {
        "denied": "denied.",
        "unable": "unable.",
        "not_processed": "not_processed.",
        "other": "other.",
    }[kind]
    return [k for k in t3 if k.startswith(prefix) or (kind == "other" and k == "other")]


def _outcome_readings_in(ctx: Context, o: _Outcome) -> list[int]:
    """The readings of an outcome count in its sentence. A sentence that names one of the group's
    reasons apart (其他处理5件 beside 逾期未补正2件) may count the group without that row: any
    part of the group's rows is then a reading."""
    readings = _outcome_readings(ctx, o.kind)
    reasons = _REASONS_OF.get(o.kind)
    text = o.sentence.text
    said = o.said.text if o.said else ""
    if not readings or reasons is None or not reasons.search(text.replace(said, "", 1)):
        return readings
    totals = [ctx.report.t3[k].get("total") or 0 for k in _outcome_rows(ctx, o.kind)]
    sums = {0}
    for t in totals:
        sums |= {x + t for x in sums}
    return list(dict.fromkeys([*readings, *sorted(sums)]))


def _outcome_readings(ctx: Context, kind: str) -> list[int]:
    """The category's rows summed by their printed 总计, and by their applicant columns; [] when the
    rows are not printed, or one of them is wholly blank: a row the publisher left empty or the
    reader could not fill may hold what the sum lacks, no ground for contradicting the text."""
    rows = [ctx.report.t3[k] for k in _outcome_rows(ctx, kind)]
    per_row = [_readings(cells, _APPLICANT_COLUMNS) for cells in rows]
    if not rows or not all(per_row):
        return []
    printed = sum(r[0] for r in per_row)
    columns = sum(r[-1] for r in per_row)
    return list(dict.fromkeys([printed, columns]))


def _bases(ctx: Context) -> list[int]:
    """What an outcome share may be a share of: the results, the new applications, new plus
    carried over (all applications in hand)."""
    new = _t3_readings(ctx, "new_received")
    old = _t3_readings(ctx, "carried_over_from_last_year") or [0]
    out = [*_results_readings(ctx), *new, *(n + o for n in new for o in old)]
    return [b for b in dict.fromkeys(out) if b > 0]


def _share_fits(percent: str, parts: list[int], bases: list[int]) -> bool:
    """Some part over some base gives `percent` at the precision printed (rounded or cut off)."""
    printed = Decimal(percent)
    step = Decimal(1).scaleb(printed.as_tuple().exponent)  # 1, 0.1, 0.01 …
    for part in parts:
        for base in bases:
            exact = Decimal(part * 100) / Decimal(base)
            if abs(exact - printed) <= step / 2 or Decimal(0) <= exact - printed < step:
                return True
    return False


@dataclass(frozen=True)
class _Outcome:
    sentence: Sentence
    said: Stated | None  # the count, if one is stated
    kind: str
    percent: str | None
    at: int


def _outcome_clause_ok(s: Sentence, start: int, year: int | None) -> bool:
    words = _clause(s.text, start)
    if (
        _other_time(_segment(s.text, start), year)
        or _PART.search(words)
        or _OTHER_MATTERS.search(words)
        or _HANDLING.search(words)
    ):
        return False
    # 属于国家秘密不予公开1件 counts one reason (a row), not the group; 因不掌握等原因无法提供 all.
    if _REASONS.search(words) and "等" not in words:
        return False
    # “主动公开信息N件、不予公开M件” counts documents: an outcome after 主动公开 in the same sentence
    # is read only when applications are named between the two.
    before = s.text[:start]
    proactive = before.rfind("主动公开")
    return proactive < 0 or any(w in before[proactive:] for w in _APPLICATION)


# The whole: 收到公民、法人和其他组织政府信息公开申请 names no kind of applicant.
_EVERY_APPLICANT = re.compile(r"公民、法人(?:和|或|及)其他组织")


def _of_a_part(text: str, start: int) -> bool:
    """The sentence names a channel or a kind of applicant before offset `start`: the outcomes
    after it may be of that part (自然人申请10件，予以公开5件), whatever clause they are in."""
    return _PART.search(_EVERY_APPLICANT.sub("", text[:start])) is not None


def _negated(text: str, start: int) -> bool:
    """不予以公开 is not 予以公开 (tested here, not by a look-behind opening the pattern, which
    would make the engine try it at every offset)."""
    return text[start - 1 : start] == "不"


def _outcomes(ctx: Context) -> list[_Outcome]:
    year = ctx.report.year
    out = []
    for s in _sentences(ctx, _OUTCOME_ANCHORS):
        # every statement read holds 件 (a count) or % (a share)
        if ("件" not in s.text and "%" not in s.text) or not _about_applications(s):
            continue
        # The outcome of a part (自然人申请中予以公开N件) is left alone, whatever clause it is in.
        taken: list[tuple[int, int]] = []
        for m in _OUTCOME_COUNT.finditer(s.text):
            kind = next(k for k in _OUTCOME_WORDS if m.group(k))
            if _negated(s.text, m.start()) or not _outcome_clause_ok(s, m.start(), year):
                continue
            if _of_a_part(s.text, m.start()):
                continue
            if (value := count_of(m.group(f"{kind}_n"))) is None:
                continue
            share = _SHARE_AFTER.match(s.text, m.end())
            said = Stated(kind, value, s.section, m.group(0), s.text, m.start(), s.own)
            out.append(_Outcome(s, said, kind, share.group(1) if share else None, m.start()))
            taken.append(m.span())
        for m in _SHARE_ONLY.finditer(s.text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            kind = next(k for k in _OUTCOME_WORDS if m.group(k))
            if _negated(s.text, m.start()):
                continue
            if _outcome_clause_ok(s, m.start(), year) and not _of_a_part(s.text, m.start()):
                out.append(_Outcome(s, None, kind, m.group(f"{kind}_n"), m.start()))
    return out


# The reasons of each group's rows (表三 （三）–（六） sub-rows), as narratives name them.
_GROUP_REASONS = {
    "denied": r"国家秘密|禁止公开|三安全一稳定|第三方|内部事务|过程性|执法案卷|行政查询",
    "unable": r"不掌握|另行制作|补正后|不明确",
    "not_processed": r"信访|举报|投诉|重复申请|出版物|大量反复|重新出具",
    "other": r"补正|缴纳|缴费|撤回|撤销申请|撤诉",
}
_REASONS = re.compile("|".join(_GROUP_REASONS.values()))
_REASONS_OF = {kind: re.compile(words) for kind, words in _GROUP_REASONS.items()}
# Unlike answers, an outcome clause may name a 不予处理 reason (属信访、重复申请等不予处理80件).
_OTHER_MATTERS = re.compile(r"建议|提案|信箱|来信|留言|热线|12345|舆情")

_OUTCOME_BASIS = (
    "正文与表三须一致：国办公开办函〔2021〕30号（四）明确责任，不得“发布内容不准确”（A 级）；表三「三、本年度办理结果」各项（statute.md §1.5）；"
    "模式化措辞匹配（单位“件”，所述为信息公开申请），分项之和与打印总计皆可，句子所述范围可能大于本机关时为警告"
)


def _location(ctx: Context, o: _Outcome) -> Location:
    """The 表三 row of the outcome (the first of its group), 总计 column, and the sentence."""
    return Location(
        section=o.sentence.section,
        table=T3,
        row=_outcome_rows(ctx, o.kind)[0],
        column="total",
        text=o.sentence.text,
    )


@rule(
    "NARR-OUTCOME",
    Severity.ERROR,
    title="正文所称各类办理结果件数与表三一致",
    basis=_OUTCOME_BASIS,
    grade="A",
)
def narrative_outcome(ctx: Context):
    if "results_total" not in ctx.report.t3:
        return
    for o in ctx.shared("claim_outcomes", _outcomes):
        if o.said is None:
            continue
        readings = _outcome_readings_in(ctx, o)
        if not readings or o.said.value in readings:
            continue
        yield Issue(
            f"{_where(o.said)}正文称「{o.said.text}」（{_OUTCOME_NAMES[o.kind]} {o.said.value} 件），而表三"
            f"{_OUTCOME_NAMES[o.kind]}{'各项之和' if len(_outcome_rows(ctx, o.kind)) > 1 else ''}为 {labels.candidates(readings)}；"
            f"请核对正文与表格，使二者一致。{_scope_note(o.sentence)}",
            _location(ctx, o),
            expected=readings[0],
            actual=o.said.value,
            severity=_severity(o.sentence),
        )


@rule(
    "NARR-OUTCOME-SHARE",
    Severity.ERROR,
    title="正文所称各类办理结果占比与表三相符",
    basis=_OUTCOME_BASIS
    + "；占比按所印精度（四舍五入或截尾）以表三该项除以办理结果总计、新收或新收加上年结转重算，皆不符方报",
    grade="A",
)
def narrative_outcome_share(ctx: Context):
    if "results_total" not in ctx.report.t3:
        return
    shares = [o for o in ctx.shared("claim_outcomes", _outcomes) if o.percent is not None]
    bases = _bases(ctx) if shares else []
    for o in shares if bases else ():
        parts = _outcome_readings_in(ctx, o)
        if not parts or _share_fits(o.percent, parts, bases):
            continue
        text = o.said.text if o.said else o.sentence.text[o.at : o.at + 24]
        yield Issue(
            f"{_where(o.sentence)}正文称「{text}」占 {o.percent}%，而按表三{_OUTCOME_NAMES[o.kind]}（{labels.candidates(parts)} 件）"
            f"除以办理结果总计、新收或新收加上年结转（{labels.candidates(bases)} 件）算得的比例均不是 {o.percent}%；"
            f"请核对正文中的比例。{_scope_note(o.sentence)}",
            _location(ctx, o),
            expected=[round(p * 100 / b, 2) for p in parts for b in bases][0],
            actual=float(o.percent),
            severity=_severity(o.sentence),
        )
