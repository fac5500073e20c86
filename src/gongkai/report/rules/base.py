"""What a rule's check works with: the `Context` of one check, the `Issue`s it yields, the
`rule` decorator declaring it in the registry (gongkai.report.registry), and shared sum helpers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from typing import Any

from ..findings import Location, Severity
from ..model import Report
from ..registry import Check, Rule, declare
from ..templates import Template, get_template, template_for_year


@dataclass(frozen=True)
class Issue:
    message: str
    location: Location = field(default_factory=Location)
    expected: Any = None
    actual: Any = None
    # None: the rule's severity. A warning where an error would claim too much: a failing sum that a
    # blank cell could make hold (`blank_could_hold`), a narrative figure that may be of a wider
    # scope than the agency (rules/narrative*.py).
    severity: Severity | None = None


@dataclass(frozen=True)
class Context:
    report: Report
    previous: Report | None = None
    # Results several rules share (e.g. numbers read from the narrative), computed once per check.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def read_noted(self, rule_id: str) -> set[tuple[str | None, str | None, str | None]]:
        """(section, table, row) of what reading already reported under a READ- rule, so a rule
        checking the same thing does not say it twice."""
        return {
            (f.location.section, f.location.table, f.location.row)
            for f in self.report.read_findings
            if f.rule == rule_id
        }

    def shared(self, key: str, compute: Callable[[Context], Any]) -> Any:
        if key not in self.memo:
            self.memo[key] = compute(self)
        return self.memo[key]

    def distinct_values(self, table: str) -> set:
        """The distinct values in the cells of report.t3 or report.t4, once per check: a quick
        test before a scan of every cell (check() takes 7 % fewer instructions; performance.md)."""
        return self.shared(table, partial(_distinct_values, table))

    @property
    def template(self) -> Template:
        """The template the tables follow, else the one prescribed for the year, else 2021."""
        if self.report.template:
            return get_template(self.report.template)
        if self.report.year:
            return template_for_year(self.report.year)
        return get_template("2021")


def _distinct_values(table: str, ctx: Context) -> set:
    return set(chain.from_iterable(map(dict.values, getattr(ctx.report, table).values())))


def blank_could_hold(difference: int | float, left: Iterable, right: Iterable) -> bool:
    """Whether a failing sum, left − right = `difference` with blanks as 0, holds once a blank cell
    is filled: a blank on the short side could be the missing number (a cell the publisher left
    empty, or one a copy or a PDF's text lost, as in sh-kw-2024's 结转下年度 总计). The printed
    numbers then do not contradict each other, and the sum rules say so as a warning."""
    return (difference > 0 and None in right) or (difference < 0 and None in left)


_BLANK_NOTE = "其中有空白格：若空白格应填 {gap}，本关系即成立，请核对该格是漏填（或未能读出）还是原表有误（列为警告）。"


def sum_issue(
    message: str, location: Location, left, right, left_cells: Iterable, right_cells: Iterable
) -> Issue:
    """The finding of a failing sum (`left` printed against `right`, blanks as 0): an error, or a
    warning saying so when a blank cell could make it hold."""
    gap = left - (right or 0)
    if blank_could_hold(gap, tuple(left_cells), tuple(right_cells)):
        return Issue(
            message + _BLANK_NOTE.format(gap=abs(gap)), location, left, right, Severity.WARNING
        )
    return Issue(message, location, left, right)


def rule(
    id: str, severity: Severity, *, title: str, basis: str, grade: str, needs_previous: bool = False
):
    """Decorator declaring a check function as a rule."""

    def wrap(fn: Check) -> Rule:
        return declare(Rule(id, severity, title, basis, grade, fn, needs_previous))

    return wrap
