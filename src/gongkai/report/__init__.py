"""gongkai.report — the annual-report core. Pure Python; no web framework below this package.

    >>> from gongkai.report import read, check
    >>> findings = check(read("report.txt"))
"""

from .errors import GongkaiError, NotAReportError, ReportFormatError, ReportReadError
from .findings import Finding, Location, Severity
from .model import LocalRow, Report, SectionText
from .readers import read, read_bytes
from .rules import RULES, check
from .templates import TEMPLATES, get_template

__all__ = [
    "RULES",
    "TEMPLATES",
    "Finding",
    "GongkaiError",
    "LocalRow",
    "Location",
    "NotAReportError",
    "Report",
    "ReportFormatError",
    "ReportReadError",
    "SectionText",
    "Severity",
    "check",
    "get_template",
    "read",
    "read_bytes",
]
