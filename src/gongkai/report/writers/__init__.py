"""Writers of the annual report in the official layout. Importing this package registers them all.

>>> from gongkai.report.writers import write
>>> pdf = write(report, "pdf")
"""

from __future__ import annotations

import pkgutil
from importlib import import_module

from ..model import Report
from .base import WRITERS, Writer, WriterUnavailable, register, writer_for

# Each writer module registers its writer on import; `base` and `layout` are shared helpers.
for _module in pkgutil.iter_modules(__path__):
    if _module.name not in ("base", "layout") and not _module.name.startswith("_"):
        import_module(f"{__name__}.{_module.name}")


def write(report: Report, fmt: str) -> bytes:
    """The report in format `fmt` ("html", "docx", "pdf", "xlsx", "md", …) as bytes."""
    return writer_for(fmt).write(report)


def formats() -> tuple[str, ...]:
    return tuple(sorted(WRITERS))


__all__ = ["WRITERS", "Writer", "WriterUnavailable", "formats", "register", "write", "writer_for"]
