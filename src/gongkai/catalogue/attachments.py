"""What may be attached to a catalogue item: PDF, DOCX, XLSX and images, decided by content
through gongkai.web.uploads (size before storage, type by the first bytes). DOCX and XLSX are
both ZIP packages with the same first bytes, so the package's parts decide which it is; any other
ZIP (or a renamed archive) is refused."""

from __future__ import annotations

import dataclasses
import zipfile

from django.core.exceptions import ValidationError

from gongkai.web import uploads

from .models import Attachment

DOCX = uploads.FileType(
    "DOCX",
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (b"PK\x03\x04",),
)
XLSX = uploads.FileType(
    "XLSX",
    "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    (b"PK\x03\x04",),
)
GIF = uploads.FileType("GIF", "gif", "image/gif", (b"GIF87a", b"GIF89a"))
ALLOWED = (uploads.PDF, DOCX, XLSX, uploads.JPEG, uploads.PNG, GIF)
# The part that makes a package a document or a workbook (ECMA-376 Part 2, the main parts).
_MAIN_PART = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX}

# Staff attachments share the case files' limit (settings.CASEFILE_UPLOAD_MAX_BYTES).
max_bytes = uploads.setting("CASEFILE_UPLOAD_MAX_BYTES")


def _package_kind(file) -> uploads.FileType | None:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        file.seek(0)
    return next((kind for part, kind in _MAIN_PART.items() if part in names), None)


def check(upload) -> uploads.Checked:
    """A checked attachment, or ValidationError naming the file and what is wrong."""
    checked = uploads.check(upload, max_bytes=max_bytes(), allowed=ALLOWED)
    if checked.kind.magic == DOCX.magic:
        kind = _package_kind(upload)
        if kind is None:
            raise ValidationError(
                f"文件“{checked.original_name}”是压缩包，不是 Word（DOCX）或 Excel（XLSX）文件，请重新选择。"
            )
        checked = dataclasses.replace(checked, kind=kind)
    return checked


def stored(item, checked: uploads.Checked, uploaded_by) -> Attachment:
    """The Attachment of `item` for a checked file, the file written to the private storage under
    its stored name; saving the row (one at a time, or in bulk) is the caller's."""
    attachment = Attachment(
        item=item,
        original_name=checked.original_name,
        content_type=checked.kind.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=uploaded_by,
    )
    attachment.file.save(checked.stored_name(), checked.file, save=False)
    return attachment


class AttachmentField(uploads.ScanField):
    def __init__(self, **kwargs):
        super().__init__(max_bytes=max_bytes, allowed=ALLOWED, **kwargs)

    def clean(self, data, initial=None):
        upload = super(uploads.ScanField, self).clean(data, initial)
        if upload in (None, False) or not hasattr(upload, "size"):
            return upload
        return check(upload)
