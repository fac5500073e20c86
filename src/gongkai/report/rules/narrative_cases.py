"""均获维持 / 全部维持 / 未被纠错 said of 行政复议 or 行政诉讼, against 表四 (issue 12, item 5).

A claim that all cases were upheld, or none corrected, is an error when 表四 shows 结果纠正 in the
groups the words name; 均获维持 beside 其他结果 or 尚未审结 is a warning (the report is written after
the year ends). Sentences are found and guarded as in rules/narrative_claims.py (docs/rules.md,
“Claims about the tables”).
"""

from __future__ import annotations

import re

from .. import labels
from ..findings import Location, Severity
from ..model import T4
from ..narrative_numbers import _CLAUSE_BREAK
from .base import Context, Issue, rule
from .narrative_claims import (
    _CASE_ANCHORS,
    Sentence,
    _clause,
    _other_year,
    _scope_note,
    _segment,
    _sentences,
    _severity,
)

_ALL_UPHELD = re.compile(
    r"(?:均|全部|全|都|皆)(?:已)?(?:被|获|予以|得到|获得)?(?:依法)?维持|维持率(?:为|达)?100%"
)
_NONE_CORRECTED = re.compile(
    r"(?:无|未(?!经|审结|结案)|没有|零)(?:发生|出现)?[^，,；;。]{0,20}?(?:纠错|败诉|被[^，,；;。]{0,12}?(?:纠正|撤销|确认违法))"
)
# A claim limited to some of the cases: a part (其中), the concluded ones, one instance.
_SOME_CASES = re.compile(r"其中|一审|二审|再审|终审")
_CONCLUDED_ONLY = re.compile(r"已审结|审结的|已结案|结案的|已办结|办结的|审理终结|已作出")
_T4_COMPARISON = re.compile(r"上年|去年|前年|同比|以来|历年|累计")


_AFTER_REVIEW = re.compile(r"(?:行政)?复议后(?:提起|起诉)(?:行政诉讼)?")
_DIRECT = re.compile(
    r"未经(?:行政)?复议(?:直接)?(?:提起|起诉)?(?:行政诉讼)?|直接(?:提起|起诉)(?:行政诉讼)?"
)


def _case_groups(words: str) -> tuple[str, ...]:
    """The 表四 groups a claim speaks of, from the words naming them: 行政复议, 行政诉讼 (both
    groups), or only 复议后起诉 / 未经复议直接起诉."""
    after, direct = bool(_AFTER_REVIEW.search(words)), bool(_DIRECT.search(words))
    rest = _DIRECT.sub("", _AFTER_REVIEW.sub("", words)).replace("经复议", "")
    review = "复议" in rest
    litigation = "诉讼" in rest or "起诉" in rest or ("败诉" in rest and not review)
    groups = ("review",) if review else ()
    if litigation or (after and direct):
        return (*groups, "litigation_direct", "litigation_after_review")
    return (
        groups
        + (("litigation_direct",) if direct else ())
        + (("litigation_after_review",) if after else ())
    )


def _about_disclosure(s: Sentence) -> bool:
    # An agency such as a 司法局 also reports the review cases it decides (narrative.py).
    return s.section == "四" or any(w in s.text or w in s.previous for w in ("信息公开", "依申请"))


def _case_claims(ctx: Context):
    year = ctx.report.year
    for s in _sentences(ctx, _CASE_ANCHORS):
        if not _about_disclosure(s):
            continue
        for kind, pattern in (("all_upheld", _ALL_UPHELD), ("none_corrected", _NONE_CORRECTED)):
            for m in pattern.finditer(s.text):
                segment = _segment(s.text, m.start())
                if _SOME_CASES.search(_clause(s.text, m.start())):
                    continue
                # months are no objection here: a case's dates are no other period of the report
                if _T4_COMPARISON.search(segment) or _other_year(segment, year):
                    continue
                # the claim's own words and the rest of its clause may name the cases
                # (未发生被行政复议纠错或行政诉讼败诉情形)
                rest = _CLAUSE_BREAK.split(s.text[m.end() :], maxsplit=1)[0]
                groups = _case_groups(segment + m.group(0) + rest)
                if groups:
                    yield s, kind, m.group(0), groups, bool(_CONCLUDED_ONLY.search(segment))


def _count(ctx: Context, groups, part) -> int | None:
    values = [ctx.report.t4[g].get(part) for g in groups if g in ctx.report.t4]
    return None if not values or all(v is None for v in values) else sum(v or 0 for v in values)


@rule(
    "NARR-T4-UPHELD",
    Severity.ERROR,
    title="正文称复议、诉讼“均获维持”“未被纠错”与表四相符",
    basis="表四「结果维持」「结果纠正」「其他结果」「尚未审结」（statute.md §1.6）；正文与表格须一致：国办公开办函〔2021〕30号（四）明确责任（A 级）。"
    "称均获维持或未被纠错而表四有结果纠正为错误；称均获维持而表四有其他结果或尚未审结为警告（报告成文时案件或已审结）",
    grade="B",
)
def narrative_upheld(ctx: Context):
    t4 = ctx.report.t4
    for s, kind, said, groups, concluded_only in _case_claims(ctx) if t4 else ():
        groups = tuple(g for g in groups if g in t4)
        if not groups:
            continue
        names = "、".join(labels.t4_group(g) for g in groups)
        where = f"第{s.section}部分" if s.section else "前言"
        location = Location(
            section=s.section, table=T4, row=groups[0], column="corrected", text=s.text
        )
        corrected = _count(ctx, groups, "corrected")
        if corrected:
            yield Issue(
                f"{where}正文称「{said}」（{names}），而表四{names}「结果纠正」共 {corrected} 件；请核对正文与表四。{_scope_note(s)}",
                location,
                expected=0,
                actual=corrected,
                severity=_severity(s),
            )
            continue
        if kind != "all_upheld":
            continue
        open_parts = (
            {"other": "其他结果"}
            if concluded_only
            else {"other": "其他结果", "pending": "尚未审结"}
        )
        counts = {label: _count(ctx, groups, part) for part, label in open_parts.items()}
        counts = {label: n for label, n in counts.items() if n}
        if counts:
            yield Issue(
                f"{where}正文称「{said}」（{names}），而表四{names}有"
                f"{'、'.join(f'「{label}」{n} 件' for label, n in counts.items())}，并非全部维持；"
                f"若报告成文时案件已审结并维持，宜在正文中说明。",
                Location(
                    section=s.section,
                    table=T4,
                    row=groups[0],
                    column="pending" if "尚未审结" in counts else "other",
                    text=s.text,
                ),
                expected=0,
                actual=sum(counts.values()),
                severity=Severity.WARNING,
            )
