"""Reading 表四 (政府信息公开行政复议、行政诉讼情况): three groups of five cells."""

from __future__ import annotations

from .. import labels
from ..cellsplit import (
    Constraint,
    satisfied,
    to_numbers,
)
from ..findings import Finding, Location
from ..model import T4, Report
from ..reading import (
    AMBIGUOUS_CELLS,
    UNREADABLE_CELL,
)
from ..templates import TEMPLATE_2021
from .common import (
    _DASHES,
    Segment,
    _accept,
    _agreed,
    _dashes,
    _no_consistent_split,
    _show,
    read_values,
)

# -- 表四 -----------------------------------------------------------------------------------

_T4_GROUPS = TEMPLATE_2021.t4_group_keys
_T4_COLS = TEMPLATE_2021.t4_column_keys
_T4_SUMS: list[Constraint] = [((0, 1, 2, 3), 4), ((5, 6, 7, 8), 9), ((10, 11, 12, 13), 14)]
_GROUP_WORDS = (
    ("litigation_after_review", "复议后起诉"),
    ("litigation_direct", "直接起诉"),
    ("review", "行政复议"),
)


def read_t4(report: Report, segments: list[Segment], findings: list[Finding]) -> None:
    valued = [s for s in segments if s.values]
    if not valued:
        return
    # Tables printed one group per row (label then five numbers).
    by_group: dict[str, Segment] = {}
    for seg in valued:
        lbl = seg.label
        hits = [(lbl.rfind(w), g) for g, w in _GROUP_WORDS if w in lbl]
        if len(valued) == 3 and hits:
            by_group[max(hits)[1]] = seg
    if len(by_group) == 3:
        for g, seg in by_group.items():
            result = read_values(seg.values, 5, [_T4_SUMS[0]])
            where = f"表四「{labels.t4_group(g)}」"
            cells = _accept(
                result,
                seg,
                findings,
                where,
                Location(section="四", table=T4, row=g, line=seg.line),
                5,
            )
            report.t4[g] = dict(zip(_T4_COLS, cells, strict=True))
        return
    for s in valued:
        if not _DASHES.isdisjoint(s.values):
            _dashes(s, findings, "表四", Location(section="四", table=T4, line=s.line))
    values = [v for s in valued for v in s.values]
    seg = Segment([t for s in valued for t in s.texts], values, valued[0].line)
    result = read_values(values, 15, _T4_SUMS)
    if not result.candidates or result.truncated:
        rule, what = (
            (AMBIGUOUS_CELLS, "读法太多，无法确定")
            if result.truncated
            else (UNREADABLE_CELL, "无法读成 15 个单元格")
        )
        for g in _T4_GROUPS:
            findings.append(
                rule.finding(
                    f"表四「{labels.t4_group(g)}」：数字“{seg.raw}”{what}，已留空，请核对原表。",
                    Location(section="四", table=T4, row=g, line=seg.line),
                    actual=seg.raw,
                )
            )
        for g in _T4_GROUPS:
            report.t4[g] = dict.fromkeys(_T4_COLS)
        return
    agreed = _agreed(result.candidates)
    for i, g in enumerate(_T4_GROUPS):
        cells = agreed[i * 5 : i * 5 + 5]
        if None in cells and len({tuple(c[i * 5 : i * 5 + 5]) for c in result.candidates}) > 1:
            findings.append(
                AMBIGUOUS_CELLS.finding(
                    f"表四「{labels.t4_group(g)}」的数字连在一起印作“{seg.raw}”，可拆分为多种读法"
                    f"（如 {' / '.join(_show(c[i * 5 : i * 5 + 5]) for c in result.candidates[:3])}），无法确定，已留空。",
                    Location(section="四", table=T4, row=g, line=seg.line),
                    actual=seg.raw,
                )
            )
            if not any(satisfied(c, [_T4_SUMS[i]]) for c in result.candidates):
                _no_consistent_split(
                    findings,
                    f"表四「{labels.t4_group(g)}」",
                    seg.raw,
                    "总计＝四项之和",
                    Location(section="四", table=T4, row=g, line=seg.line),
                )
        report.t4[g] = dict(zip(_T4_COLS, to_numbers(cells), strict=True))
