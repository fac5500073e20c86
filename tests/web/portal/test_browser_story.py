"""The whole story in a real browser (Debian's headless chromium driven by Playwright):
a member of the public applies online; the registrar confirms and registers it; the handler asks
for 补正; the corrected application arrives; the approver approves an extension; the handler
replies 部分公开; the reply notice is generated; the case is served and archived; the applicant
sees the result with the tracking code.

Screenshots go to $GONGKAI_SCREENSHOTS (default: the test's tmp dir).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from django.utils import timezone

from gongkai.applications.choices import State
from gongkai.applications.models import Application
from gongkai.notices.models import Notice

from .conftest import fill_applicant, fill_request


def _shots(tmp_path) -> Path:
    where = Path(os.environ.get("GONGKAI_SCREENSHOTS", tmp_path))
    where.mkdir(parents=True, exist_ok=True)
    return where


def _staff(browser, live_server, username):
    page = browser.new_context(locale="zh-CN").new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw")
    with page.expect_navigation():
        page.click("button[type=submit]")
    return page


def _act(page, url, label, fields=None, selects=None):
    page.goto(url)
    page.click(f".actions button:text-is('{label}')")
    page.wait_for_selector("#panel form")
    for name, value in (fields or {}).items():
        page.fill(f"#panel [name={name}]", value)
    for name, value in (selects or {}).items():
        page.select_option(f"#panel [name={name}]", value)
    try:
        with page.expect_navigation(timeout=10000):
            page.click("#panel button[type=submit]")
    except Exception as e:
        raise AssertionError(f"{label}: {page.inner_html('#panel')}") from e
    assert page.locator("#panel form").count() == 0, page.content()


def test_it_carries_an_online_application_from_filing_to_archive(
    browser, live_server, world, settings, tmp_path
):
    shots = _shots(tmp_path)
    today = timezone.localdate()

    # The applicant files online.
    public = browser.new_context(locale="zh-CN").new_page()
    public.goto(f"{live_server.url}/portal/apply/")
    fill_applicant(public, world.office_a.pk, "陈七", "32010219880808123", "13600001111")
    scan = tmp_path / "id.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    fill_request(public, "本区2024年老旧小区改造项目的批复文件和资金安排", scan)
    public.check("[name=consent]")
    public.screenshot(path=str(shots / "portal-apply.png"), full_page=True)
    with public.expect_navigation():
        public.click("button[type=submit]")
    code = public.inner_text("#tracking-code").strip()
    assert len(code.replace("-", "")) == 13
    app = Application.objects.get()
    assert app.state == State.SUBMITTED
    url = f"{live_server.url}/staff/applications/{app.pk}/"

    registrar = _staff(browser, live_server, "a_registrar")
    registrar.goto(f"{live_server.url}/staff/applications/?state=submitted")
    assert app.number in registrar.content()
    _act(registrar, url, "确认收到申请")
    handler = _staff(browser, live_server, "a_handler")
    _act(handler, url, "开始审查")
    _act(
        handler,
        url,
        "告知补正",
        {
            "items": "请写明所需批复文件的年份和项目名称",
            "due_on": (today + dt.timedelta(days=15)).isoformat(),
        },
    )
    _act(registrar, url, "登记补正", {"note": "申请人已补正"})
    _act(handler, url, "申请延期", {"days": "10", "reason": "需要调取档案"})
    approver = _staff(browser, live_server, "a_approver")
    _act(approver, url, "批准延期")
    _act(
        handler,
        url,
        "拟定答复",
        {"reason": "批复文件第3页含有个人信息，已作区分处理。"},
        {"outcome": "partially_granted"},
    )
    _act(approver, url, "签发答复")

    handler.goto(url)
    handler.select_option("select[name=kind]", "reply")
    with handler.expect_navigation():
        handler.click("button:text-is('生成告知书')")
    notice = Notice.objects.get(superseded_at__isnull=True)
    assert notice.number in handler.content() and not notice.draft
    with handler.expect_download() as download:
        handler.click(f"a[href$='/{notice.pk}.pdf']")
    assert download.value.suggested_filename.endswith(".pdf")
    with handler.expect_download() as download:
        handler.click(f"a[href$='/{notice.pk}.docx']")
    assert download.value.suggested_filename.endswith(".docx")

    _act(registrar, url, "登记送达", {"proof": "网上申请平台推送"}, {"method": "online"})
    _act(registrar, url, "归档")
    registrar.goto(url)
    registrar.screenshot(path=str(shots / "staff-detail.png"), full_page=True)
    app.refresh_from_db()
    assert (
        app.state == State.ARCHIVED
        and app.outcome == "partially_granted"
        and app.extension_days == 10
    )
    kinds = list(app.events.values_list("kind", flat=True))
    # The reply is drafted on deciding and issued on signing (no events of their own); asking
    # for it again returns the issued letter and adds nothing.
    assert kinds == [
        "submitted",
        "receipt_confirmed",
        "review_started",
        "correction_requested",
        "correction_received",
        "extension_requested",
        "extension_approved",
        "decided",
        "reply_signed",
        "served",
        "archived",
    ]

    # The applicant checks the status (htmx swaps the result in).
    public.goto(f"{live_server.url}/portal/status/")
    public.fill("[name=code]", code.lower())
    public.fill("[name=phone]", "136 0000 1111")
    public.click("button[type=submit]")
    public.wait_for_selector("#status")
    result = public.inner_text("#result")
    assert (
        "已归档" in result
        and "部分公开" in result
        and app.number in result
        and "延长10个工作日" in result
    )
    assert "a_handler" not in result and "调取档案" not in result
    public.screenshot(path=str(shots / "portal-status.png"), full_page=True)

    # A wrong phone number shows nothing.
    public.fill("[name=phone]", "13600009999")
    public.click("button[type=submit]")
    public.wait_for_selector("#result .error")
    assert app.number not in public.inner_text("#result")


def _fits(page) -> None:
    """Nothing wider than the phone's screen: no sideways scrolling of the page itself."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1, f"{page.url} is {width}px wide"


def test_the_applicant_sends_the_correction_online_and_staff_see_it(
    browser, live_server, world, tmp_path
):
    shots = _shots(tmp_path)
    today = timezone.localdate()  # the agency's date, which the forms default to
    phone_number = "13700002222"

    # The applicant files online on a phone; the first try misses the consent and keeps the file.
    phone = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 740}).new_page()
    phone.goto(f"{live_server.url}/portal/apply/")
    _fits(phone)
    fill_applicant(phone, world.office_a.pk, "黄一", "44030519850505321", phone_number)
    scan = tmp_path / "身份证.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    fill_request(phone, "2024年城关片区老旧小区改造项目的批复文件", scan)
    with phone.expect_navigation():
        phone.click("main button[type=submit]")
    assert phone.locator("#field-consent .field-error").is_visible()
    assert "已保留您上次选择的文件“身份证.png”" in phone.inner_text("#field-id_document")
    _fits(phone)
    phone.screenshot(path=str(shots / "portal-apply-error-375.png"), full_page=True)
    phone.check("[name=consent]")
    with phone.expect_navigation():
        phone.click("main button[type=submit]")
    code = phone.inner_text("#tracking-code").strip()
    phone.click("#receipt-link")
    app = Application.objects.get()
    assert (
        app.number in phone.inner_text("#receipt-number")
        and phone.locator("[data-print]").is_visible()
    )
    _fits(phone)
    phone.screenshot(path=str(shots / "portal-receipt-375.png"), full_page=True)

    # Staff confirm it and ask for 补正.
    url = f"{live_server.url}/staff/applications/{app.pk}/"
    registrar = _staff(browser, live_server, "a_registrar")
    _act(registrar, url, "确认收到申请")
    handler = _staff(browser, live_server, "a_handler")
    _act(handler, url, "开始审查")
    _act(
        handler,
        url,
        "告知补正",
        {
            "items": "请写明所需批复文件的项目名称",
            "due_on": (today + dt.timedelta(days=15)).isoformat(),
        },
    )

    # The applicant sees the request on the status page and sends the 补正 with a file.
    phone.goto(f"{live_server.url}/portal/status/")
    phone.fill("[name=code]", code)
    phone.fill("[name=phone]", phone_number)
    phone.click("main button[type=submit]")
    phone.wait_for_selector("#send-correction")
    assert "请写明所需批复文件的项目名称" in phone.inner_text("#result")
    phone.click("#send-correction")
    phone.fill("[name=code]", code.lower())
    phone.fill("[name=phone]", "137-0000-2222")
    phone.fill("[name=text]", "所需文件为城关片区老旧小区改造项目（2024年）的立项批复。")
    material = tmp_path / "补正说明.pdf"
    material.write_bytes(b"%PDF-1.4\n" + b"2" * 2000)
    phone.set_input_files("[name=files]", str(material))
    _fits(phone)
    phone.screenshot(path=str(shots / "portal-correction-375.png"), full_page=True)
    with phone.expect_navigation():
        phone.click("main button[type=submit]")
    assert "补正已提交" in phone.inner_text("main") and "补正说明.pdf" in phone.inner_text("main")
    _fits(phone)

    # Staff see it in the list of online 补正 and on the application, download the file, register it.
    registrar.goto(live_server.url + "/staff/applications/")
    registrar.click("header >> text=网上补正")
    assert app.number in registrar.inner_text("#online-corrections")
    registrar.click(f"#online-corrections >> text={app.number}")
    box = registrar.inner_text("#online-correction")
    assert "所需文件为城关片区老旧小区改造项目（2024年）的立项批复" in box and "补正说明.pdf" in box
    registrar.screenshot(path=str(shots / "staff-online-correction-1280.png"), full_page=True)
    with registrar.expect_download() as download:
        registrar.click("#online-correction >> text=补正说明.pdf")
    assert open(download.value.path(), "rb").read().startswith(b"%PDF")
    _act(registrar, url, "登记补正", {"note": "申请人网上提交补正"})
    app.refresh_from_db()
    assert app.state == State.IN_REVIEW and app.correction_received_on == today
    kinds = list(app.events.values_list("kind", flat=True))
    assert kinds[-3:] == ["file_attached", "correction_submitted_online", "correction_received"]

    # The applicant sees the 补正 received.
    phone.goto(f"{live_server.url}/portal/status/")
    phone.fill("[name=code]", code)
    phone.fill("[name=phone]", phone_number)
    phone.click("main button[type=submit]")
    phone.wait_for_selector("#status")
    assert f"已于{today.year}年{today.month}月{today.day}日收到补正" in phone.inner_text("#result")
    assert phone.locator("#send-correction").count() == 0
    _fits(phone)
