"""In a real browser (Debian's headless chromium, Playwright): the district's supervisor uploads a
ZIP of reports, watches the progress bar move — across a page reload — to the end, opens the
ranking and clicks a unit's error count through to the finding.

Screenshots at 1280 and 375 px go to $GONGKAI_SCREENSHOTS (default: the test's tmp dir).
"""

from __future__ import annotations

import re

import pytest

from gongkai.audits import tasks
from gongkai.audits.checking import check_row, units_by_name
from gongkai.audits.claims import claim
from gongkai.audits.models import AuditBatch, AuditedReport, ReportState
from gongkai.report.writers import write

from ..portal.test_browser_story import _shots, _staff
from ..test_browser_case import _both_widths
from .conftest import report_of, zip_of


@pytest.fixture(autouse=True)
def _db_queue(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PORTAL_UPLOAD_DIR = str(tmp_path / "private")


def test_the_supervisor_uploads_watches_progress_and_drills_down_to_a_finding(
    browser, live_server, world, every_format, tmp_path
):
    shots = _shots(tmp_path)
    archive = tmp_path / "各单位年度报告.zip"
    archive.write_bytes(
        zip_of(
            {
                **every_format,
                "住建局.txt": write(report_of("示范区住房和城乡建设局", broken=True), "txt"),
                "办公室.docx": write(report_of("示范区人民政府办公室"), "docx"),
            }
        )
    )
    page = _staff(browser, live_server, "d_supervisor")
    page.goto(f"{live_server.url}/staff/audits/")
    page.click("text=新建审核")
    page.fill("input[name=title]", "2024年度报告审核")
    page.set_input_files("input[name=files]", str(archive))
    page.fill("textarea[name=dates]", "住建局.txt,2025-02-10")
    _both_widths(page, shots, "audit-upload")
    with page.expect_navigation():
        page.click("button:text-is('上传并审核')")
    batch = AuditBatch.objects.get()
    total = batch.reports.count()
    assert total == 8
    page.wait_for_selector("#progress progress")
    assert page.get_attribute("#progress progress", "value") == "0"
    # A worker checks three reports: the bar moves without a reload (htmx polls every 2 s).
    units = units_by_name(world.district)
    for _ in range(3):
        check_row(claim(batch.pk, ReportState.PENDING, "browser"), units)
    page.wait_for_selector("#progress [role=status]:has-text('3 / 8')", timeout=10000)
    value = int(page.get_attribute("#progress progress", "value"))
    assert 0 < value < 100
    _both_widths(page, shots, "audit-progress")
    # A reload (or a server restart) shows the same progress: it is read from the rows.
    page.reload()
    assert int(page.get_attribute("#progress progress", "value")) == value
    tasks.drain(batch.pk, "browser")
    page.wait_for_selector("#progress a:text-is('查看各单位排名')", timeout=10000)
    assert page.get_attribute("#progress progress", "value") == "100"
    _both_widths(page, shots, "audit-done")
    page.click("#progress a:text-is('查看各单位排名')")
    page.wait_for_selector("table.ranking")
    first = page.locator("table.ranking tbody tr").first
    assert "示范区住房和城乡建设局" in first.inner_text()
    _both_widths(page, shots, "audit-ranking")
    row = AuditedReport.objects.get(original_name__endswith="住建局.txt")
    errors = list(row.findings.filter(level="error").order_by("pk"))
    assert {f.rule for f in errors} >= {"PUB-LATE", "T3-BALANCE"}
    with page.expect_navigation():
        first.locator("a.count.error").click()
    assert re.search(rf"/staff/audits/report/{row.pk}/\?level=error#findings$", page.url)
    late = next(f for f in errors if f.rule == "PUB-LATE")
    item = page.locator(f"#f{late.pk}")
    assert (
        item.is_visible()
        and "2025年2月10日" in item.inner_text()
        and "1月31日" in item.inner_text()
    )
    balance = next(f for f in errors if f.rule == "T3-BALANCE")
    assert balance.location in page.locator(f"#f{balance.pk} .location").inner_text()
    assert page.locator("li.finding.info").count() == 0  # only the errors, as the link said
    _both_widths(page, shots, "audit-finding")
