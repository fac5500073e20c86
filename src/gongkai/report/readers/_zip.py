"""The ZIP container of DOCX and XLSX files: opened once, damage reported in one line, and read
by the format whose main part it holds (one dispatch for both readers).

docx.py and xlsx.py register their main part here when imported, so this module imports neither
of them and neither imports the other.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import NamedTuple

from ..errors import ReportReadError
from ..model import Report

ZIP_MAGIC = b"PK\x03\x04"
DOCX_MAIN = "word/document.xml"
XLSX_MAIN = "xl/workbook.xml"


# A part that would expand past these is refused before it is read (a "zip bomb": a few KB that
# expand to gigabytes). zipfile never inflates a member past the size the archive declares.
_MAX_PART = 200 * 2**20
_MAX_RATIO = 100  # XML compresses 5-20 times; beyond 100, and over 10 MB, it is no report's
_RATIO_FROM = 10 * 2**20


def open_zip(data: bytes, source: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # zipfile raises BadZipFile, NotImplementedError, struct.error, … on damage
        raise ReportReadError(
            source, "文件已损坏：不是完整的 ZIP 压缩包（DOCX/XLSX 文件可能被截断）"
        ) from None
    for info in archive.infolist():
        size = info.file_size
        if size > _MAX_PART or (
            size > _RATIO_FROM and size > _MAX_RATIO * max(1, info.compress_size)
        ):
            raise ReportReadError(
                source,
                f"文件异常：压缩包中的 {info.filename} 解压后达 {size // 2**20} MB（压缩比异常），不予读取",
            )
    return archive


def zip_member(
    archive: zipfile.ZipFile, name: str, source: str, *, required: bool = True
) -> bytes | None:
    if name not in archive.NameToInfo:
        if required:
            raise ReportReadError(source, f"文件已损坏：压缩包中缺少 {name}")
        return None
    try:
        return archive.read(name)
    except Exception as exc:  # bad CRC, unknown compression, encrypted member, truncated data
        raise ReportReadError(source, f"文件已损坏：无法解压 {name}（{exc}）") from None


def zip_kind(head: bytes) -> str | None:
    """ "docx", "xlsx", "zip" (a ZIP whose head names neither main part), or None."""
    if not head.startswith(ZIP_MAGIC):
        return None
    if b"word/" in head:
        return "docx"
    if b"xl/" in head:
        return "xlsx"
    return "zip"


class ZipFormat(NamedTuple):
    read: Callable[[zipfile.ZipFile, bytes, str], Report]  # (opened archive, its bytes, source)
    missing: str  # why a ZIP without this main part is not of this format


# main part -> format, in the order docx.py and xlsx.py were imported
_FORMATS: dict[str, ZipFormat] = {}


def zip_format(
    main_part: str, read: Callable[[zipfile.ZipFile, bytes, str], Report], missing: str
) -> None:
    _FORMATS[main_part] = ZipFormat(read, missing)


def read_zip(data: bytes, source: str, expected: str) -> Report:
    """Read a DOCX or XLSX by the main part its archive holds, `expected` (the one its head
    named) first; a ZIP holding no main part gets the expected format's reason."""
    archive = open_zip(data, source)
    for main in (expected, *_FORMATS):
        if main in archive.NameToInfo:
            return _FORMATS[main].read(archive, data, source)
    raise ReportReadError(source, _FORMATS[expected].missing)
