"""With the default Content-Security-Policy on, the pages a person uses (staff pages with their
htmx panels, the annual report, the portal, the Django admin) load and work in a real browser
(Debian's chromium) without a single CSP violation: no inline script or style is left."""

from __future__ import annotations

import os
from pathlib import Path

from gongkai.applications.choices import State


def _watch(page, violations: list):
    page.on(
        "console",
        lambda m: (
            violations.append(f"{page.url}: {m.text}")
            if "Content Security Policy" in m.text
            else None
        ),
    )
    page.on("pageerror", lambda e: violations.append(f"{page.url}: {e}"))


def _logged_in(browser, violations, url: str, username: str, submit: str):
    page = browser.new_context(locale="zh-CN").new_page()
    _watch(page, violations)
    page.goto(url)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw")
    with page.expect_navigation():
        page.click(submit)
    return page


def test_no_page_breaks_the_content_security_policy(
    browser, live_server, world, django_user_model, tmp_path
):
    app = world.application(State.IN_REVIEW)
    django_user_model.objects.create_superuser("root", password="pw")
    violations: list[str] = []
    shots = Path(os.environ.get("GONGKAI_SCREENSHOTS", tmp_path))

    staff = _logged_in(
        browser, violations, f"{live_server.url}/login/", "a_handler", "button[type=submit]"
    )
    assert (
        staff.evaluate("getComputedStyle(document.querySelector('header .user')).marginLeft")
        != "0px"
    )
    staff.screenshot(path=str(shots / "csp-staff-list-1280.png"))
    staff.goto(f"{live_server.url}/staff/applications/{app.pk}/")
    staff.click(".actions button:text-is('告知补正')")
    staff.wait_for_selector("#panel form")  # htmx swapped the panel in
    staff.goto(f"{live_server.url}/annual/")

    public = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 800}).new_page()
    _watch(public, violations)
    for path in ("/portal/", "/portal/apply/", "/portal/status/"):
        public.goto(live_server.url + path)
    public.fill("input[name=code]", "ABCD-EFGH-JKLM")
    public.fill("input[name=phone]", "13800000000")
    public.click("form button[type=submit]")
    public.wait_for_timeout(500)
    public.screenshot(path=str(shots / "csp-portal-status-375.png"))

    admin = _logged_in(
        browser, violations, f"{live_server.url}/admin/login/", "root", "input[type=submit]"
    )
    for path in (
        "/admin/",
        "/admin/agencies/agency/",
        "/admin/agencies/agency/add/",
        "/admin/api/apitoken/",
        f"/admin/agencies/agency/{world.office_a.pk}/change/",
    ):
        admin.goto(live_server.url + path)
        assert admin.locator("#content").count() == 1, path
    admin.screenshot(path=str(shots / "csp-admin-change-1280.png"))
    assert violations == []
