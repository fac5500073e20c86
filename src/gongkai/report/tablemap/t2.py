"""Reading 表二 (主动公开政府信息情况): rows found by their labels under each 第二十条 sub-table caption."""

from __future__ import annotations

from functools import lru_cache

from ..cellsplit import (
    to_numbers,
)
from ..findings import Finding, Location
from ..model import T2, T2_LAYOUT, LocalRow, Report
from ..sections import norm
from ..templates import TEMPLATE_2019, TEMPLATE_2021
from ..templates.common import SUBROW
from .common import (
    _DASHES,
    CAPTION,
    Segment,
    _accept,
    _core,
    _dashes,
    _unplaced,
    read_values,
)

# -- 表二 -----------------------------------------------------------------------------------

T2_SUBS = tuple(T2_LAYOUT)
_SUBROW = norm(SUBROW).rstrip(":")  # "其中", with or without its colon
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@lru_cache(maxsize=16)
def _t2_rows(sub: str) -> list[tuple[str, str]]:
    """(normalised label, key) of every row either template prints in a sub-table, longest first."""
    out = {}
    for t in (TEMPLATE_2021, TEMPLATE_2019):
        for s in t.t2:
            if s.key == sub:
                for r in s.rows:
                    out[norm(r.label)] = r.key
    if sub == "art20_1":
        out["规范性文件"] = "normative_documents"
    return sorted(out.items(), key=lambda kv: -len(kv[0]))


def _rightmost(text: str, pairs: list[tuple[str, str]]) -> tuple[str, int, int] | None:
    best = None
    for label, key in pairs:
        i = text.rfind(label)
        if i >= 0 and (
            best is None or i + len(label) > best[2] or (i + len(label) == best[2] and i < best[1])
        ):
            best = (key, i, i + len(label))
    return best


@lru_cache(maxsize=1024)
def _t2_columns(sub: str, header: str, template: str | None) -> tuple[tuple[str, ...], int]:
    """Column keys of a sub-table from its printed header (extra words allowed), and where the
    header ends in `header`."""
    scores = []
    for t in (TEMPLATE_2021, TEMPLATE_2019):
        try:
            s = t.subtable(sub)
        except StopIteration:
            continue
        hits = [_header_hit(header, c.label) for c in s.columns]
        found = [h for h in hits if h[0] >= 0]
        end = max((i + n for i, n in found), default=0)
        scores.append(
            (
                len(found),
                len(found) / len(s.columns),
                t.key == template,
                tuple(c.key for c in s.columns),
                end,
            )
        )
    if not scores:
        return (), 0
    best = max(scores, key=lambda s: s[:3])
    return best[3], best[4]


def _header_hit(header: str, label: str) -> tuple[int, int]:
    """Where a column label is printed in a header and how long it is there: its core words,
    with the unit the template prints after them ("（单位：万元）") when that follows too, so
    the unit is not read as the label of the row below."""
    core = _core(label)
    i = header.rfind(core)
    full = norm(label)
    return (i, len(full)) if i >= 0 and header.startswith(full, i) else (i, len(core))


def _t2_sub_of(label: str) -> str | None:
    for t in (TEMPLATE_2021, TEMPLATE_2019):
        for s in t.t2:
            if any(norm(r.label) in label for r in s.rows):
                return s.key
    return None


def read_t2(report: Report, segments: list[Segment], findings: list[Finding]) -> None:
    template = report.template
    sub: str | None = None
    cols: tuple[str, ...] = ()
    open_parent: str | None = None
    last_row: str | None = (
        None  # the template row read last with figures: what "其中：" breaks down
    )
    for seg in segments:
        label = seg.label
        captions = list(CAPTION.finditer(label))
        rest = label
        if captions:
            number = _CN.get(captions[-1].group(1))
            open_parent = last_row = None
            if number is None:
                # A caption naming no item of 第二十条 the template has (（十一）, （一一）): its rows
                # are reported as not placed, never read into another item.
                sub, cols = None, ()
            else:
                sub = f"art20_{number}"
                rest = label[captions[-1].end() :]
                cols, _ = _t2_columns(sub, rest, template)
        elif sub is None or not any(lbl in label for lbl, _ in _t2_rows(sub)):
            guessed = _t2_sub_of(label)
            if guessed and guessed != sub:
                sub, open_parent, last_row = guessed, None, None
                cols, _ = _t2_columns(sub, label, template)
        if sub is None:
            if seg.values:
                _unplaced(findings, "表二", seg)
            continue
        header_cols, header_end = _t2_columns(sub, rest, template)
        if header_end:
            cols = header_cols
            rest = rest[header_end:]
        if not cols:
            cols, _ = _t2_columns(sub, "", template)
        rest = rest.replace("信息内容", "", 1) if rest.startswith("信息内容") else rest
        found = _rightmost(rest, _t2_rows(sub))
        local_label = ""
        row_key = None
        if found:
            row_key = found[0]
            local_label = rest[found[2] :].strip()
        else:
            local_label = rest.strip()
        subrow = local_label.startswith(_SUBROW)
        if subrow:
            local_label = local_label[len(_SUBROW) :].lstrip(":")
        if not seg.values:
            if row_key and not local_label:
                open_parent, last_row = row_key, None
            continue
        if not _DASHES.isdisjoint(seg.values):
            _dashes(
                seg,
                findings,
                f"表二{_caption(sub)}「{local_label or (rest[found[1] : found[2]] if found else '')}」行",
                Location(section="二", table=T2, row=row_key or local_label, line=seg.line),
            )
        result = read_values(seg.values, len(cols), [])
        if row_key and not local_label:
            if result.unique is not None:
                cells = to_numbers(result.unique)  # what _accept gives, without the finding's words
            else:
                where = f"表二{_caption(sub)}「{rest[found[1] : found[2]]}」行"
                cells = _accept(
                    result,
                    seg,
                    findings,
                    where,
                    Location(section="二", table=T2, row=row_key, line=seg.line),
                    len(cols),
                )
            rows = report.t2.setdefault(sub, {})
            if row_key not in rows:
                rows[row_key] = dict(zip(cols, cells, strict=True))
            open_parent, last_row = None, row_key
        elif local_label:
            parent = row_key or (last_row if subrow else open_parent)
            if row_key:
                open_parent = row_key
            where = f"表二{_caption(sub)}「{local_label}」行"
            cells = _accept(
                result,
                seg,
                findings,
                where,
                Location(section="二", table=T2, row=local_label, line=seg.line),
                len(cols),
            )
            report.t2_local_rows.append(
                LocalRow(sub, local_label, parent, dict(zip(cols, cells, strict=True)))
            )
        else:
            _unplaced(findings, "表二", seg)


def _caption(sub: str) -> str:
    return f"第二十条第（{'一二三四五六七八九十'[int(sub.split('_')[1]) - 1]}）项"
