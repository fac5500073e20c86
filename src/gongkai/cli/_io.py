"""Shared plumbing for sub-commands: reading files with a one-line error, printing JSON."""

from __future__ import annotations

import json
import sys
from typing import Any

from ..report import Report, ReportReadError, read

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def read_or_fail(path: str) -> Report | None:
    """The report, or None after printing `gongkai: FILE: reason` to stderr."""
    try:
        return read(path)
    except ReportReadError as exc:
        print(f"gongkai: {exc.source}: {exc.reason}", file=sys.stderr)
        return None


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
