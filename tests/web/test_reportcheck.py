"""The public report checker (/check/): anyone checks one report, nothing is stored, and a report
that could not be read completely is never shown as clean."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.report.writers import write
from gongkai.web.models import RateCounter

from ..reportkit import valid_report
from ..test_read_pdf import _scanned_pdf

pytestmark = pytest.mark.django_db
URL = reverse("reportcheck:check")


def _upload(client, data: bytes, name: str, *, as_json: bool = False):
    url = URL + ("?format=json" if as_json else "")
    return client.post(url, {"report": SimpleUploadedFile(name, data)})


def _wrong_total() -> bytes:
    report = valid_report()
    report.t3["results_total"]["natural_person"] += 5  # 办理结果总计 no longer the sum of its rows
    return write(report, "docx")


def test_it_shows_the_form_to_anyone(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "报告文件" in response.content.decode()


def test_it_names_the_error_of_a_report_whose_total_is_wrong(client):
    response = _upload(client, _wrong_total(), "report.docx")
    body = response.content.decode()
    assert response.status_code == 200
    assert "个错误" in body and "某县交通运输局" in body
    assert "T3-" in body  # the rule of 表三 that found it
    assert "未发现错误" not in body


def test_it_says_nothing_was_found_only_for_a_clean_complete_report(client):
    response = _upload(client, write(valid_report(), "html"), "report.html")
    assert "已完整读取，未发现错误或警告。" in response.content.decode()


@pytest.mark.parametrize(
    "name, data",
    [
        ("scan.pdf", _scanned_pdf()),
        ("page.txt", "关于开展春季植树活动的通知\n\n各单位：请于3月12日前报名。\n".encode()),
    ],
)
def test_it_never_calls_a_report_it_could_not_read_clean(client, name, data):
    response = _upload(client, data, name)
    body = response.content.decode()
    assert response.status_code == 200
    assert "未发现错误" not in body
    assert "未能" in body  # 未能完整核对 / 未能作为年度报告读取


def test_it_lists_the_tables_it_could_not_read(client):
    report = valid_report()
    report.t3 = {}
    response = _upload(client, write(report, "md"), "no-t3.md", as_json=True)
    payload = json.loads(response.content)
    assert payload["complete"] is False
    assert [g["part"] for g in payload["not_read"]] == ["t3"]
    html = _upload(client, write(report, "md"), "no-t3.md").content.decode()
    assert "未能完整核对：表三未能读取" in html


def test_it_checks_pasted_text(client):
    text = write(valid_report(), "md").decode()
    response = client.post(URL, {"text": text})
    assert "已完整读取" in response.content.decode()


def test_it_asks_for_a_file_or_text(client):
    response = client.post(URL, {})
    assert response.status_code == 400
    assert "请选择报告文件，或粘贴报告全文。" in response.content.decode()


def test_it_refuses_a_file_over_the_limit_beside_the_field(client, settings):
    settings.REPORT_CHECK_MAX_BYTES = 2000
    response = _upload(client, b"x" * 5000, "big.txt")
    assert response.status_code == 400
    assert "超过" in response.content.decode()


def test_it_limits_checks_per_address(client, settings):
    settings.REPORT_CHECK_LIMIT_PER_IP = 2
    data = write(valid_report(), "md")
    assert [_upload(client, data, "r.md").status_code for _ in range(3)] == [200, 200, 429]
    assert "核对次数过多" in _upload(client, data, "r.md").content.decode()


def test_it_stores_nothing_but_the_rate_counter(client):
    from django.apps import apps

    def rows():
        return {m._meta.label: m.objects.count() for m in apps.get_models() if m is not RateCounter}

    before = rows()
    _upload(client, _wrong_total(), "report.docx")
    assert rows() == before
