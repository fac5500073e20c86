"""What a check reports: a finding a person can act on."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Location:
    """Where in the report a finding points. Every field is optional."""

    section: str | None = None  # 一 … 六
    table: str | None = None  # t2_active_disclosure, t3_applications, t4_review_litigation
    row: str | None = None  # machine key of the row / group / sub-table row
    column: str | None = None  # machine key of the column
    line: int | None = None  # 1-based line of the source file, when a reader knows it
    text: str | None = None  # the words of the report the finding is about

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str  # Chinese, names section, row and column with the values
    location: Location = field(default_factory=Location)
    expected: Any = None
    actual: Any = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "location": self.location.to_dict(),
            "expected": self.expected,
            "actual": self.actual,
        }


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])
