"""Scores of units under a scheme: each leaf automatic (measures) or by hand, branches summed.

A leaf with no data, or a manual leaf not yet scored, has no score (None) and says why; its
branch and the total are then marked incomplete and sum only what is known, so a missing figure
is never read as a zero. Rankings list complete totals first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from gongkai.agencies.models import Agency

from .measures import Result, compute_all
from .models import MANUAL, Indicator, ManualScore, Scheme

ZERO = Decimal("0.00")


@dataclass
class Node:
    indicator: Indicator
    children: list[Node] = field(default_factory=list)
    depth: int = 0

    @property
    def indent(self) -> str:
        return "\u3000" * self.depth

    @property
    def leaf(self) -> bool:
        return not self.children

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def tree(scheme: Scheme) -> list[Node]:
    """The scheme's indicators as a tree (roots in order)."""
    nodes = {i.pk: Node(i) for i in scheme.indicators.order_by("position", "pk")}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.indicator.parent_id)
        (parent.children if parent else roots).append(node)
    for root in roots:
        for n in root.walk():
            for child in n.children:
                child.depth = n.depth + 1
    return roots


def leaves(roots: list[Node]) -> list[Indicator]:
    return [n.indicator for r in roots for n in r.walk() if n.leaf]


def points_problems(roots: list[Node]) -> list[str]:
    """Branches whose children's points do not add up to the branch's (shown to the office)."""
    found = []
    for r in roots:
        for n in r.walk():
            if n.children:
                total = sum(c.indicator.points for c in n.children)
                if total != n.indicator.points:
                    found.append(
                        f"“{n.indicator.name}”分值{n.indicator.points}，下级指标合计{total}。"
                    )
    return found


@dataclass(frozen=True)
class Cell:
    """One indicator's score for one unit."""

    score: Decimal | None
    text: str  # inputs, or the reason there is no score
    link: str = ""
    manual: ManualScore | None = None
    missing: int = 0  # leaves below with no score

    @property
    def complete(self) -> bool:
        return self.missing == 0


@dataclass
class UnitScore:
    unit: Agency
    cells: dict[int, Cell]  # indicator id -> cell
    total: Decimal
    missing: int
    rank: int | None = None
    top_cells: list[Cell] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.missing == 0


def units_of(scheme: Scheme) -> list[Agency]:
    """The units below the scheme's office, in code order."""
    ids = scheme.office.descendant_ids() - {scheme.office_id}
    return list(Agency.objects.filter(pk__in=ids).order_by("code"))


def _leaf_cell(
    indicator: Indicator, unit: int, results: dict[str, dict[int, Result]], manual: dict
) -> Cell:
    if indicator.method == MANUAL:
        entered = manual.get((indicator.pk, unit))
        if entered is None:
            return Cell(None, "未评分：人工评分指标尚未录入。", missing=1)
        return Cell(min(entered.score, indicator.points), entered.reason, manual=entered)
    measure = indicator.measure
    if measure is None:
        return Cell(None, f"无数据：未知的自动评分方式“{indicator.method}”。", missing=1)
    result = results[indicator.method][unit]
    score = measure.score(indicator.points, indicator.deduction, result)
    return Cell(score, result.text, result.link, missing=1 if score is None else 0)


def _fill(node: Node, unit: int, results, manual, cells: dict[int, Cell]) -> Cell:
    if node.leaf:
        cell = _leaf_cell(node.indicator, unit, results, manual)
    else:
        parts = [_fill(c, unit, results, manual, cells) for c in node.children]
        known = [p.score for p in parts if p.score is not None]
        missing = sum(p.missing for p in parts)
        text = f"下级指标合计；{missing}项无得分" if missing else "下级指标合计"
        cell = Cell(sum(known, ZERO) if known else None, text, missing=missing)
    cells[node.indicator.pk] = cell
    return cell


def score_units(scheme: Scheme, units: list[Agency]) -> tuple[list[Node], list[UnitScore]]:
    """Every unit's score on every indicator: one query per measure and one for manual scores."""
    roots = tree(scheme)
    leaf_list = leaves(roots)
    ids = [u.pk for u in units]
    results = compute_all({i.method for i in leaf_list if i.method != MANUAL}, ids, scheme.year)
    manual = {
        (m.indicator_id, m.unit_id): m
        for m in ManualScore.objects.filter(
            indicator__scheme=scheme, unit_id__in=ids
        ).select_related("entered_by")
    }
    scores = []
    for unit in units:
        cells: dict[int, Cell] = {}
        tops = [_fill(r, unit.pk, results, manual, cells) for r in roots]
        total = sum((c.score for c in tops if c.score is not None), ZERO)
        scores.append(UnitScore(unit, cells, total, sum(c.missing for c in tops), top_cells=tops))
    rank(scores)
    return roots, scores


def rank(scores: list[UnitScore]) -> None:
    """Complete totals ranked highest first (equal totals share a rank); incomplete ones unranked."""
    scores.sort(key=lambda s: (not s.complete, -s.total, s.unit.code))
    previous, position = None, 0
    for i, s in enumerate(scores, start=1):
        if not s.complete:
            s.rank = None
            continue
        if s.total != previous:
            position, previous = i, s.total
        s.rank = position


# -- published scores (定稿) ---------------------------------------------------------------


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _number(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def snapshot(roots: list[Node], scores: list[UnitScore]) -> dict:
    """The tree and every unit's scores and rank as they stand, as JSON (decimals as text)."""
    return {
        "indicators": [
            {
                "id": n.indicator.pk,
                "name": n.indicator.name,
                "points": str(n.indicator.points),
                "depth": n.depth,
            }
            for r in roots
            for n in r.walk()
        ],
        "units": [
            {
                "id": s.unit.pk,
                "code": s.unit.code,
                "name": s.unit.name,
                "total": str(s.total),
                "missing": s.missing,
                "rank": s.rank,
                "cells": {
                    str(pk): {"score": _text(c.score), "text": c.text, "missing": c.missing}
                    for pk, c in s.cells.items()
                },
            }
            for s in scores
        ],
    }


@dataclass(frozen=True)
class Heading:
    """An indicator as a column of a ranking: live from the tree, or as published."""

    pk: int
    name: str
    points: Decimal
    depth: int


def published_indicators(release) -> list[Heading]:
    return [
        Heading(i["id"], i["name"], Decimal(i["points"]), i["depth"])
        for i in release.snapshot["indicators"]
    ]


def published(release, units: list[Agency] | None = None) -> list[UnitScore]:
    """The scores as published, in the published ranking's order: for every unit in the
    snapshot, or only for `units` (a unit reads its own row). Nothing here reads the records."""
    snap = release.snapshot
    wanted = None if units is None else {u.pk for u in units}
    rows = [r for r in snap["units"] if wanted is None or r["id"] in wanted]
    agencies = Agency.objects.in_bulk([r["id"] for r in rows])
    tops = [i["id"] for i in snap["indicators"] if i["depth"] == 0]
    out = []
    for row in rows:
        cells = {
            int(pk): Cell(_number(c["score"]), c["text"], missing=c["missing"])
            for pk, c in row["cells"].items()
        }
        out.append(
            UnitScore(
                # A unit removed since keeps its published row, under its published name.
                agencies.get(row["id"]) or Agency(pk=row["id"], code=row["code"], name=row["name"]),
                cells,
                Decimal(row["total"]),
                row["missing"],
                rank=row["rank"],
                top_cells=[cells[pk] for pk in tops],
            )
        )
    return out


def standing(scheme: Scheme, units: list[Agency]) -> tuple[list[Heading], list[UnitScore], object]:
    """The scores that stand for `units`, with the first-level indicators and the release: the
    published ones while the year's scores are published (定稿), else computed live (release
    None). What other pages and the annual report state; the scheme's own pages show both."""
    release = scheme.in_force()
    if release is not None:
        tops = [i for i in published_indicators(release) if i.depth == 0]
        return tops, published(release, units), release
    roots, scores = score_units(scheme, units)
    tops = [Heading(r.indicator.pk, r.indicator.name, r.indicator.points, 0) for r in roots]
    return tops, scores, None
