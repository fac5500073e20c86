"""Uploads (gongkai.web.uploads): typed by content, limited while the body is read, kept in the
private storage and served to no one but the agency's case staff."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import MemoryFileUploadHandler, TemporaryFileUploadHandler
from django.test import RequestFactory
from django.urls import reverse

from gongkai.applications.choices import State
from gongkai.casefiles import views as casefile_views
from gongkai.casefiles.models import CaseFile
from gongkai.web import uploads

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 200
PDF = b"%PDF-1.7\n" + b"%" * 200
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 200


@pytest.mark.parametrize(
    "name, content, extension",
    [
        ("scan.pdf", PNG, "png"),
        ("letter.PDF.jpg", PDF, "pdf"),
        ("photo", JPEG, "jpg"),
        ("a.png", PNG, "png"),
    ],
)
def test_it_types_a_file_by_its_content_not_its_name(name, content, extension):
    checked = uploads.check(
        SimpleUploadedFile(name, content, "application/octet-stream"), max_bytes=10_000
    )
    assert checked.kind.extension == extension
    # The stored name is random hex plus the type's extension: nothing of the sender's name
    # survives (a hex name can still end in "a.png" by chance, so match the form, not a substring).
    stored = checked.stored_name()
    assert re.fullmatch(r"[0-9a-f]{32}\." + extension, stored)
    assert stored != checked.stored_name()


@pytest.mark.parametrize(
    "name, content",
    [
        ("id.pdf", b"<script>alert(1)</script>"),
        ("id.png", b"MZ\x90\x00" + b"\0" * 100),
        ("id.jpg", b"GIF89a" + b"\0" * 50),
    ],
)
def test_it_refuses_a_file_whose_content_is_no_scan_whatever_its_name(name, content):
    with pytest.raises(ValidationError) as refused:
        uploads.check(SimpleUploadedFile(name, content, "image/png"), max_bytes=10_000)
    assert name in refused.value.messages[0] and "按文件内容判断" in refused.value.messages[0]


def test_it_refuses_empty_and_oversized_files():
    with pytest.raises(ValidationError, match="空文件"):
        uploads.check(SimpleUploadedFile("a.png", b""), max_bytes=10)
    with pytest.raises(ValidationError, match="超过"):
        uploads.check(SimpleUploadedFile("a.png", PNG), max_bytes=10)


def test_it_states_the_limits_before_anything_is_chosen():
    assert uploads.describe(max_bytes=5 * 1024 * 1024) == "PDF、JPG 或 PNG，不超过 5 MB"
    assert ".pdf" in uploads.accept() and "image/png" in uploads.accept()


@pytest.fixture
def spy(monkeypatch):
    """Bytes that reached Django's own handlers (memory or temporary file), i.e. were stored."""
    seen = {"bytes": 0}
    for handler in (MemoryFileUploadHandler, TemporaryFileUploadHandler):
        original = handler.receive_data_chunk

        def counting(self, raw_data, start, _original=original):
            # The memory handler passes a chunk on (stores nothing) unless it took the file.
            if getattr(self, "activated", True):
                seen["bytes"] += len(raw_data)
            return _original(self, raw_data, start)

        monkeypatch.setattr(handler, "receive_data_chunk", counting)
    return seen


def test_it_stores_no_byte_beyond_the_limit_and_says_so_beside_the_field(
    client, world, settings, spy
):
    settings.CASEFILE_UPLOAD_MAX_BYTES = 100 * 1024
    app = world.application(State.IN_REVIEW)
    client.force_login(world.handler)
    big = SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n" + b"\0" * (300 * 1024), "image/png")
    response = client.post(
        reverse("casefiles:upload", args=[app.pk]),
        {"category": "paper_letter", "file": big, "note": ""},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "超过 100 KB" not in body and "“scan.png”超过" in body  # megabytes(): 0.1 MB
    assert 'id="id_file_error"' in body  # the message is the field's own, right under it
    assert spy["bytes"] <= settings.CASEFILE_UPLOAD_MAX_BYTES
    assert not CaseFile.objects.exists()


class CountingStream:
    def __init__(self, stream):
        self.stream, self.read_bytes = stream, 0

    def read(self, size=-1):
        data = self.stream.read(size)
        self.read_bytes += len(data)
        return data

    def readline(self, size=-1):
        data = self.stream.readline(size)
        self.read_bytes += len(data)
        return data


def test_it_stops_reading_a_body_far_larger_than_the_limits(world, settings, spy):
    settings.CASEFILE_UPLOAD_MAX_BYTES = 64 * 1024
    app = world.application(State.IN_REVIEW)
    huge = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\0" * (8 * 1024 * 1024))
    huge.name = "huge.png"
    request = RequestFactory().post(
        reverse("casefiles:upload", args=[app.pk]),
        {"category": "paper_letter", "note": "", "file": huge},
    )
    declared = int(request.META["CONTENT_LENGTH"])
    request._stream = counter = CountingStream(request._stream)
    request.user = world.handler
    request._dont_enforce_csrf_checks = True
    response = casefile_views.upload(request, pk=app.pk)
    assert response.status_code == 400
    assert counter.read_bytes < declared / 8  # stopped early, not read to the end and dropped
    assert spy["bytes"] <= settings.CASEFILE_UPLOAD_MAX_BYTES
    assert not CaseFile.objects.exists()


def test_it_keeps_files_in_the_private_storage_with_no_public_url(client, world):
    app = world.application(State.IN_REVIEW)
    client.force_login(world.handler)
    response = client.post(
        reverse("casefiles:upload", args=[app.pk]),
        {
            "category": "paper_letter",
            "file": SimpleUploadedFile("来信.pdf", PDF),
            "note": "3月3日收到的来信",
        },
    )
    assert response.status_code == 302
    case_file = CaseFile.objects.get()
    stored = Path(case_file.file.path)
    assert stored.read_bytes() == PDF and Path(settings.PORTAL_UPLOAD_DIR) in stored.parents
    assert Path(settings.STATIC_ROOT) not in stored.parents
    for url in (
        f"/{case_file.file.name}",
        f"/media/{case_file.file.name}",
        f"/static/{case_file.file.name}",
        f"/private/{case_file.file.name}",
    ):
        assert client.get(url).status_code == 404, url
    download = client.get(reverse("casefiles:download", args=[case_file.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert (
        download["Content-Type"] == "application/pdf"
        and download["X-Content-Type-Options"] == "nosniff"
    )
    assert "private" in download["Cache-Control"]


def test_the_upload_views_still_check_the_csrf_token(world):
    """limit_uploads exempts the view from the middleware only to check the token itself."""
    from django.test import Client

    from .conftest import apply_data, id_scan

    app = world.application(State.IN_REVIEW)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.handler)
    upload = client.post(
        reverse("casefiles:upload", args=[app.pk]),
        {"category": "other", "file": SimpleUploadedFile("a.pdf", PDF)},
    )
    assert upload.status_code == 403 and not CaseFile.objects.exists()
    public = Client(enforce_csrf_checks=True)
    assert (
        public.post(
            reverse("portal:apply"), {**apply_data(world.office_a), "id_document": id_scan()}
        ).status_code
        == 403
    )
    assert public.post(reverse("portal:correction"), {"code": "X", "phone": "1"}).status_code == 403
    # With the token the same request goes through.
    page = client.get(reverse("staff:application_detail", args=[app.pk]))
    token = (
        page.cookies["csrftoken"].value
        if "csrftoken" in page.cookies
        else client.cookies["csrftoken"].value
    )
    done = client.post(
        reverse("casefiles:upload", args=[app.pk]),
        {
            "category": "other",
            "file": SimpleUploadedFile("a.pdf", PDF),
            "csrfmiddlewaretoken": token,
        },
    )
    assert done.status_code == 302 and CaseFile.objects.count() == 1


@pytest.mark.parametrize(
    ("filename", "stored", "content_type", "offered"),
    [
        ("图解.jpg", "a1.png", "image/png", "图解.png"),  # the name said JPEG, the bytes PNG
        ("照片.jpeg", "a1.jpg", "image/jpeg", "照片.jpeg"),  # the same type spelled otherwise
        ("来信.PDF", "a1.pdf", "application/pdf", "来信.PDF"),
        ("扫描件", "a1.pdf", "application/pdf", "扫描件.pdf"),  # no extension: the type's
        ("报告.docx", "reports/a1", "application/octet-stream", "报告.docx"),  # stored bare
    ],
)
def test_it_offers_a_download_under_its_name_with_the_extension_of_its_type(
    filename, stored, content_type, offered
):
    assert uploads.download_name(filename, stored, content_type) == offered
