"""Errors raised to the caller. Each carries a one-line reason fit to show a person."""


class GongkaiError(Exception):
    """Base class: a problem with input, never a bug."""


class ReportReadError(GongkaiError):
    """A file cannot be read as a report (empty, binary, damaged, not a report)."""

    def __init__(self, source: str, reason: str):
        self.source = source
        # One line whatever a library put in the message it is built from (lxml's end in "\n").
        self.reason = " ".join(reason.split())
        super().__init__(f"{source}: {self.reason}")


class NotAReportError(ReportReadError):
    """The file reads, but holds no annual report (no section heading, no report table): a bulk
    audit lists such files apart from the reports it could not read."""


class ReportFormatError(GongkaiError):
    """Canonical JSON that does not follow the schema; `path` names the offending member."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")
