"""The demo annual report in a real browser (Debian's headless chromium driven by Playwright,
never `playwright install`): open it from the home page, click a number of 表三, see exactly the
applications it counts, export DOCX and PDF."""

from __future__ import annotations

import io
import zipfile
from io import StringIO

from django.core.management import call_command

from gongkai.agencies.models import Agency
from gongkai.annualreports import compute
from gongkai.annualreports.views import default_year


def test_it_opens_the_demo_report_and_shows_the_records_behind_a_number(
    browser, live_server, db, settings, tmp_path
):
    settings.PORTAL_UPLOAD_DIR = str(tmp_path / "private")  # the demo stores attachments
    year = default_year()
    call_command(
        "load_demo_year",
        "--count",
        "9",
        "--year",
        str(year),
        "--year-count",
        "120",
        stdout=StringIO(),
    )
    district = Agency.objects.get(code="DEMO")

    page = browser.new_context(locale="zh-CN", accept_downloads=True).new_page()
    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", "demo_supervisor")
    page.fill("input[name=password]", "demo1234")
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.click("header >> text=年度报告")
    page.click(f"a[href='/annual/{district.pk}/{year}/tree/']")
    assert page.locator("#all-rules-pass").is_visible()

    # The 予以公开 × 自然人 figure of 表三, then the list behind it.
    link = page.locator("table[data-table=t3] a[href$='/t3/granted/natural_person/']")
    shown = int(link.inner_text())
    expected = set(
        compute.t3_applications(district, "tree", year, "granted", "natural_person").values_list(
            "pk", flat=True
        )
    )
    assert shown == len(expected) > 0
    link.click()
    page.wait_for_selector("#records")
    listed = {
        int(x)
        for x in page.locator("#records tr[data-record]").evaluate_all(
            "rows => rows.map(r => r.dataset.record)"
        )
    }
    assert listed == expected
    assert page.locator("#record-count").inner_text() == f"共{len(expected)}件"

    page.go_back()
    for fmt, magic in (("docx", b"PK"), ("pdf", b"%PDF")):
        with page.expect_download() as download:
            page.click(f"a[data-export={fmt}]")
        content = open(download.value.path(), "rb").read()
        assert content.startswith(magic), fmt
        if fmt == "docx":
            xml = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
            assert f"{year}年政府信息公开工作年度报告" in xml
