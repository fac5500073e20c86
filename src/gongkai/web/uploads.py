"""Files people upload, checked in one place for the portal and the staff side.

- The type is decided by the content (the first bytes), never by the name or the browser's
  Content-Type: a script renamed `id.pdf` is refused, a scan saved as `letter.PDF.jpg` is stored as
  what it is. The stored name is random with the extension of the real type.
- The size limit holds before the body is stored: `limit_uploads` puts `LimitedUploadHandler` in
  front of Django's handlers, so bytes beyond the limit never reach memory or a temporary file.
  A file slightly over the limit is skipped (the rest of that part is read and dropped, so the
  other fields still arrive and the form can say what went wrong); when the request as declared
  is far larger than the limits allow, reading stops at once.
- Files go to the named storage `private` (settings.STORAGES): no URL, never under STATIC_ROOT;
  `serve` hands one to a view that has already checked who is asking.
"""

from __future__ import annotations

import hashlib
import mimetypes
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import FileResponse
from django.utils.functional import LazyObject, empty
from django.views.decorators.csrf import csrf_exempt, csrf_protect

# Multipart headers and the ordinary fields of a form around its files.
FORM_ALLOWANCE = 1024 * 1024


@dataclass(frozen=True)
class FileType:
    label: str
    extension: str
    content_type: str
    magic: tuple[bytes, ...]


PDF = FileType("PDF", "pdf", "application/pdf", (b"%PDF-",))
PNG = FileType("PNG", "png", "image/png", (b"\x89PNG\r\n\x1a\n",))
JPEG = FileType("JPG", "jpg", "image/jpeg", (b"\xff\xd8\xff",))
SCANS = (PDF, JPEG, PNG)  # what scanners and phones produce; what every case file may be
HEAD = 16


def sniff(head: bytes, allowed=SCANS) -> FileType | None:
    """The type of a file from its first bytes, among `allowed`."""
    for kind in allowed:
        if any(head.startswith(m) for m in kind.magic):
            return kind
    return None


def megabytes(limit: int) -> str:
    value = limit / (1024 * 1024)
    return f"{value:.0f} MB" if value >= 1 and value == int(value) else f"{value:.1f} MB"


def describe(allowed=SCANS, max_bytes: int | None = None) -> str:
    """The limits as told to people before they choose a file: 'PDF、JPG 或 PNG，不超过 5 MB'."""
    labels = [k.label for k in allowed]
    kinds = labels[0] if len(labels) == 1 else "、".join(labels[:-1]) + " 或 " + labels[-1]
    return kinds if max_bytes is None else f"{kinds}，不超过 {megabytes(max_bytes)}"


def accept(allowed=SCANS) -> str:
    """The `accept` attribute of a file input: the browser's picker offers these types first."""
    suffixes = {".jpg": (".jpg", ".jpeg")}
    names = [s for k in allowed for s in suffixes.get("." + k.extension, ("." + k.extension,))]
    return ",".join(names + [k.content_type for k in allowed])


@dataclass(frozen=True)
class Checked:
    """An upload that passed: its real type, a stored name, size and digest."""

    file: object
    kind: FileType
    original_name: str
    size: int
    sha256: str

    def stored_name(self) -> str:
        return f"{secrets.token_hex(16)}.{self.kind.extension}"


def display_name(name: str) -> str:
    """The file name as the person chose it, without any path, bounded for the database."""
    base = PurePath(name.replace("\\", "/")).name or "文件"
    return "".join(c for c in base if c.isprintable())[:200]


def check(upload, *, max_bytes: int, allowed=SCANS) -> Checked:
    """Refuse a file whose content is not of an allowed type, that is empty or too large."""
    name = display_name(upload.name or "")
    if upload.size == 0:
        raise ValidationError(f"文件“{name}”是空文件，请重新选择。")
    if upload.size > max_bytes:
        raise ValidationError(f"文件“{name}”超过 {megabytes(max_bytes)}，请压缩或分页后重新上传。")
    upload.seek(0)
    head = upload.read(HEAD)
    kind = sniff(head, allowed)
    if kind is None:
        raise ValidationError(
            f"文件“{name}”不是 {describe(allowed)} 文件（按文件内容判断，与扩展名无关），请重新选择。"
        )
    return Checked(upload, kind, name, upload.size, sha256(upload))


def sha256(file) -> str:
    digest = hashlib.sha256()
    for chunk in file.chunks():  # from the start
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def reopen(storage, stored: str, original_name: str) -> Checked:
    """A file already in the storage (checked when it came in) as a Checked upload again."""
    from django.core.files import File

    handle = storage.open(stored, "rb")
    kind = sniff(handle.read(HEAD))
    if kind is None:
        handle.close()
        raise ValidationError(f"文件“{original_name}”已损坏，请重新选择。")
    upload = File(handle, name=original_name)
    return Checked(upload, kind, original_name, upload.size, sha256(upload))


class LimitedUploadHandler(FileUploadHandler):
    """First in the chain: passes chunks on while a file is within the limit, refuses the rest.

    A refusal is recorded on the request (`refusals(request)`) for the form to show beside the
    field; the handlers after this one never see a byte beyond the limit.
    """

    def __init__(self, request, max_bytes: int, max_files: int):
        super().__init__(request)
        self.max_bytes = max_bytes
        self.max_files = max_files
        self.declared = 0
        self.files = 0
        request._upload_refusals = {}

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.declared = content_length or 0
        return None

    def _refuse(self, message: str, *, stop: bool):
        self.request._upload_refusals.setdefault(self.field_name, message)
        # Far more data coming than the form may carry: stop reading (the fields before the file
        # have arrived, the CSRF token first among them). Otherwise drop just this file.
        if stop:
            raise StopUpload(connection_reset=True)
        raise SkipFile

    def _far_too_large(self) -> bool:
        return self.declared > self.max_bytes * self.max_files + FORM_ALLOWANCE

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.files += 1
        if self.files > self.max_files:
            self._refuse(f"最多上传 {self.max_files} 个文件。", stop=False)
        if self.content_length and self.content_length > self.max_bytes:
            self._refuse(self._too_large(), stop=self._far_too_large())

    def _too_large(self) -> str:
        return f"文件“{display_name(self.file_name or '')}”超过 {megabytes(self.max_bytes)}，未上传。请压缩或分页后重新选择。"

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.max_bytes:
            self._refuse(self._too_large(), stop=self._far_too_large())
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) makes the file


def refusals(request) -> dict[str, str]:
    """Files the handler refused, by field name, with the reason."""
    return getattr(request, "_upload_refusals", {})


def limit_uploads(max_bytes: Callable[[], int], max_files: Callable[[], int] | int = 1):
    """Decorate a view so its uploads are limited while they are read.

    Upload handlers can only change before request.POST is read, and the CSRF middleware reads
    it: so the view is exempt from the middleware and checked by csrf_protect after the handler
    is in place (the pattern of Django's upload-handler documentation). Limits are callables so
    a setting changed at run time (tests) is read per request.
    """

    def decorator(view):
        protected = csrf_protect(view)

        @csrf_exempt
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            files = max_files() if callable(max_files) else max_files
            request.upload_handlers.insert(0, LimitedUploadHandler(request, max_bytes(), files))
            return protected(request, *args, **kwargs)

        return wrapped

    return decorator


class ScanField(forms.FileField):
    """A file input that states its limits, offers the allowed types and checks the content."""

    def __init__(self, *, max_bytes: Callable[[], int], allowed=SCANS, **kwargs):
        self.max_bytes, self.allowed = max_bytes, allowed
        super().__init__(**kwargs)
        self.widget.attrs.update({"accept": accept(allowed)})

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["data-max-bytes"] = str(self.max_bytes())
        return attrs

    @property
    def limits(self) -> str:
        return describe(self.allowed, self.max_bytes())

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload in (None, False) or not hasattr(upload, "size"):
            return upload
        return check(upload, max_bytes=self.max_bytes(), allowed=self.allowed)


class MultipleScanInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleScanField(ScanField):
    """Several files in one input (补正 materials); each is checked like a single one."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleScanInput(attrs={"multiple": True}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            if not data and self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return [ScanField.clean(self, d, initial) for d in data]
        return [] if data is None and not self.required else [ScanField.clean(self, data, initial)]


class RefusalsMixin:
    """A form that shows the handler's refusals beside their fields instead of 'required'."""

    def __init__(self, *args, refused: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused = refused or {}

    def clean(self):
        data = super().clean()
        for name, message in self.refused.items():
            if name in self.fields:
                self._errors.pop(name, None)
                data.pop(name, None)
                self.add_error(name, message)
            else:
                self.add_error(None, message)
        return data


class _PrivateStorage(LazyObject):
    """storages["private"], looked up again when settings.STORAGES changes: a FileField keeps the
    storage object it was given, so it gets this proxy rather than the backend itself."""

    def _setup(self):
        self._wrapped = storages["private"]


_private = _PrivateStorage()


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    if setting in ("STORAGES", "PORTAL_UPLOAD_DIR"):
        _private._wrapped = empty


def private_storage():
    """The storage of uploaded files (settings.STORAGES['private']); used by FileFields."""
    return _private


def serve(field_file, *, filename: str, content_type: str) -> FileResponse:
    """A stored file as a download, for a view that has checked access already."""
    response = FileResponse(
        field_file.open("rb"),
        content_type=content_type,
        as_attachment=True,
        filename=download_name(filename, field_file.name, content_type),
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def download_name(filename: str, stored_name: str, content_type: str) -> str:
    """The name a download is offered under: the one the file came with, but with the extension
    of what it is (typed by its content, the stored name's) when that name says another type —
    a PNG sent as 图解.jpg goes out as 图解.png, so the recipient's computer opens it right."""
    stored, given = PurePath(stored_name).suffix, PurePath(filename).suffix
    if not stored or given.lower() == stored.lower():
        return filename
    if given and mimetypes.guess_type(filename)[0] == content_type:
        return filename  # another spelling of the same type: .jpeg for .jpg
    return filename.removesuffix(given) + stored


def setting(name: str) -> Callable[[], int]:
    """A limit read from settings at each request."""
    return lambda: int(getattr(settings, name))
