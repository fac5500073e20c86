"""The one-line verdict of a check, in the order a reader needs it: not a report, not read
completely, errors, warnings, clean. Only the last says nothing was found."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.report import Severity
from gongkai.report.audit.single import ReportAudit


@dataclass(frozen=True)
class Verdict:
    level: str  # css class: error, warning, ok
    text: str


def verdict(audit: ReportAudit) -> Verdict:
    if audit.report is None:
        return Verdict("error", f"未能作为年度报告读取：{audit.error}")
    if not audit.completeness.complete:
        parts = "、".join(g.short_name for g in audit.completeness.not_read)
        return Verdict("error", f"未能完整核对：{parts}未能读取，无法核对，不能认为没有错误。")
    errors, warnings = audit.count(Severity.ERROR), audit.count(Severity.WARNING)
    if errors:
        return Verdict("error", f"发现 {errors} 个错误、{warnings} 个警告。")
    if warnings:
        return Verdict("warning", f"未发现错误；有 {warnings} 个警告，请逐条核实。")
    return Verdict("ok", "已完整读取，未发现错误或警告。")
