"""Fixtures for the portal, notices and API tests: private upload directory and an online application filed through the portal's own service."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.portal import services as portal_services
from gongkai.web import uploads

from ..conftest import valid_id

PHONE = "13912345678"


def use_private_dir(settings, path) -> None:
    """Uploaded files of this test go to `path` (the named storage "private" and its setting)."""
    settings.PORTAL_UPLOAD_DIR = str(path)
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(path)},
        },
    }


@pytest.fixture(autouse=True)
def _private_uploads(settings, tmp_path):
    # Rate-limit counters live in the database: each test's transaction starts them at zero.
    use_private_dir(settings, tmp_path / "private")


def id_scan(name: str = "id.png") -> SimpleUploadedFile:
    # A real PNG header: the portal checks the type by content and the size.
    return SimpleUploadedFile(name, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, content_type="image/png")


def apply_data(agency, **overrides) -> dict:
    data = {
        "agency": agency.pk,
        "applicant_type": "natural_person",
        "applicant_name": "李四",
        "id_doc_type": "resident_id",
        "id_number": valid_id("44030519850505321"),
        "contact_phone": PHONE,
        "contact_email": "",
        "contact_address": "",
        "postal_code": "",
        "description": "2024年示范区道路改造工程的立项批复",
        "purpose": "",
        "delivery_form": "electronic",
        "consent": "on",
    }
    data.update(overrides)
    return data


def file_online(agency, **overrides):
    data = {
        k: v for k, v in apply_data(agency, **overrides).items() if k not in ("agency", "consent")
    }
    return portal_services.submit(
        agency=agency, data=data, id_document=uploads.check(id_scan(), max_bytes=10**6)
    )


@pytest.fixture
def online(world):
    return file_online(world.office_a)


def fill_applicant(page, agency_id: int, name: str, id_first17: str, phone: str) -> None:
    """Fill the portal's apply form up to the phone number, in a Playwright page."""
    page.select_option("[name=agency]", str(agency_id))
    page.select_option("[name=applicant_type]", "natural_person")
    page.fill("[name=applicant_name]", name)
    page.select_option("[name=id_doc_type]", "resident_id")
    page.fill("[name=id_number]", valid_id(id_first17))
    page.fill("[name=contact_phone]", phone)


def fill_request(page, description: str, id_scan_path) -> None:
    """The rest of the apply form: what is asked, electronic delivery, the scan, the consent."""
    page.fill("[name=description]", description)
    page.select_option("[name=delivery_form]", "electronic")
    page.set_input_files("[name=id_document]", str(id_scan_path))
