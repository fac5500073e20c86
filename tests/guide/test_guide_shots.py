"""The guides' screenshots, taken in a real browser (Debian's headless chromium), so they cannot
drift from the pages.

For each guide the test walks the pages the guide describes, as the role it is written for,
and:
- checks that every name the guide's text quotes (`{% ui "…" %}`) is shown on one of them: a
  renamed button or field fails here, with the guide and the name;
- takes every declared shot and records the page's structure at that moment (the visible
  buttons, labels, table and list headings, section headings) in src/gongkai/guide/shots.json.

Normally the pictures go to a temporary directory and the recorded structure is compared with the
manifest: a page that changed since its committed picture was taken fails the test, naming what
changed. `GONGKAI_GUIDE_SHOTS=update` writes the pictures into
src/gongkai/guide/static/guide/shots/ and the manifest instead (docs/guide.md).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.annualreports import publish
from gongkai.applications import services
from gongkai.applications.choices import State
from gongkai.audits import tasks
from gongkai.audits.models import AuditBatch
from gongkai.evaluations import services as evaluations
from gongkai.evaluations.models import Indicator
from gongkai.guide.guides import GUIDES, SHOTS
from gongkai.portal import services as portal_services
from gongkai.rectifications.models import RectificationNotice
from gongkai.report.writers import write
from gongkai.web import uploads

from ..supervision.fixture import write_year
from ..web.audits.conftest import report_of, zip_of
from ..web.conftest import RECEIVED
from ..web.portal.conftest import apply_data, fill_applicant, fill_request, id_scan
from .test_guides import MANIFEST, SHOTS_DIR, ui_labels

UPDATE = os.environ.get("GONGKAI_GUIDE_SHOTS") == "update"
HEIGHT = {1280: 800, 375: 740}
YEAR = 2025


# What a page is made of, for telling whether its picture is out of date: the visible labels of
# controls and headings in the page's main part (data such as numbers and dates left out).
STRUCTURE = """els => els.filter(e => e.offsetParent !== null)
  .map(e => (e.innerText || e.value || '').replace(/\\s+/g, ' ').trim()).filter(t => t && !/\\d{4}/.test(t))"""
PARTS = "button, label, th, dt, h2, h3, legend, summary, a.button, .actions a"


class Camera:
    def __init__(self, browser, live_server, tmp_path):
        self.browser, self.base = browser, live_server.url
        self.out = SHOTS_DIR if UPDATE else tmp_path
        self.texts: dict[str, list[str]] = defaultdict(list)
        self.structure: dict[str, list[str]] = {}

    def page(self, username: str | None = None, width: int = 1280):
        context = self.browser.new_context(
            viewport={"width": width, "height": HEIGHT[width]}, locale="zh-CN"
        )
        page = context.new_page()
        if username:
            page.goto(f"{self.base}/login/")
            page.fill("input[name=username]", username)
            page.fill("input[name=password]", "pw")
            with page.expect_navigation():
                page.click("button[type=submit]")
        return page

    def seen(self, guide: str, page) -> None:
        buttons = page.locator("input[type=submit], input[type=button]").evaluate_all(
            "els => els.map(e => e.value)"
        )
        self.texts[guide].append(page.inner_text("body") + "\n" + "\n".join(buttons))

    def shoot(self, name: str, page, focus: str | None = None, within: str = "main") -> None:
        shot = SHOTS[name]
        assert page.viewport_size["width"] == shot.width, name
        self.seen(shot.guide, page)
        if focus:
            page.locator(focus).first.evaluate(
                "e => { e.scrollIntoView({block: 'start'}); window.scrollBy(0, -60); }"
            )
        else:
            page.evaluate("window.scrollTo(0, 0)")
        self.structure[name] = sorted(
            set(page.locator(within).first.locator(PARTS).evaluate_all(STRUCTURE))
        )
        page.screenshot(path=str(self.out / f"{name}.png"))

    def act(self, page, url: str, label: str, fields=None, selects=None, submit=True):
        """Open an application, press a transition button, fill the panel, maybe submit it."""
        page.goto(self.base + url)
        page.click(f".actions button:text-is('{label}')")
        page.wait_for_selector("#panel form")
        for field, value in (fields or {}).items():
            page.fill(f"#panel [name={field}]", value)
        for field, value in (selects or {}).items():
            page.select_option(f"#panel [name={field}]", value)
        if submit:
            with page.expect_navigation():
                page.click("#panel button[type=submit]")


def _letter_details(agency):
    agency.doc_prefix, agency.contact_person, agency.office_phone = (
        "示政办信公",
        "李静",
        "010-61230001",
    )
    agency.review_body, agency.court = "示范区人民政府", "示范区人民法院"
    agency.save()


def _online(world, name="陈七", delivery="electronic"):
    data = {
        k: v
        for k, v in apply_data(world.office_a, applicant_name=name, delivery_form=delivery).items()
        if k not in ("agency", "consent")
    }
    return portal_services.submit(
        agency=world.office_a, data=data, id_document=uploads.check(id_scan(), max_bytes=10**6)
    )


def _awaiting_correction(world, submission):
    app = submission.application
    services.confirm_receipt(app, actor=world.registrar, on=timezone.localdate())
    services.start_review(app, actor=world.handler)
    services.request_correction(
        app,
        actor=world.handler,
        items="请写明所需批复文件的年份和项目名称",
        due_on=timezone.localdate() + dt.timedelta(days=15),
        on=timezone.localdate(),
    )
    return app


def _detail(app) -> str:
    return f"/staff/applications/{app.pk}/"


def _audit_files(tmp_path):
    """A ZIP of two units' reports: 住建局's 2024 report out of balance, published late, its
    section 五 copied from 2023 and its carry-over not the one 2023 passed on."""
    same = "本局将继续加强政府信息公开工作，进一步完善制度，提高公开质量。"
    archive = tmp_path / "各单位2024年度报告.zip"
    archive.write_bytes(
        zip_of(
            {
                "住建局2023.txt": write(
                    report_of("示范区住房和城乡建设局", 2023, carried_next=3, section5=same), "txt"
                ),
                "住建局2024.txt": write(
                    report_of(
                        "示范区住房和城乡建设局", 2024, carried=5, section5=same, broken=True
                    ),
                    "txt",
                ),
                "办公室2024.docx": write(report_of("示范区人民政府办公室"), "docx"),
            }
        )
    )
    return archive


def _supervision(cam, world, tmp_path):
    base = cam.base
    office = cam.page("d_supervisor")

    # 报告审核: upload a ZIP, the worker checks it, ranking, drill down to a finding.
    office.goto(f"{base}/staff/audits/")
    cam.seen("supervisor", office)
    office.click("main a.button")
    office.fill("input[name=title]", "2024年度报告审核")
    office.set_input_files("input[name=files]", str(_audit_files(tmp_path)))
    office.fill(
        "textarea[name=dates]",
        "住建局2023.txt,2024-01-25\n住建局2024.txt,2025-02-10\n办公室2024.docx,2025-01-20",
    )
    cam.shoot("supervisor-audit-upload", office)
    with office.expect_navigation():
        office.click("button:text-is('上传并审核')")
    batch = AuditBatch.objects.get()
    tasks.drain(batch.pk, "guide")
    office.reload()
    cam.seen("supervisor", office)
    office.click("#progress a:text-is('查看各单位排名')")
    office.wait_for_selector("table.ranking")
    cam.shoot("supervisor-audit-ranking", office)
    with office.expect_navigation():
        office.locator("table.ranking a.count.error").first.click()
    cam.shoot("supervisor-audit-finding", office, focus="main h1")

    # 通报整改: a notice from the finding, the unit's answer, the office's review.
    with office.expect_navigation():
        office.locator("ol.findings a:text-is('就此发出通报')").first.click()
    office.fill(
        "[name=body]", "经审核，你单位2024年度报告存在以下问题，请于期限内整改并报送整改情况。"
    )
    office.fill("[name=deadline]", (timezone.localdate() + dt.timedelta(days=10)).isoformat())
    cam.shoot("supervisor-notice-issue", office, focus="[name=units]")
    with office.expect_navigation():
        office.click("#issue-form button[type=submit]")
    notice_url = office.url
    addressee = RectificationNotice.objects.get().addressees.get()
    unit = cam.page("b_handler")
    unit.goto(notice_url)
    evidence = tmp_path / "整改情况说明.pdf"
    evidence.write_bytes(b"%PDF-1.4\n" + b"2" * 3000)
    unit.fill(f"[name=a{addressee.pk}-text]", "已更正表三，年度报告已重新发布（第2版）。")
    unit.set_input_files(f"[name=a{addressee.pk}-evidence]", str(evidence))
    cam.shoot("handler-notice-answer", unit, focus=".addressee")
    with unit.expect_navigation():
        unit.click(".answer-form button[type=submit]")
    office.goto(notice_url)
    office.check(f"input[name='r{addressee.pk}-decision'][value=accept]")
    office.fill(f"[name=r{addressee.pk}-note]", "已重新发布，整改到位。")
    cam.shoot("supervisor-notice-review", office, focus=".answers")
    with office.expect_navigation():
        office.click(".review-form button[type=submit]")
    office.goto(f"{base}/staff/rectifications/")
    cam.seen("supervisor", office)
    unit.goto(f"{base}/staff/rectifications/")
    cam.seen("handler", unit)
    unit.goto(f"{base}/staff/audits/")
    cam.seen("handler", unit)  # 本单位报告的审核结果

    # 考评: the year's scheme, a manual score with evidence, a unit's scores, publishing.
    write_year(world.office_a)
    scheme = evaluations.create_scheme(
        office=world.district, year=YEAR, actor=world.district_supervisor
    )
    manual = Indicator.objects.get(scheme=scheme, method="manual", children__isnull=True)
    evaluations.enter_score(
        manual,
        unit=world.office_a,
        actor=world.district_supervisor,
        score=Decimal("8"),
        reason="政府信息公开指南缺少办公时间",
        link="https://www.example.gov.cn/zfxxgk/zn.html",
    )
    office.goto(f"{base}/staff/evaluations/")
    cam.seen("supervisor", office)
    office.click(f"a[href='/staff/evaluations/{scheme.pk}/']")
    cam.shoot("supervisor-evaluation", office, focus="main h1")
    office.locator(f"#ranking tr[data-unit='{world.office_a.pk}'] a").first.click()
    office.wait_for_selector("#unit-scores")
    cam.shoot("supervisor-evaluation-unit", office)
    office.locator("#unit-scores a:text-is('修改评分')").first.click()
    office.wait_for_selector("[name=reason]")
    cam.seen("supervisor", office)
    office.goto(f"{base}/staff/evaluations/{scheme.pk}/unit/{world.office_b.pk}/")
    cam.seen("supervisor", office)  # 录入评分
    office.goto(f"{base}/staff/evaluations/{scheme.pk}/")
    office.click("#publish-form button")
    office.wait_for_selector("#withdraw-form")
    cam.seen("supervisor", office)
    unit.goto(f"{base}/staff/evaluations/")
    cam.seen("handler", unit)
    unit.goto(f"{base}/staff/evaluations/{scheme.pk}/unit/{world.office_b.pk}/")
    cam.seen("handler", unit)  # the unit's own scores, published and live

    # 投诉: a citizen complains on the portal, the office forwards it, the citizen looks it up.
    phone = cam.page(width=375)
    phone.goto(f"{base}/complaints/")
    phone.select_option("[name=agency]", str(world.office_b.pk))
    phone.fill("[name=name]", "林十一")
    phone.fill("[name=phone]", "13600001111")
    phone.fill("[name=text]", "2025年5月提交的政府信息公开申请，超过答复期限仍未答复。")
    cam.shoot("applicant-complaint", phone)
    with phone.expect_navigation():
        phone.click("#complaint-form button[type=submit]")
    code = phone.inner_text("#tracking-code").strip()
    cam.seen("applicant", phone)
    office.goto(f"{base}/staff/rectifications/complaints/")
    cam.seen("supervisor", office)
    with office.expect_navigation():
        office.locator("#complaints a").first.click()
    office.check("input[name=decision][value=forward]")
    office.fill("[name=text]", "未在法定期限内答复政府信息公开申请（《条例》第三十三条）。")
    office.fill("[name=deadline]", (timezone.localdate() + dt.timedelta(days=15)).isoformat())
    office.fill("[name=reply]", "经核查，已责成示范区住房和城乡建设局限期答复您的申请。")
    cam.shoot("supervisor-complaint", office, focus="main h1")
    with office.expect_navigation():
        office.click("#complaint-form button[type=submit]")
    phone.goto(f"{base}/complaints/status/")
    phone.fill("[name=code]", code)
    phone.fill("[name=contact]", "13600001111")
    with phone.expect_navigation():
        phone.click("#complaint-status-form button[type=submit]")
    phone.wait_for_selector("#status")
    cam.shoot("applicant-complaint-status", phone, focus="#result")

    # 统计图表: the district's charts of the year.
    office.goto(f"{base}/staff/dashboards/{world.district.pk}/?year={YEAR}")
    office.wait_for_selector(".chart[data-chart=months][data-rendered=true] canvas")
    office.wait_for_timeout(1500)  # the charts' opening animation
    cam.shoot("supervisor-dashboard", office)


def test_the_guides_match_the_pages_they_describe(browser, live_server, world, tmp_path):
    cam = Camera(browser, live_server, tmp_path)
    _letter_details(world.office_a)
    # A year of cases for the lists and the annual report, all at 示范区人民政府办公室.
    for state in (
        State.ARCHIVED,
        State.ARCHIVED,
        State.SERVED,
        State.REPLIED,
        State.IN_REVIEW,
        State.REGISTERED,
    ):
        world.application(state)
    extension = world.application(State.IN_REVIEW, applicant_name="赵六")
    services.request_extension(
        extension,
        actor=world.handler,
        days=10,
        reason="需要调取档案",
        on=RECEIVED + dt.timedelta(days=5),
    )
    consulting = world.application(State.IN_CONSULTATION, applicant_name="钱八")
    publish.publish(world.district, "tree", YEAR, actor=world.district_supervisor)

    # -- 登记 ---------------------------------------------------------------------------------
    registrar = cam.page("a_registrar")
    cam.seen("registrar", registrar)
    registrar.goto(f"{live_server.url}/login/")
    cam.seen("registrar", registrar)  # 用户名, 密码, 登录 (logged in: the form is shown anyway)
    registrar.goto(f"{live_server.url}/staff/applications/")
    cam.shoot("registrar-list", registrar)
    submitted = _online(world)
    cam.act(registrar, _detail(submitted.application), "确认收到申请", submit=False)
    cam.shoot("registrar-confirm", registrar)
    registrar.click("#panel button[type=submit]")
    registrar.wait_for_selector(".messages")
    scan = tmp_path / "来信扫描件.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + b"0" * 4000)
    paper = world.application(
        State.REGISTERED,
        applicant_name="孙九",
        channel="ordinary_letter",
        confirmed_on=dt.date(2025, 3, 3),
    )
    registrar.goto(live_server.url + _detail(paper))
    registrar.select_option("#case-files select[name=category]", "paper_letter")
    registrar.set_input_files("#case-files input[name=file]", str(scan))
    registrar.fill("#case-files input[name=note]", "平信，3月3日收到")
    with registrar.expect_navigation():
        registrar.click("#case-files button[type=submit]")
    cam.shoot("registrar-files", registrar, focus="#case-files")
    correcting = _awaiting_correction(world, _online(world, "周十"))
    registrar.goto(live_server.url + _detail(correcting))
    cam.seen("registrar", registrar)  # 登记补正, 网上补正
    replied = world.application(State.REPLIED, applicant_name="吴一")
    cam.act(registrar, _detail(replied), "登记送达", submit=False)
    cam.seen("registrar", registrar)
    served = world.application(State.SERVED, applicant_name="郑二")
    cam.act(registrar, _detail(served), "归档", submit=False)
    cam.seen("registrar", registrar)

    # -- 承办 ---------------------------------------------------------------------------------
    handler = cam.page("a_handler")
    reviewing = world.application(State.IN_REVIEW, applicant_name="王三")
    cam.act(
        handler,
        _detail(reviewing),
        "告知补正",
        {"items": "请写明所需文件的名称、文号或形成时间"},
        submit=False,
    )
    cam.shoot("handler-correction", handler, focus="#panel")
    online_correction = _awaiting_correction(world, _online(world, "冯四"))
    portal_services.submit_correction(
        online_correction.portal_submission,
        text="所需文件为2024年城关片区老旧小区改造项目的立项批复。",
        files=[
            uploads.check(
                SimpleUploadedFile("补正说明.pdf", b"%PDF-1.4\n" + b"1" * 3000), max_bytes=10**6
            )
        ],
    )
    handler.goto(live_server.url + _detail(online_correction))
    cam.shoot("handler-online-correction", handler, focus="#online-submission")
    cam.act(handler, _detail(consulting), "结束征求意见", submit=False)
    cam.seen("handler", handler)
    registered = world.application(State.REGISTERED, applicant_name="陈五")
    handler.goto(live_server.url + _detail(registered))
    cam.seen("handler", handler)  # 开始审查
    cam.act(
        handler,
        _detail(reviewing),
        "拟定答复",
        {"reason": "批复文件第3页含有第三方个人信息，已作区分处理。"},
        {"outcome": "partially_granted"},
        submit=False,
    )
    cam.shoot("handler-decide", handler, focus="#panel")
    handler.click("#panel button[type=submit]")
    handler.wait_for_selector(".messages")

    # -- 审核签发 -----------------------------------------------------------------------------
    approver = cam.page("a_approver")
    approver.goto(live_server.url + _detail(extension))
    cam.seen("approver", approver)  # 批准延期, 不同意延期
    cam.act(approver, _detail(reviewing), "签发答复", submit=False)
    cam.shoot("approver-sign", approver, focus="#panel")
    with approver.expect_navigation():
        approver.click("#panel button[type=submit]")
    cam.shoot("approver-letters", approver, focus="#notices-panel")
    approver.click("header >> text=年度报告")
    approver.goto(f"{live_server.url}/annual/{world.office_a.pk}/{YEAR}/self/")
    cam.seen("approver", approver)
    approver.click("#publish-link")
    cam.shoot("approver-publish", approver)

    # -- 监督 ---------------------------------------------------------------------------------
    supervisor = cam.page("d_supervisor")
    cam.seen("supervisor", supervisor)
    # A click starts the navigation and returns: wait for the new page, or the picture and its
    # structure may be taken of the page before (a CI run caught the report list that way).
    with supervisor.expect_navigation():
        supervisor.click("header >> text=年度报告")
    cam.seen("supervisor", supervisor)
    with supervisor.expect_navigation():
        supervisor.click(f"a[href='/annual/{world.district.pk}/{YEAR}/tree/']")
    cam.shoot("supervisor-report", supervisor, focus="#findings")

    # -- 管理员 -------------------------------------------------------------------------------
    administrator = cam.page()
    administrator.goto(f"{live_server.url}/admin/login/")
    administrator.fill("input[name=username]", "a_administrator")
    administrator.fill("input[name=password]", "pw")
    with administrator.expect_navigation():
        administrator.click("input[type=submit]")
    administrator.goto(f"{live_server.url}/admin/agencies/agency/{world.office_a.pk}/change/")
    cam.shoot("administrator-agency", administrator, focus="#id_office_name", within="body")
    administrator.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    cam.seen("administrator", administrator)

    # -- 申请人 -------------------------------------------------------------------------------
    phone = cam.page(width=375)
    phone.goto(f"{live_server.url}/portal/apply/")
    fill_applicant(phone, world.office_a.pk, "林十一", "32010219880808123", "13600001111")
    cam.shoot("applicant-apply", phone)
    id_file = tmp_path / "身份证.png"
    id_file.write_bytes(id_scan().read())
    fill_request(phone, "本区2024年老旧小区改造项目的批复文件", id_file)
    phone.check("[name=consent]")
    with phone.expect_navigation():
        phone.click("main button[type=submit]")
    code = phone.inner_text("#tracking-code").strip()
    cam.seen("applicant", phone)
    phone.click("#receipt-link")
    cam.shoot("applicant-receipt", phone)
    mine = _awaiting_correction(
        world, submitted.__class__.objects.get(tracking_code=code.replace("-", ""))
    )
    phone.goto(f"{live_server.url}/portal/status/")
    phone.fill("[name=code]", code)
    phone.fill("[name=phone]", "13600001111")
    phone.click("main button[type=submit]")
    phone.wait_for_selector("#send-correction")
    cam.seen("applicant", phone)
    phone.click("#send-correction")
    phone.fill("[name=code]", code)
    phone.fill("[name=phone]", "13600001111")
    phone.fill("[name=text]", "所需文件为2024年城关片区老旧小区改造项目的立项批复。")
    cam.shoot("applicant-correction", phone)
    with phone.expect_navigation():
        phone.click("main button[type=submit]")
    services.receive_correction(mine, actor=world.registrar, on=timezone.localdate())
    services.decide(mine, actor=world.handler, outcome="granted", on=timezone.localdate())
    services.sign_reply(mine, actor=world.approver, on=timezone.localdate())
    phone.goto(f"{live_server.url}/portal/status/")
    phone.fill("[name=code]", code)
    phone.fill("[name=phone]", "13600001111")
    phone.click("main button[type=submit]")
    phone.wait_for_selector("#downloads")
    cam.shoot("applicant-status", phone, focus="#result")

    # -- 监督机关：报告审核、考评、通报整改、投诉、统计图表 ------------------------------------
    _supervision(cam, world, tmp_path)

    # Every name a guide quotes is on a page of that guide.
    for key in GUIDES:
        text = "\n".join(cam.texts[key])
        missing = [label for label in ui_labels(key) if label not in text]
        assert not missing, f"guide/{key}.html quotes names no longer on its pages: {missing}"

    assert set(cam.structure) == set(SHOTS)
    if UPDATE:
        manifest = {
            name: {"width": SHOTS[name].width, "structure": cam.structure[name]} for name in SHOTS
        }
        MANIFEST.write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        for stale in SHOTS_DIR.glob("*.png"):
            if stale.stem not in SHOTS:
                stale.unlink()
        return
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    changed = {}
    for name, now in cam.structure.items():
        before = manifest.get(name, {}).get("structure")
        if before != now:
            changed[name] = {
                "gone": sorted(set(before or []) - set(now)),
                "new": sorted(set(now) - set(before or [])),
            }
    assert not changed, (
        "pages changed since their guide pictures were taken; review the guide text and run "
        f"GONGKAI_GUIDE_SHOTS=update (docs/guide.md): {changed}"
    )
    assert all(re.fullmatch(r"[a-z-]+", name) for name in SHOTS)


@pytest.mark.skipif(not UPDATE, reason="only when the pictures are renewed")
def test_the_renewed_pictures_are_small_enough_to_keep_in_the_repository():
    total = sum(p.stat().st_size for p in SHOTS_DIR.glob("*.png"))
    assert total < 3 * 1024 * 1024, total
