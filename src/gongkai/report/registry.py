"""The registry of declared rules: an id, a severity, the text they rest on, and a check.

The consistency rules (rules/) and what reading can notice (reading.py, reading_pdf.py) are both
declared here, so that the readers can declare their findings without importing the rules.
A check is a generator of `Issue`s (rules/base.py); the registry turns each into a `Finding`
carrying the rule's id and severity, so no rule repeats its own metadata. Rules whose findings
come from a reader (a cell that cannot be placed, a scanned PDF) are declared with ``check=None``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .findings import Finding, Location, Severity

if TYPE_CHECKING:
    from .rules.base import Context, Issue

Check = Callable[["Context"], Iterable["Issue"]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str  # short Chinese title
    basis: str  # the template or statute text the rule rests on, cited
    grade: str  # evidence grade of the basis (statute.md §0.1)
    check: Check | None = None
    needs_previous: bool = False

    def run(self, ctx: Context, out: list[Finding]) -> None:
        """Append the rule's findings to `out` (a generator per rule, over some forty rules, cost
        more than most of the checks)."""
        if self.check is None or (self.needs_previous and ctx.previous is None):
            return
        for issue in self.check(ctx):
            out.append(
                Finding(
                    self.id,
                    issue.severity or self.severity,
                    issue.message,
                    issue.location,
                    issue.expected,
                    issue.actual,
                )
            )

    def finding(
        self,
        message: str,
        location: Location | None = None,
        expected: Any = None,
        actual: Any = None,
    ) -> Finding:
        """For readers: a finding of a declared reader rule."""
        return Finding(self.id, self.severity, message, location or Location(), expected, actual)


RULES: dict[str, Rule] = {}


def declare(rule: Rule) -> Rule:
    if rule.id in RULES:
        raise ValueError(f"rule {rule.id} declared twice")
    RULES[rule.id] = rule
    return rule
