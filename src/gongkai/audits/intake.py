"""Report files coming into a bulk audit: uploaded one by one or as ZIP archives, checked by their
content (gongkai.web.uploads: never by the name), and stored one file per report in the private
storage, where every worker on every machine reads them.

A ZIP archive is unpacked here, member by member, within limits read before anything is unpacked
(members, bytes once unpacked, the ratio of a member's unpacked to packed size) and held again
while reading (a member's header may lie): a ZIP bomb is refused, naming the archive. Members that
cannot be reports by their name (pictures, system files) are passed over and counted, as the CLI
does (gongkai.report.audit.sources); a ZIP inside a ZIP is not unpacked.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from gongkai.report.audit.sources import _may_be_report, member_name
from gongkai.web.uploads import display_name, megabytes

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003 .doc, WPS: audited, said unreadable
# A member unpacking to this many times its packed size is a bomb, not a report (a text report
# packs about 5:1, a DOCX's XML 10:1).
MAX_RATIO = 200
HEAD = 4096


@dataclass
class Incoming:
    """Where report files go as they are taken (`keep(name, data)`: stored at once, so an archive
    of thousands is never held in memory whole), and what was refused or passed over."""

    keep: Callable[[str, bytes], None] | None = None
    files: list[tuple[str, bytes]] = field(default_factory=list)  # when there is no `keep`
    refused: list[str] = field(default_factory=list)
    passed_over: int = 0
    taken: int = 0

    def add(self, name: str, data: bytes) -> None:
        self.taken += 1
        if self.keep is None:
            self.files.append((name, data))
        else:
            self.keep(name, data)


def report_kind(head: bytes) -> str | None:
    """What a file is by its first bytes: 'pdf', 'zip' (DOCX, XLSX or an archive), 'ole', 'text';
    None when it can be no report (a picture, a program, other binary data)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if b"\x00" in head.lstrip(b"\xff\xfe\xfe\xff")[:HEAD]:
        return None
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return "text"
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 4:  # a character cut at the end of the head
                return "text"
    return None


def is_archive(data: bytes) -> bool:
    """A ZIP of reports, as against a DOCX or XLSX (ZIP files too)."""
    if not data.startswith(ZIP_MAGIC):
        return False
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return False
    return "word/document.xml" not in names and "xl/workbook.xml" not in names


def take(name: str, data: bytes, into: Incoming) -> None:
    """One uploaded file: a report file, or an archive of them."""
    name = display_name(name)
    if not data:
        into.refused.append(f"文件“{name}”是空文件，未审核。")
        return
    if is_archive(data):
        unpack(name, data, into)
        return
    if report_kind(data[:HEAD]) is None:
        into.refused.append(
            f"文件“{name}”不是年度报告文件（文本、网页、DOCX、XLSX、PDF 或其 ZIP 压缩包；按文件内容判断，与扩展名无关），未审核。"
        )
        return
    into.add(name, data)


def unpack(name: str, data: bytes, into: Incoming) -> None:
    import io

    limit = settings.AUDIT_UPLOAD_MAX_BYTES
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        into.refused.append(f"压缩包“{name}”已损坏，无法打开（{exc}），未审核。")
        return
    with archive:
        members = [i for i in archive.infolist() if not i.is_dir()]
        problem = bomb(members, limit)
        if problem:
            into.refused.append(f"压缩包“{name}”{problem}，已拒收，未审核其中任何文件。")
            return
        for info in sorted(members, key=member_name):
            inner = member_name(info)
            parts = inner.split("/")
            if "__MACOSX" in parts or any(p.startswith(".") for p in parts):
                continue
            if not _may_be_report(parts[-1]) or parts[-1].lower().endswith(".zip"):
                into.passed_over += 1
                continue
            try:
                with archive.open(info) as fh:
                    content = fh.read(limit + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
                into.refused.append(f"压缩包“{name}”中的“{inner}”无法解压（{exc}），未审核。")
                continue
            if len(content) > limit:
                into.refused.append(
                    f"压缩包“{name}”中的“{inner}”解压后超过 {megabytes(limit)}，未审核。"
                )
                continue
            label = f"{name}/{inner}"
            if not content:
                into.refused.append(f"“{label}”是空文件，未审核。")
            elif report_kind(content[:HEAD]) is None:
                into.refused.append(f"“{label}”不是年度报告文件（按文件内容判断），未审核。")
            else:
                into.add(label[:300], content)


def bomb(members: list[zipfile.ZipInfo], limit: int) -> str | None:
    """Why an archive is refused before unpacking (the sizes its directory declares), or None."""
    if len(members) > settings.AUDIT_ZIP_MAX_MEMBERS:
        return f"含 {len(members)} 个文件，超过上限 {settings.AUDIT_ZIP_MAX_MEMBERS} 个"
    total = sum(i.file_size for i in members)
    if total > settings.AUDIT_ZIP_MAX_UNPACKED_BYTES:
        return f"解压后共 {megabytes(total)}，超过上限 {megabytes(settings.AUDIT_ZIP_MAX_UNPACKED_BYTES)}（疑似压缩炸弹）"
    for i in members:
        if i.file_size > limit:
            return f"中的“{member_name(i)}”解压后 {megabytes(i.file_size)}，超过单个文件上限 {megabytes(limit)}"
        if i.file_size > 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            return f"中的“{member_name(i)}”压缩比超过 {MAX_RATIO}:1（疑似压缩炸弹）"
    return None


def stored(name: str, data: bytes) -> tuple[ContentFile, str, int]:
    """The file to store (random name, the extension of the original kept for the readers), its
    digest and size."""
    import os
    import secrets

    ext = os.path.splitext(name)[1].lower()[:10]
    if not ext or not ext[1:].isalnum():
        ext = ".bin"
    return (
        ContentFile(data, name=f"{secrets.token_hex(16)}{ext}"),
        hashlib.sha256(data).hexdigest(),
        len(data),
    )


def check_total(into: Incoming) -> None:
    if not into.taken:
        raise ValidationError(
            "没有可审核的年度报告文件：" + ("；".join(into.refused[:5]) or "请选择文件。")
        )
