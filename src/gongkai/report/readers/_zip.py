"""The ZIP container of DOCX and XLSX files: opened once, damage reported in one line."""

from __future__ import annotations

import io
import zipfile

from ..errors import ReportReadError

ZIP_MAGIC = b"PK\x03\x04"
DOCX_MAIN = "word/document.xml"
XLSX_MAIN = "xl/workbook.xml"


def open_zip(data: bytes, source: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # zipfile raises BadZipFile, NotImplementedError, struct.error, … on damage
        raise ReportReadError(source, "文件已损坏：不是完整的 ZIP 压缩包（DOCX/XLSX 文件可能被截断）") from None


def zip_member(archive: zipfile.ZipFile, name: str, source: str, *, required: bool = True) -> bytes | None:
    if name not in archive.NameToInfo:
        if required:
            raise ReportReadError(source, f"文件已损坏：压缩包中缺少 {name}")
        return None
    try:
        return archive.read(name)
    except Exception as exc:  # bad CRC, unknown compression, encrypted member, truncated data
        raise ReportReadError(source, f"文件已损坏：无法解压 {name}（{exc}）") from None


def zip_kind(head: bytes) -> str | None:
    """"docx", "xlsx", "zip" (a ZIP whose head names neither main part), or None."""
    if not head.startswith(ZIP_MAGIC):
        return None
    if b"word/" in head:
        return "docx"
    if b"xl/" in head:
        return "xlsx"
    return "zip"
