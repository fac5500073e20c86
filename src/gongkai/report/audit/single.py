"""The audit of one report file: a function of that file alone, so that workers can share a queue.

`audit_bytes` reads and checks the report (every rule of the core), says what could not be read
(completeness), whether it was published on time, and runs the caller's extra checks (the web
side's 专栏 completeness, for units inside the system). The comparison with last year's report is
a second, cheap step over pairs (`previous_findings`), once every report of the batch is read:
no worker needs another worker's report.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..completeness import Completeness, completeness
from ..errors import NotAReportError, ReportReadError
from ..findings import Finding, Severity, sort_findings
from ..model import Report
from ..readers import read_bytes
from ..rules import check
from ..rules.audit import UNREADABLE
from .publication import (
    Publication,
    agency_kind,
    dated,
    deadline,
    publication_findings,
    published_in_file,
)
from .sources import Source

# A check the caller adds to every report (e.g. the 专栏 of a unit inside the system): it gets the
# report read from the file and returns findings of rules the caller declared.
ExtraCheck = Callable[[Report], Iterable[Finding]]


@dataclass
class ReportAudit:
    file: str
    report: Report | None = None  # None when the file could not be read as a report
    findings: list[Finding] = field(default_factory=list)
    completeness: Completeness = field(default_factory=Completeness)
    publication: Publication | None = None
    error: str | None = None  # why the file could not be read as a report
    not_a_report: bool = False  # the file reads, but holds no annual report

    @property
    def agency(self) -> str | None:
        return self.report.agency if self.report else None

    @property
    def year(self) -> int | None:
        return self.report.year if self.report else None

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def to_dict(self) -> dict[str, Any]:
        """The audit's JSON for one report: the keys of `gongkai audit --json`, findings as in
        `gongkai check --json`."""
        r = self.report
        kind = agency_kind(r.agency) if r else None
        return {
            "file": self.file,
            "agency": self.agency,
            "year": self.year,
            "complete": self.completeness.complete,
            "errors": self.count(Severity.ERROR),
            "warnings": self.count(Severity.WARNING),
            "infos": self.count(Severity.INFO),
            "findings": [f.to_dict() for f in self.findings],
            "format": r.reader if r else None,
            "template": r.template if r else None,
            "not_read": [g.to_dict() for g in self.completeness.not_read],
            "partial": [g.to_dict() for g in self.completeness.partial],
            "published": self.publication.to_dict() if self.publication else None,
            "deadline": deadline(r.year, kind).isoformat()
            if r and r.year and kind in ("government", "department")
            else None,
            "previous": None,  # the file compared with as last year's report (set by the cross-year step)
            "error": self.error,
            "not_a_report": self.not_a_report,
        }


def audit_bytes(
    data: bytes, file: str, *, published: date | None = None, checks: Sequence[ExtraCheck] = ()
) -> ReportAudit:
    """Audit one report file's bytes. `published` is the publication date when the caller knows it
    (else it is looked for in the file)."""
    try:
        report = read_bytes(data, file)
    except NotAReportError as exc:
        return ReportAudit(
            file,
            error=exc.reason,
            not_a_report=True,
            completeness=Completeness.unreadable(exc.reason),
        )
    except ReportReadError as exc:
        return unreadable_audit(file, exc.reason)
    publication = (
        Publication(published, "审核时提供的发布日期")
        if published
        else published_in_file(data, report.reader) or dated(report)
    )
    return audit_report(report, file, publication, checks=checks)


def audit_report(
    report: Report, file: str, publication: Publication | None, *, checks: Sequence[ExtraCheck] = ()
) -> ReportAudit:
    """Audit a report already read (the web side's published versions are canonical JSON):
    every rule, the publication date against 第四十九条, the caller's checks, completeness."""
    findings = check(report)
    findings += publication_findings(report, publication)
    for extra in checks:
        findings += extra(report)
    return ReportAudit(file, report, sort_findings(findings), completeness(report), publication)


def audit_source(
    source: Source, *, published: date | None = None, checks: Sequence[ExtraCheck] = ()
) -> ReportAudit:
    """Audit one file named by a `Source` (on disk or in an archive)."""
    try:
        data = source.read_bytes()
    except (
        Exception
    ) as exc:  # OSError, a damaged archive member (BadZipFile, CRC), …: this file only
        return unreadable_audit(
            source.name, f"无法读取文件：{getattr(exc, 'strerror', None) or exc}"
        )
    return audit_bytes(data, source.name, published=published, checks=checks)


def unreadable_audit(file: str, reason: str) -> ReportAudit:
    """The audit of a file that could not be read as a report: an error, never a pass."""
    finding = UNREADABLE.finding(
        f"文件无法读取为年度报告：{reason}；未能审核，请提供可读取的文件。"
    )
    return ReportAudit(
        file, findings=[finding], completeness=Completeness.unreadable(reason), error=reason
    )


def agency_key(agency: str | None) -> str | None:
    """The agency's name as compared across years: NFKC, without whitespace."""
    if not agency:
        return None
    return "".join(unicodedata.normalize("NFKC", agency).split()) or None
