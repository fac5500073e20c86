"""Every consistency rule (勾稽关系), one declaration each, and `check()`.

Importing this package registers all rules; docs/rules.md lists them (a test keeps it complete).
"""

from __future__ import annotations

from ..findings import Finding, sort_findings
from ..model import Report
from . import t3  # noqa: F401  (registers rules)
from .base import RULES, Context, Issue, Rule, declare, rule


def check(report: Report, previous: Report | None = None) -> list[Finding]:
    """All findings for a report: what reading noticed, then every rule, errors first."""
    ctx = Context(report, previous)
    findings = list(report.read_findings)
    for r in RULES.values():
        findings.extend(r.run(ctx))
    return sort_findings(findings)


__all__ = ["RULES", "Context", "Issue", "Rule", "check", "declare", "rule"]
