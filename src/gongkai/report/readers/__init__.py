"""Readers for reports as published. Importing this package registers them all."""

from __future__ import annotations

import pkgutil
from importlib import import_module
from pathlib import Path

from ..completeness import note_unread
from ..errors import ReportReadError
from ..model import Report
from .base import READERS, Reader, reader_for, register

# Each reader module registers its reader on import; import them all (modules starting with an
# underscore are helpers, not readers).
for _module in pkgutil.iter_modules(__path__):
    if _module.name not in ("base", "encoding") and not _module.name.startswith("_"):
        import_module(f"{__name__}.{_module.name}")


def read_bytes(data: bytes, source: str = "<bytes>") -> Report:
    reader = reader_for(data, source)
    try:
        report = reader.read(data, source)
    except RecursionError:  # readers walk elements recursively; no report nests a thousand deep
        raise ReportReadError(source, "文件结构嵌套过深（元素层层嵌套上千层），无法读取") from None
    report.source, report.reader = source, reader.name
    note_unread(report)  # a part not read is an error, whatever the format (completeness.py)
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
