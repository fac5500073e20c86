"""The clerk's daily tools in a real browser (Debian's headless chromium driven by Playwright), at
1280 and 375 px: the approver assigns a case, the handler finds it in 我的待办, the approver's
待我签发, the supervisor's per-agency counts and masked contacts, a registrar declining an online
submission, the Chinese 403 and 404 pages, and a scoped administrator in the admin.

Screenshots go to $GONGKAI_SCREENSHOTS (default: the test's tmp dir).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from django.contrib.auth import get_user_model

from gongkai.agencies.models import Membership, Role
from gongkai.applications import services
from gongkai.applications.choices import State
from gongkai.applications.models import Application

from .conftest import RECEIVED
from .portal.conftest import file_online

WIDTHS = (1280, 375)


def _shots(tmp_path) -> Path:
    where = Path(os.environ.get("GONGKAI_SCREENSHOTS", tmp_path))
    where.mkdir(parents=True, exist_ok=True)
    return where


def _login(browser, live_server, username, width=1280):
    page = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900}).new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw")
    with page.expect_navigation():
        page.click("button[type=submit]")
    return page


def _both(browser, live_server, username, path, shots, name, check=None):
    """The page at both widths, screenshotted; `check(page)` runs on each."""
    for width in WIDTHS:
        page = _login(browser, live_server, username, width)
        response = page.goto(f"{live_server.url}{path}")
        page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)
        if check:
            check(page, response)
        # Nothing wider than the screen at 375 px except inside a scrolling table.
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, (name, width, overflow)
        page.context.close()


def test_it_serves_the_clerks_daily_tools(browser, live_server, world, settings, tmp_path):
    settings.PORTAL_UPLOAD_DIR = str(tmp_path / "private")
    shots = _shots(tmp_path)
    User = get_user_model()
    second = User.objects.create_user("a_handler_2", password="pw", first_name="小李")
    Membership.objects.create(user=second, agency=world.office_a, role=Role.HANDLER)
    fresh = world.application(
        State.REGISTERED,
        applicant_name="待分配申请人",
        contact_phone="13912345678",
        contact_address="示范区人民路100号3单元",
        purpose="用于了解小区改造补偿标准",
    )
    world.application(State.DECIDED, applicant_name="待签发申请人")
    extension = world.application(State.IN_REVIEW, applicant_name="申请延期的申请人")
    services.request_extension(
        extension,
        actor=world.handler,
        days=15,
        reason="涉及档案较多",
        on=RECEIVED + dt.timedelta(days=5),
    )
    world.application(State.IN_REVIEW, agency=world.office_b)
    online = file_online(world.office_a, applicant_name="网上来信人").application

    # The approver assigns the fresh case to 小李 from the detail page (htmx panel).
    page = _login(browser, live_server, "a_approver")
    page.goto(f"{live_server.url}/staff/applications/{fresh.pk}/")
    page.click(".actions button:text-is('分配承办人')")
    page.wait_for_selector("#panel form")
    page.select_option("#panel [name=handler]", str(second.pk))
    page.screenshot(path=str(shots / "assign-panel-1280.png"), full_page=True)
    with page.expect_navigation():
        page.click("#panel button[type=submit]")
    assert page.inner_text("#handler") == "小李"
    fresh.refresh_from_db()
    assert fresh.handler == second
    page.context.close()

    def mine(page, response):
        assert fresh.number in page.inner_text("#mine")

    _both(browser, live_server, "a_handler_2", "/staff/tasks/", shots, "my-tasks", mine)

    def to_sign(page, response):
        assert "待签发申请人" in page.inner_text("#sign") and "申请延期的申请人" in page.inner_text(
            "#extension"
        )

    _both(browser, live_server, "a_approver", "/staff/to-sign/", shots, "to-sign", to_sign)

    def overview(page, response):
        assert page.locator("#overview tbody tr").count() == 4  # district, two offices, the street
        assert "示范区住房和城乡建设局" in page.inner_text("#overview")

    _both(browser, live_server, "d_supervisor", "/staff/overview/", shots, "overview", overview)

    def masked(page, response):
        text = page.inner_text("main")
        assert "139****5678" in text and "13912345678" not in text and "示范区人民路****" in text
        assert "用于了解小区改造补偿标准" in text

    _both(
        browser,
        live_server,
        "d_supervisor",
        f"/staff/applications/{fresh.pk}/",
        shots,
        "detail-supervisor",
        masked,
    )

    def found_by_phone(page, response):
        rows = page.inner_text("table.rows tbody")
        assert fresh.number in rows and "13912345678" not in rows and fresh.id_number not in rows

    _both(
        browser,
        live_server,
        "d_supervisor",
        "/staff/applications/?q=13912345678",
        shots,
        "search-phone",
        found_by_phone,
    )

    # The registrar declines an online submission that is a complaint.
    page = _login(browser, live_server, "a_registrar", 375)
    page.goto(f"{live_server.url}/staff/applications/{online.pk}/")
    page.click(".actions button:text-is('不予受理')")
    page.wait_for_selector("#panel form")
    page.fill("#panel [name=reason]", "来信反映邻里纠纷，属于信访事项，请向信访部门反映。")
    page.screenshot(path=str(shots / "decline-panel-375.png"), full_page=True)
    with page.expect_navigation():
        page.click("#panel button[type=submit]")
    assert "网上申请不予受理" in page.inner_text("main")
    assert Application.objects.get(pk=online.pk).state == State.NOT_ACCEPTED
    page.context.close()

    def forbidden(page, response):
        assert response.status == 403 and "无权访问" in page.inner_text("main")

    _both(
        browser,
        live_server,
        "a_supervisor",
        f"/staff/applications/{fresh.pk}/decide/",
        shots,
        "error-403",
        forbidden,
    )

    def missing(page, response):
        assert response.status == 404 and "页面不存在" in page.inner_text("main")

    _both(
        browser,
        live_server,
        "b_handler",
        f"/staff/applications/{fresh.pk}/",
        shots,
        "error-404",
        missing,
    )

    # The scoped administrator: the roles they may grant, and a new colleague with a first role.
    _both(
        browser,
        live_server,
        "a_administrator",
        "/admin/auth/user/add/",
        shots,
        "admin-user-add-empty",
    )
    page = _login(browser, live_server, "a_administrator")
    page.goto(f"{live_server.url}/admin/agencies/membership/add/")
    options = page.locator("select[name=user] option").all_inner_texts()
    assert (
        "a_handler" in options and "b_handler" not in options and "a_administrator" not in options
    )
    page.screenshot(path=str(shots / "admin-membership-add-1280.png"), full_page=True)
    page.goto(f"{live_server.url}/admin/auth/user/add/")
    page.fill("[name=username]", "new_clerk")
    page.fill("[name=password1]", "Gk-2026-long-pass")
    page.fill("[name=password2]", "Gk-2026-long-pass")
    page.select_option("[name=agency]", str(world.office_a.pk))
    page.select_option("[name=role]", Role.REGISTRAR)
    page.screenshot(path=str(shots / "admin-user-add-1280.png"), full_page=True)
    with page.expect_navigation():
        page.click("[name=_save]")
    assert Membership.objects.filter(
        user__username="new_clerk", agency=world.office_a, role=Role.REGISTRAR
    ).exists()
    page.goto(f"{live_server.url}/admin/")
    page.screenshot(path=str(shots / "admin-index-scoped-1280.png"), full_page=True)
    assert "节假日" not in page.inner_text("#content-main")
    page.context.close()


def test_it_shows_the_chinese_500_page(browser, live_server, world, settings, tmp_path):
    settings.ROOT_URLCONF = "tests.web.crash_urls"

    def crashed(page, response):
        assert response.status == 500 and "系统错误" in page.inner_text("main")

    _both(browser, live_server, "a_handler", "/boom/", _shots(tmp_path), "error-500", crashed)
