"""Narrative: figures are placeholders filled from the tables; unknown names are refused."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai.annualreports.compute import build_report
from gongkai.annualreports.models import Narrative, Scope
from gongkai.annualreports.narrative import FIGURES, fill
from gongkai.applications import services
from gongkai.applications.choices import State
from gongkai.report.findings import Severity
from gongkai.report.model import Report
from gongkai.report.rules import check


def test_it_quotes_the_same_numbers_as_the_tables(world):
    for _ in range(2):
        world.application(State.ARCHIVED)
    world.application(State.IN_REVIEW)
    report = build_report(world.office_a, Scope.SELF, 2025)
    one = report.section("一").text
    assert f"全年新收政府信息公开申请{report.t3['new_received']['total']}件" in one
    assert f"结转下年度继续办理{report.t3['carried_to_next_year']['total']}件" in one
    assert (
        report.t3["new_received"]["total"] == 3 and report.t3["carried_to_next_year"]["total"] == 1
    )
    assert "{" not in report.narrative


def test_it_fills_every_figure_name_from_a_report():
    report = Report(
        year=2025,
        agency="某局",
        template="2021",
        t3={"new_received": {"total": 5}},
        t4={"review": {"total": 2}},
    )
    text = "".join("{" + name + "}" for name in FIGURES)
    filled = fill(text, report)
    assert "{" not in filled and "5" in filled and "2025" in filled


def test_it_refuses_an_unknown_figure_on_save(world, client):
    client.force_login(world.approver)
    url = reverse("annual:narrative", args=[world.office_a.pk, 2025, "self"])
    data = {
        "preamble": "",
        "section1": "新收{新受申请}件",
        "section2": "",
        "section3": "",
        "section4": "",
        "section5": "",
        "section6": "",
    }
    page = client.post(url, data)
    assert page.status_code == 200 and "未知的数字占位符：{新受申请}" in page.content.decode()
    assert not Narrative.objects.exists()
    data["section1"] = "新收{新收申请}件"
    assert client.post(url, data).status_code == 302
    assert Narrative.objects.get().section1 == "新收{新收申请}件"
    client.force_login(world.handler)
    assert client.get(url).status_code == 403


def test_it_builds_a_2019_format_report_with_one_other_row(world):
    app = world.application(State.IN_REVIEW, submitted_on=dt.date(2020, 3, 2))
    services.request_correction(
        app,
        actor=world.handler,
        items="请写明文件名称",
        due_on=dt.date(2020, 3, 20),
        on=dt.date(2020, 3, 4),
    )
    services.lapse_correction(app, actor=world.handler, on=dt.date(2020, 3, 30))
    services.sign_reply(app, actor=world.approver, on=dt.date(2020, 3, 30))
    report = build_report(world.office_a, Scope.SELF, 2020)
    assert report.template == "2019"
    assert report.t3["other"]["total"] == 1 and "other.no_correction" not in report.t3
    assert [f for f in check(report) if f.severity != Severity.INFO] == []
