"""In a real browser (Debian's headless chromium driven by Playwright): staff register a
document with its attachment and its 解读, the approver passes both through the 保密审查, and an
anonymous visitor finds the document on the 专栏 by a phrase from the middle of its body, opens
it, follows to its 解读 and downloads the attachment.

Screenshots of every 专栏 page at 1280 and 375 px go to $GONGKAI_SCREENSHOTS (default: the
test's tmp dir)."""

from __future__ import annotations

import re

import pytest

from gongkai.annualreports import publish
from gongkai.applications.choices import State
from gongkai.zfxxgk.models import SystemPage

from ..portal.test_browser_story import _shots, _staff
from ..test_browser_case import _both_widths
from .conftest import make_item

BODY = (
    "为推进本区既有住宅加装电梯工作，方便群众出行，现就财政补助标准通知如下：每部电梯补助二十万元，"
    "由街道办事处统一受理申请，区住房和城乡建设局会同财政局审核。"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _uploads(settings, tmp_path):
    settings.PORTAL_UPLOAD_DIR = str(tmp_path / "private")


def _register(page, base, fields: dict, attachment=None) -> str:
    page.goto(f"{base}/staff/catalogue/new/")
    page.select_option("[name=agency]", label="示范区人民政府办公室")
    for name, value in fields.items():
        if page.locator(f"select[name={name}]").count():
            page.select_option(f"[name={name}]", value)
        else:
            page.fill(f"[name={name}]", value)
    if attachment:
        page.set_input_files("[name=attachment]", attachment)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    assert re.search(r"/staff/catalogue/\d+/$", page.url), page.inner_text("main")
    return page.url


def _approve(page, detail_url: str) -> None:
    page.goto(detail_url + "approve/")
    with page.expect_navigation():
        page.click("form button[type=submit]")
    assert page.url == detail_url, page.inner_text("main")


def test_staff_publish_a_document_and_the_public_find_and_download_it(
    browser, live_server, world, tmp_path
):
    shots = _shots(tmp_path)
    base = live_server.url
    a = world.office_a
    a.office_name, a.office_address, a.office_postcode = (
        "示范区人民政府办公室政务公开科",
        "示范区人民路1号",
        "100001",
    )
    a.office_hours, a.office_phone, a.office_email = (
        "工作日9:00—12:00，13:30—17:30",
        "010-12345678",
        "gk@example.gov.cn",
    )
    a.save()  # no fax: a gap in the 指南
    SystemPage.objects.create(
        agency=a,
        title="示范区人民政府办公室政府信息公开保密审查制度",
        body="第一条 为规范……",
        published=True,
    )
    world.application(State.ARCHIVED, agency=a)
    publish.publish(a, "self", 2025, actor=world.approver)
    pdf = tmp_path / "补助标准.pdf"
    pdf.write_bytes(PDF)

    staff = _staff(browser, live_server, "a_handler")
    doc_url = _register(
        staff,
        base,
        {
            "title": "示范区既有住宅加装电梯财政补助办法",
            "doc_number": "示政办发〔2026〕12号",
            "summary": "加装电梯补助标准和申请程序。",
            "body": BODY,
            "formed_on": "2026-11-30",
            "art20_item": "1",
        },
        attachment=str(pdf),
    )
    index_no = re.search(r"[A-Z0-9-]+/\d{4}-\d{5}", staff.inner_text("main"))[0]
    reading_url = _register(
        staff,
        base,
        {
            "title": "《示范区既有住宅加装电梯财政补助办法》政策解读",
            "body": "一、出台背景……二、补助对象……",
            "formed_on": "2026-11-30",
            "interprets": index_no,
            "interpretation_kind": "text",
        },
    )
    approver = _staff(browser, live_server, "a_approver")
    for url in (doc_url, reading_url):
        _approve(approver, url)

    visitor = browser.new_context(locale="zh-CN", accept_downloads=True).new_page()
    visitor.goto(f"{base}/zfxxgk/")
    _both_widths(visitor, shots, "zfxxgk-index")
    visitor.fill("input[name=q]", "统一受理申请")  # from the middle of the body, in no title
    with visitor.expect_navigation():
        visitor.click("form.zk-search button[type=submit]")
    results = visitor.inner_text(".zk-results")
    assert "示范区既有住宅加装电梯财政补助办法" in results and "统一受理申请" in results
    _both_widths(visitor, shots, "zfxxgk-search")
    with visitor.expect_navigation():
        visitor.click(".zk-results a:text-is('示范区既有住宅加装电梯财政补助办法')")
    meta = visitor.inner_text(".zk-meta")
    for element in (
        "索引号",
        index_no,
        "名称",
        "内容概述",
        "成文日期",
        "2026-11-30",
        "示政办发〔2026〕12号",
    ):
        assert element in meta
    assert "政策解读" in visitor.inner_text("#links")
    _both_widths(visitor, shots, "zfxxgk-item")
    with visitor.expect_download() as download:
        visitor.click("#attachments a")
    assert download.value.suggested_filename == "补助标准.pdf"
    assert open(download.value.path(), "rb").read() == PDF
    with visitor.expect_navigation():
        visitor.click("#links a")
    assert "《示范区既有住宅加装电梯财政补助办法》政策解读" in visitor.inner_text("h1")

    code = a.code
    for section in ("", "zfxxgkzn/", "zfxxgkzd/", "fdzdgknr/", "zfxxgknb/", "zfxxgkml/"):
        visitor.goto(f"{base}/zfxxgk/{code}/{section}")
        assert visitor.locator("main h1").count() == 1
        _both_widths(visitor, shots, f"zfxxgk-{section.strip('/') or 'agency'}")
    visitor.goto(f"{base}/zfxxgk/{code}/zfxxgkzn/")
    assert "暂未公布" in visitor.inner_text("main")  # the fax
    # The agency's staff see what the 指南 lacks.
    staff.goto(f"{base}/zfxxgk/{code}/zfxxgkzn/")
    assert "传真" in staff.inner_text("#guide-gaps")
    _both_widths(staff, shots, "zfxxgk-guide-staff")
    # At 375 px nothing is wider than the screen.
    visitor.set_viewport_size({"width": 375, "height": 800})
    for section in ("", "zfxxgkml/"):
        visitor.goto(f"{base}/zfxxgk/{code}/{section}")
        assert visitor.evaluate("document.documentElement.scrollWidth") <= 375


def test_staff_register_approve_and_find_it_in_the_staff_list(browser, live_server, world):
    """The catalogue's staff side: a handler registers a document, it is listed as waiting for
    the 保密审查 and not on the 专栏; the approver passes it, the list shows it published, and
    the list's search finds it by a phrase of its body (the search index)."""
    base = live_server.url
    staff = _staff(browser, live_server, "a_handler")
    title = "示范区老旧小区改造资金管理办法"
    detail = _register(
        staff,
        base,
        {
            "title": title,
            "doc_number": "示政办发〔2026〕31号",
            "body": "改造资金实行专账管理，专款专用，任何单位不得截留挪用。",
            "formed_on": "2026-11-30",
            "art20_item": "1",
        },
    )

    def row(page, query=""):
        page.goto(f"{base}/staff/catalogue/{query}")
        found = page.locator("table tbody tr", has_text=title)
        return found.inner_text() if found.count() else None

    assert "待保密审查" in row(staff) and "未发布" in row(staff)
    visitor = browser.new_context(locale="zh-CN").new_page()
    visitor.goto(f"{base}/zfxxgk/search/?q=专账管理")
    assert title not in visitor.inner_text("main")

    approver = _staff(browser, live_server, "a_approver")
    _approve(approver, detail)
    listed = row(staff)
    assert "审查通过" in listed and "未发布" not in listed
    staff.fill("input[name=q]", "专款专用")  # in the body only
    with staff.expect_navigation():
        staff.click("form.filters button")
    assert staff.locator("table tbody tr", has_text=title).count() == 1
    assert staff.locator("table tbody tr").count() == 1
    visitor.goto(f"{base}/zfxxgk/search/?q=专账管理")
    assert title in visitor.inner_text(".zk-results")


def test_the_catalogue_list_labels_its_elements_and_fits_a_phone(
    browser, live_server, world, tmp_path
):
    """The 目录 list (《条例》第十二条: 索引、名称、内容概述、生成日期) at 1280 and 375 px: long
    names, 文号, summaries and a repealed item's badge wrap inside the screen, and the summary
    keeps a line of its own under the short fields."""
    shots = _shots(tmp_path)
    a = world.office_a
    make_item(
        a,
        "示范区人民政府办公室关于印发《示范区既有住宅加装电梯财政补助资金管理暂行办法》的通知",
        BODY,
        summary="明确既有住宅加装电梯财政补助的对象、标准、申请材料、审核程序和资金拨付方式，"
        "并规定补助资金的监督检查和违规责任。" * 2,
        doc_number="示政办发〔2026〕112号",
        validity="repealed",
    )
    make_item(a, "示范区公共厕所开放时间的公告", "全区公共厕所全天开放。")  # no summary
    visitor = browser.new_context(locale="zh-CN").new_page()
    for name, path in (
        ("zfxxgk-list", f"/zfxxgk/{a.code}/zfxxgkml/"),
        ("zfxxgk-list-search", f"/zfxxgk/{a.code}/zfxxgkml/?q=统一受理申请"),
    ):
        visitor.goto(live_server.url + path)
        _both_widths(visitor, shots, name)
        visitor.set_viewport_size({"width": 375, "height": 800})
        assert visitor.evaluate("document.documentElement.scrollWidth") <= 375
        for entry in visitor.locator(".zk-entry").all():
            box = entry.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375
            top = {}
            for label in ("索引号", "成文日期", "内容概述"):
                field = entry.locator(f"div:has(> dt:text-is('{label}'))")
                shown, value = (
                    field.locator("dt").bounding_box(),
                    field.locator("dd").bounding_box(),
                )
                # The label is seen, beside its value's first line.
                assert shown["width"] > 20 and abs(shown["y"] - value["y"]) < 2, label
                top[label] = shown["y"]
            name = entry.locator(".zk-name a").bounding_box()
            assert name["y"] < top["索引号"] < top["内容概述"]
