"""gongkai.report — the annual-report core. Pure Python; no web framework below this package.

>>> from gongkai.report import read, check
>>> findings = check(read("report.txt"))
"""

from .errors import GongkaiError, NotAReportError, ReportFormatError, ReportReadError
from .findings import Finding, Location, Severity
from .model import LocalRow, Report, SectionText
from .readers import read, read_bytes
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


def __getattr__(name: str):
    # The rules are imported when first asked for, so that reading a report (readers/) does not
    # load them: reading stands on its own below the rules (tests/test_layers.py).
    if name in ("RULES", "check"):
        from . import rules

        return getattr(rules, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
