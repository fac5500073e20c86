"""The audit of published reports in bulk: what a supervising office does with its units' reports.

Per report, every finding of the core (`check`), whether it was read completely (`completeness`),
whether it was published on time (《条例》第四十九条, `publication`), the comparison with the
same agency's report of the year before (上年结转, 现行有效件数, narrative copied: the X-YEAR rules),
placeholders left in (the PLACEHOLDER rule), and the caller's own checks (`checks=`: the web side
adds the 专栏 completeness of units inside the system there).

    >>> from gongkai.report.audit import audit_bytes, run_audit
    >>> one = audit_bytes(data, "unit.docx")          # one file: the unit of work of a worker
    >>> with run_audit(["reports.zip"], jobs=2) as run:
    ...     for result in run.ranked(): ...           # worst first, as JSON-ready dicts

Pure Python, no web framework (docs/audit.md).
"""

from .batch import AuditRun, run_audit
from .publication import Publication, agency_kind, deadline, publication_findings, published_in_file
from .single import (
    ExtraCheck,
    ReportAudit,
    agency_key,
    audit_bytes,
    audit_report,
    audit_source,
    unreadable_audit,
)
from .sources import PathProblem, Source, expand

__all__ = [
    "AuditRun",
    "ExtraCheck",
    "PathProblem",
    "Publication",
    "ReportAudit",
    "Source",
    "agency_key",
    "agency_kind",
    "audit_bytes",
    "audit_report",
    "audit_source",
    "deadline",
    "expand",
    "publication_findings",
    "published_in_file",
    "run_audit",
    "unreadable_audit",
]
