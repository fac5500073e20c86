"""The reader protocol and registry.

Every reader turns the bytes of a published report into the same `Report`. The format is chosen
by content (magic bytes, markup), never by file extension: `reader_for` asks each registered
reader how sure it is that the bytes are its format and takes the surest.
"""

from __future__ import annotations

from typing import Protocol

from ..errors import ReportReadError
from ..model import Report
from .encoding import is_blank


class Reader(Protocol):
    name: str  # "text", "html", "docx", "pdf", "xlsx", "json"

    def sniff(self, head: bytes) -> int:
        """0 when the bytes are certainly not this format, up to 100 when certainly are."""
        ...

    def read(self, data: bytes, source: str) -> Report:
        """Parse a whole file. Raise ReportReadError with a one-line Chinese reason on failure."""
        ...


READERS: list[Reader] = []


def register(reader: Reader) -> Reader:
    READERS.append(reader)
    return reader


def reader_for(data: bytes, source: str) -> Reader:
    if is_blank(data):
        raise ReportReadError(source, "文件为空")
    head = data[:8192]
    best, score = None, 0
    for reader in READERS:
        sniffed = reader.sniff(head)
        if sniffed > score:  # the first of equal scores wins
            best, score = reader, sniffed
    if best is None:
        raise ReportReadError(
            source, "无法识别的文件格式（不是文本、HTML、DOCX、PDF、XLSX 或 JSON 报告）"
        )
    return best
