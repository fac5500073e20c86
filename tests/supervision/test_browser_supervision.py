"""In a real browser (Debian's headless chromium): the office issues a notice from an audit
finding, the unit answers it with a file, the office accepts it; the district's dashboard draws
its charts; the office reads the ranking and publishes it. No Content-Security-Policy violation on the way. Screenshots at 1280 and 375 px go to
$GONGKAI_SCREENSHOTS (default: the test's tmp dir)."""

from __future__ import annotations

import datetime as dt

from gongkai.audits.models import AuditBatch, AuditedReport, AuditFinding
from gongkai.rectifications.models import AddresseeState, RectificationNotice
from tests.web.portal.test_browser_story import _shots, _staff
from tests.web.test_browser_case import _both_widths

from .fixture import write_year


def _watch(page, violations):
    page.on(
        "console",
        lambda m: (
            violations.append(f"{page.url}: {m.text}")
            if "Content Security Policy" in m.text
            else None
        ),
    )
    page.on("pageerror", lambda e: violations.append(f"{page.url}: {e}"))


def _finding(world) -> AuditFinding:
    batch = AuditBatch.objects.create(
        owner=world.district, title="2025年度报告审核", created_by=world.district_supervisor
    )
    report = AuditedReport.objects.create(
        batch=batch,
        agency=world.office_a,
        original_name="办公室2025年报.txt",
        year=2025,
        state="done",
        errors=1,
    )
    return AuditFinding.objects.create(
        report=report,
        batch=batch,
        agency=world.office_a,
        year=2025,
        rule="t3.results_total",
        level="error",
        message="表三“办结”合计与各项之和不符：应为12，实为13",
        table="表三",
    )


def test_a_notice_from_a_finding_is_answered_and_accepted(browser, live_server, world, tmp_path):
    shots = _shots(tmp_path)
    violations: list[str] = []
    finding = _finding(world)
    office = _staff(browser, live_server, "d_supervisor")
    _watch(office, violations)
    office.goto(f"{live_server.url}/staff/rectifications/new/?finding={finding.pk}")
    assert "应为12，实为13" in office.input_value("[name=problem]")
    office.fill("[name=body]", "经审核，你单位2025年度报告存在以下问题，请立行立改。")
    office.fill("[name=deadline]", (dt.date.today() + dt.timedelta(days=10)).isoformat())
    _both_widths(office, shots, "notice-issue")
    with office.expect_navigation():
        office.click("#issue-form button[type=submit]")
    notice = RectificationNotice.objects.get()
    assert office.url.endswith(f"/staff/rectifications/{notice.pk}/")
    assert "t3.results_total" in office.inner_text(".problems")
    addressee = notice.addressees.get()

    unit = _staff(browser, live_server, "a_handler")
    _watch(unit, violations)
    unit.goto(f"{live_server.url}/staff/rectifications/{notice.pk}/")
    evidence = tmp_path / "更正说明.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% correction statement\n")
    unit.fill(f"[name=a{addressee.pk}-text]", "已更正表三并重新发布年度报告（第2版）。")
    unit.set_input_files(f"[name=a{addressee.pk}-evidence]", str(evidence))
    _both_widths(unit, shots, "notice-answer-form")
    with unit.expect_navigation():
        unit.click(".answer-form button[type=submit]")
    assert "已报送整改情况待审核" in unit.inner_text(f"#addressee-{addressee.pk} .state")
    assert "更正说明.pdf" in unit.inner_text(".answers")

    office.goto(f"{live_server.url}/staff/rectifications/{notice.pk}/")
    office.check(f"input[name='r{addressee.pk}-decision'][value=accept]")
    office.fill(f"[name=r{addressee.pk}-note]", "整改到位。")
    with office.expect_navigation():
        office.click(".review-form button[type=submit]")
    assert "整改完成" in office.inner_text(f"#addressee-{addressee.pk} .state")
    _both_widths(office, shots, "notice-accepted")
    addressee.refresh_from_db()
    assert addressee.state == AddresseeState.ACCEPTED
    assert violations == []


def test_the_district_dashboard_draws_its_charts(browser, live_server, world, tmp_path):
    shots = _shots(tmp_path)
    violations: list[str] = []
    write_year(world.office_a)
    page = _staff(browser, live_server, "d_supervisor")
    _watch(page, violations)
    page.goto(f"{live_server.url}/staff/dashboards/{world.district.pk}/?year=2025")
    page.wait_for_selector(".chart[data-chart=months][data-rendered=true] canvas")
    for key in ("years", "months", "reviews"):
        box = page.locator(f".chart[data-chart={key}] canvas").first.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 200, key
    assert "无数据" in page.inner_text("#table-errors")  # no audit of the year
    _both_widths(page, shots, "dashboard-district")
    page.set_viewport_size({"width": 375, "height": 900})
    page.wait_for_timeout(300)
    box = page.locator(".chart[data-chart=months] canvas").first.bounding_box()
    assert box["width"] <= 375
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click(
        "#table-months tbody tr:nth-child(12) td:nth-child(4) a"
    )  # December, pending at month end
    page.wait_for_selector("#records")
    assert page.locator("#records tbody tr").count() == 2
    assert violations == []


def test_the_ranking_and_a_units_scores_with_their_records(browser, live_server, world, tmp_path):
    from decimal import Decimal

    from gongkai.evaluations import services
    from gongkai.evaluations.models import Indicator

    shots = _shots(tmp_path)
    violations: list[str] = []
    write_year(world.office_a)
    scheme = services.create_scheme(
        office=world.district, year=2025, actor=world.district_supervisor
    )
    manual = Indicator.objects.get(scheme=scheme, method="manual", children__isnull=True)
    services.enter_score(
        manual,
        unit=world.office_a,
        actor=world.district_supervisor,
        score=Decimal("8"),
        reason="指南缺少办公时间",
        link="https://www.example.gov.cn/zn.html",
    )
    page = _staff(browser, live_server, "d_supervisor")
    _watch(page, violations)
    page.goto(f"{live_server.url}/staff/evaluations/{scheme.pk}/")
    row = page.locator(f"#ranking tr[data-unit='{world.office_a.pk}']")
    assert (
        "不完整" in row.inner_text() or "项无得分" in row.inner_text()
    )  # no report, no catalogue: 无数据
    _both_widths(page, shots, "evaluation-ranking")
    row.locator("a").first.click()
    page.wait_for_selector("#unit-scores")
    assert "按期答复3件" in page.inner_text("#unit-scores")
    _both_widths(page, shots, "evaluation-unit")
    page.locator("#unit-scores tr", has_text="按期答复3件").locator("a:text-is('查看记录')").click()
    page.wait_for_selector("#records")
    assert page.locator("#records tbody tr").count() >= 4
    # The office publishes the year's scores: the stored ranking comes first, the live one after.
    page.goto(f"{live_server.url}/staff/evaluations/{scheme.pk}/")
    page.click("#publish-form button")
    page.wait_for_selector("#published-ranking")
    assert world.office_a.name in page.inner_text("#published-ranking")
    assert page.locator("#withdraw-form").count() == 1
    _both_widths(page, shots, "evaluation-published")
    assert violations == []
