"""Canonical JSON written by `gongkai extract --json` reads back as the same report."""

from __future__ import annotations

from ..errors import ReportFormatError, ReportReadError
from ..model import FORMAT, Report
from .base import register
from .encoding import decode_text


class JsonReader:
    name = "json"

    def sniff(self, head: bytes) -> int:
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        return 95 if stripped.startswith(b"{") and FORMAT.encode() in head else 0

    def read(self, data: bytes, source: str) -> Report:
        try:
            report = Report.from_json(decode_text(data, source))
        except ReportFormatError as exc:
            raise ReportReadError(
                source, f"不是有效的 gongkai 报告 JSON：{exc.path}：{exc.reason}"
            ) from None
        report.source = source
        return report


register(JsonReader())
