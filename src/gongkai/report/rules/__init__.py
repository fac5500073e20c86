"""Every consistency rule (勾稽关系), one declaration each, and `check()`.

Importing this package registers all rules; docs/rules.md lists them (a test keeps it complete).
"""

from __future__ import annotations

import pkgutil
from importlib import import_module

from .. import reading, reading_pdf  # noqa: F401  (READ-* rules: declared beside the readers)
from ..findings import Finding, sort_findings
from ..model import Report
from ..registry import RULES, Rule, declare
from .base import Context, Issue, rule

# Every module of this package declares rules; importing them all registers them.
for _module in pkgutil.iter_modules(__path__):
    if _module.name != "base":
        import_module(f"{__name__}.{_module.name}")


def check(report: Report, previous: Report | None = None) -> list[Finding]:
    """All findings for a report: what reading noticed, then every rule, errors first."""
    ctx = Context(report, previous)
    findings = list(report.read_findings)
    for r in RULES.values():
        r.run(ctx, findings)
    return sort_findings(findings)


def check_against_previous(report: Report, previous: Report) -> list[Finding]:
    """Only the rules comparing a report with the agency's report of the year before: what
    `check(report, previous)` adds to `check(report)` (a bulk audit pairs reports after checking
    each alone)."""
    ctx = Context(report, previous)
    findings: list[Finding] = []
    for r in RULES.values():
        if r.needs_previous:
            r.run(ctx, findings)
    return sort_findings(findings)


__all__ = [
    "RULES",
    "Context",
    "Issue",
    "Rule",
    "check",
    "check_against_previous",
    "declare",
    "rule",
]
