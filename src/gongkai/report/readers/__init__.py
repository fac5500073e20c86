"""Readers for reports as published. Importing this package registers them all."""

from __future__ import annotations

from pathlib import Path

from ..errors import ReportReadError
from ..model import Report
from . import json_reader  # noqa: F401  (registers)
from .base import READERS, Reader, reader_for, register


def read_bytes(data: bytes, source: str = "<bytes>") -> Report:
    report = reader_for(data, source).read(data, source)
    report.source = source
    return report


def read(path: str | Path) -> Report:
    """Read a published report in any supported format, chosen by content."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReportReadError(str(path), "文件不存在") from None
    except IsADirectoryError:
        raise ReportReadError(str(path), "这是一个目录，不是文件") from None
    except OSError as exc:
        raise ReportReadError(str(path), f"无法打开文件：{exc.strerror}") from None
    return read_bytes(data, str(path))


__all__ = ["READERS", "Reader", "read", "read_bytes", "reader_for", "register"]
