"""Reading 表三 (收到和处理政府信息公开申请情况): rows found by their labels, run-together values
split with the table's arithmetic."""

from __future__ import annotations

from itertools import product

from .. import labels
from ..cellsplit import (
    Constraint,
    SplitResult,
    satisfied,
    to_numbers,
)
from ..findings import Finding, Location
from ..model import T3, T3_ROW_KEYS, Report
from ..reading import (
    ROW_NOT_FOUND,
    ROW_WITHOUT_CELLS,
)
from ..templates import TEMPLATE_2019, TEMPLATE_2021, TEMPLATES
from .common import (
    _DASHES,
    Number,
    Segment,
    _accept,
    _dashes,
    _t3_matches,
    _unplaced,
    read_values,
)

# -- 表三 -----------------------------------------------------------------------------------

_ORDER = {k: i for i, k in enumerate(T3_ROW_KEYS)}
_T3_COLS = TEMPLATE_2021.t3_column_keys
_ROW_SUM: list[Constraint] = [((0, 1, 2, 3, 4, 5), 6)]
_HEAD = ("new_received", "carried_over_from_last_year", "results_total", "carried_to_next_year")


def _t3_order(template: str | None) -> list[str]:
    if template == "2019":
        return list(TEMPLATE_2019.t3_row_keys)
    keys = list(TEMPLATE_2021.t3_row_keys)
    return keys


def read_t3(report: Report, segments: list[Segment], findings: list[Finding]) -> None:
    """Rows are found by their printed labels; a row of numbers printed apart from its label
    (text extracted from PDFs) takes the earliest label printed before it that is still unread,
    else the next row of the template's order."""
    order = _t3_order(report.template)
    rank = {k: i for i, k in enumerate(order)}  # each row's place in the template's order
    results: dict[str, tuple[SplitResult, Segment]] = {}
    last = -1
    for seg in segments:
        if not seg.values:
            continue
        own = _t3_matches(seg.own_label)
        if own:
            key = own[-1][1]
        else:
            pending = [
                k
                for _, k in _t3_matches(seg.pending_label)
                if rank.get(k, -1) > last and k not in results
            ]
            following = [k for k in order[last + 1 :] if k not in results]
            key = (
                min(pending, key=rank.__getitem__)
                if pending
                else (following[0] if following else None)
            )
            if key is None:
                _unplaced(findings, "表三", seg)
                continue
        if key in results:
            _unplaced(findings, "表三", seg)
            continue
        # Row labels printed in this row's own cell before its label, without numbers: the
        # page printed those rows without cells (e.g. "2.申请人逾期…3.其他（七）总计1000001").
        index = rank[key] if key in rank else _ORDER[key]
        for _, other in own[:-1]:
            if (
                last < rank.get(other, -1) < index
                and other not in results
                and other not in report.t3
            ):
                report.t3[other] = dict.fromkeys(_T3_COLS)
                findings.append(
                    ROW_WITHOUT_CELLS.finding(
                        f"表三「{labels.t3_row(other)}」行只印了行名，没有印出数字，按空白读入。",
                        Location(section="三", table=T3, row=other, line=seg.line),
                    )
                )
        if not _DASHES.isdisjoint(seg.values):
            _dashes(
                seg,
                findings,
                f"表三「{labels.t3_row(key)}」行",
                Location(section="三", table=T3, row=key, line=seg.line),
            )
        results[key] = (read_values(seg.values, 7, _ROW_SUM), seg)
        if key in rank:
            last = rank[key]

    decided = _resolve_t3(results)
    for key, (result, seg) in results.items():
        if key in decided:
            report.t3[key] = dict(zip(_T3_COLS, to_numbers(decided[key]), strict=True))
        else:
            loc = Location(section="三", table=T3, row=key, line=seg.line)
            where = f"表三「{labels.t3_row(key)}」行"
            cells = _accept(result, seg, findings, where, loc, 7, "总计＝六类申请人之和")
            report.t3[key] = dict(zip(_T3_COLS, cells, strict=True))
    if report.t3:
        template = _template(report.template)
        for row in template.t3_rows:
            if row.key not in report.t3 and not (
                row.key.startswith("other") and any(k.startswith("other") for k in report.t3)
            ):
                findings.append(
                    ROW_NOT_FOUND.finding(
                        f"表三中没有找到「{labels.t3_row(row.key)}」行。",
                        Location(section="三", table=T3, row=row.key),
                    )
                )


def _column_constraints(keys: list[str]) -> list[tuple[list[str], str | None, list[str]]]:
    """Per-column relations between rows: (rows summed, their total row, other side rows)."""
    leaves = [k for k in keys if k not in _HEAD]
    rel = []
    if "results_total" in keys and leaves:
        rel.append((leaves, "results_total", []))
    if all(k in keys for k in _HEAD):
        rel.append(
            (
                ["new_received", "carried_over_from_last_year"],
                None,
                ["results_total", "carried_to_next_year"],
            )
        )
    return rel


def _resolve_t3(results: dict[str, tuple[SplitResult, Segment]]) -> dict[str, list[str | None]]:
    """Pick one reading per row: unique readings stand; rows with several readings are decided by
    the column relations when exactly one combination satisfies the most of them."""
    decided: dict[str, list[str | None]] = {}
    open_rows: dict[str, list[list[str | None]]] = {}
    for k, (r, _) in results.items():
        unique = r.unique
        if unique is not None:
            decided[k] = unique
        elif r.candidates and not r.truncated:
            open_rows[k] = r.candidates
    if not open_rows:
        return decided
    total = 1
    for c in open_rows.values():
        total *= len(c)
    if total > 3000:
        return decided  # too many combinations to weigh: the rows stay blank with a finding
    keys = list(results)
    rels = _column_constraints(keys)
    names = list(open_rows)
    # Each reading as numbers (blank = 0) and whether its own row adds up, worked out once.
    fixed = {k: _numbers(c) for k, c in decided.items()}
    choices = [[(c, _numbers(c), satisfied(c, _ROW_SUM)) for c in open_rows[n]] for n in names]
    scored = []
    for combo in product(*choices):
        rows = dict(fixed)
        rows.update(zip(names, (nums for _, nums, _ in combo), strict=True))
        score = sum(own for _, _, own in combo) + _columns_adding_up(rows, rels)
        scored.append((score, [cells for cells, _, _ in combo]))
    best = max(s for s, _ in scored)
    winners = [c for s, c in scored if s == best]
    for i, name in enumerate(names):
        options = {tuple(w[i]) for w in winners}
        if len(options) == 1:
            decided[name] = list(winners[0][i])
    return decided


_NO_ROW = (0,) * 7


def _numbers(cells: list[str | None]) -> tuple[Number, ...]:
    return tuple(0 if c is None else float(c) if "." in c else int(c) for c in cells)


def _column_sums(rows: dict[str, tuple[Number, ...]], keys: list[str]) -> list[Number]:
    return [sum(col) for col in zip(*(rows.get(k, _NO_ROW) for k in keys), strict=True)]


def _columns_adding_up(rows: dict[str, tuple[Number, ...]], rels) -> int:
    """How many (column, relation) pairs hold: a row not printed counts as zeros."""
    score = 0
    for left, total, right in rels:
        lsum = _column_sums(rows, left)
        rsum = rows.get(total, _NO_ROW) if total else _column_sums(rows, right)
        score += sum(1 for a, b in zip(lsum, rsum, strict=True) if a == b)
    return score


def _template(key: str | None):
    return TEMPLATES.get(key or "2021", TEMPLATE_2021)
