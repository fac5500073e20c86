"""Two stories in a real browser (Debian's headless chromium driven by Playwright):

- the approver sends a draft reply back to the handler with a reason; the handler sees why, gets
  the draft back in the form, redrafts, and the approver signs;
- on 7 December 2026 a case falls due in January 2027, whose holiday notice is not out: the date
  is shown as 暂定 with the reason and listed under 期限暂定; the administrator pastes the
  notice into the holiday table, and the date becomes final.

Screenshots at 1280 and 375 px go to $GONGKAI_SCREENSHOTS (default: the test's tmp dir).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from gongkai.applications.choices import EventKind, State

from .portal.test_browser_story import _act, _shots, _staff
from .test_holiday_notice import NOTICE_2027

WIDTHS = (1280, 375)


def _both_widths(page, shots, name):
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_approver_sends_a_draft_back_and_the_handler_redrafts(
    browser, live_server, world, tmp_path
):
    shots = _shots(tmp_path)
    app = world.application(
        State.DECIDED, description="2024年本区老旧小区改造项目的批复文件及资金安排"
    )
    url = f"{live_server.url}/staff/applications/{app.pk}/"

    approver = _staff(browser, live_server, "a_approver")
    _act(
        approver,
        url,
        "退回修改",
        {"reason": "批复文件含有第三方个人信息，应作区分处理后部分公开。"},
    )
    approver.goto(url)
    assert "审核退回修改" in approver.inner_text("#returned-draft")
    assert "签发答复" not in approver.inner_text(".actions")

    handler = _staff(browser, live_server, "a_handler")
    handler.goto(url)
    banner = handler.inner_text("#returned-draft")
    assert "应作区分处理后部分公开" in banner and "a_approver" in banner and "予以公开" in banner
    _both_widths(handler, shots, "draft-returned")
    handler.click(".actions button:text-is('拟定答复')")
    handler.wait_for_selector("#panel form")
    assert handler.input_value("#panel [name=outcome]") == "granted"  # the returned draft, to edit
    handler.select_option("#panel [name=outcome]", "partially_granted")
    handler.fill("#panel [name=reason]", "批复文件第3页含有个人信息，已作区分处理。")
    with handler.expect_navigation():
        handler.click("#panel button[type=submit]")
    assert handler.locator("#returned-draft").count() == 0

    _act(approver, url, "签发答复")
    approver.goto(url)
    _both_widths(approver, shots, "draft-signed")
    app.refresh_from_db()
    assert app.state == State.REPLIED and app.outcome == "partially_granted"
    kinds = list(app.events.values_list("kind", flat=True))
    assert kinds[-3:] == [EventKind.DRAFT_RETURNED, EventKind.DECIDED, EventKind.REPLY_SIGNED]


def test_a_december_case_gets_a_provisional_2027_date_made_final_by_the_notice(
    browser, live_server, world, today, tmp_path
):
    shots = _shots(tmp_path)
    today(dt.date(2026, 12, 7))  # chinese-calendar 1.11 knows 2026, not 2027
    app = world.application(State.IN_REVIEW, submitted_on=dt.date(2026, 12, 7))
    url = f"{live_server.url}/staff/applications/{app.pk}/"

    handler = _staff(browser, live_server, "a_handler")
    handler.goto(f"{live_server.url}/staff/applications/?due=provisional")
    row = handler.locator("tr", has_text=app.number)
    assert "2027-01-05" in row.inner_text() and "暂定" in row.inner_text()
    _both_widths(handler, shots, "provisional-list")
    handler.goto(url)
    assert "2027年节假日安排尚未录入" in handler.inner_text("#due-provisional")
    _both_widths(handler, shots, "provisional-detail")

    get_user_model().objects.create_superuser("root", password="pw")
    admin = browser.new_context(locale="zh-CN").new_page()
    admin.goto(f"{live_server.url}/admin/login/")
    admin.fill("input[name=username]", "root")
    admin.fill("input[name=password]", "pw")
    with admin.expect_navigation():
        admin.click("input[type=submit]")
    admin.goto(f"{live_server.url}/admin/holidays/holidayyear/add/")
    admin.fill("[name=year]", "2027")
    admin.fill("[name=source]", "国办发明电〔2026〕测试号")
    admin.fill("[name=bulk]", NOTICE_2027)
    admin.screenshot(path=str(shots / "holiday-bulk-1280.png"), full_page=True)
    with admin.expect_navigation():
        admin.click("input[name=_save]")
    assert "errornote" not in admin.content(), admin.content()[:3000]

    handler.goto(url)
    assert handler.locator("#due-provisional").count() == 0
    text = handler.inner_text("main")
    assert "2027年1月5日" in text and "国办发明电〔2026〕测试号" in text and "暂定" not in text
    _both_widths(handler, shots, "final-detail")
    handler.goto(f"{live_server.url}/staff/applications/?due=provisional")
    assert app.number not in handler.inner_text("main")
