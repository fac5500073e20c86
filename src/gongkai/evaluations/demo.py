"""Demo supervision data for `load_demo_year`: the district's 考评细则 for the demo year with a
hand-entered score for every unit, a notice in progress (answered, returned, still owed) and one
overdue, and a citizen's complaint waiting to be triaged. Everything goes through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from gongkai.agencies.models import Membership, Role

from . import services
from .models import MANUAL, Scheme


def loaded(year: int) -> bool:
    return Scheme.objects.filter(office__code="DEMO", year=year).exists()


def _publish_reports(agencies: dict, staff: dict, year: int) -> int:
    """Each unit's own report for the year, published as units do by 31 January (《条例》第四十九条),
    except the demo administrator's office (DEMO-01), which publishes it in the demo itself: its
    report-quality indicator shows 无数据 until then."""
    from gongkai.annualreports import publish
    from gongkai.annualreports.models import Scope

    count = 0
    for code, unit in sorted(agencies.items()):
        if code in ("DEMO", "DEMO-01") or Role.APPROVER not in staff.get(code, {}):
            continue
        try:
            publish.publish(unit, Scope.SELF, year, actor=staff[code][Role.APPROVER])
        except publish.PublicationBlocked:
            continue  # left unpublished: its score says 无数据
        count += 1
    return count


def load(rng, agencies: dict, staff: dict, year: int) -> str:
    from gongkai.rectifications import services as rect

    district = agencies["DEMO"]
    published = _publish_reports(agencies, staff, year)
    supervisor = (
        Membership.objects.filter(agency=district, role=Role.SUPERVISOR)
        .select_related("user")
        .first()
        .user
    )
    scheme = services.create_scheme(office=district, year=year, actor=supervisor)
    units = [a for code, a in sorted(agencies.items()) if code != "DEMO"]
    for leaf in scheme.indicators.filter(method=MANUAL, children__isnull=True):
        for unit in units:
            services.enter_score(
                leaf,
                unit=unit,
                actor=supervisor,
                score=Decimal(rng.randint(12, 20)) / 2,
                reason="对照第十二条核查政府信息公开指南要素和目录更新情况",
                link=f"https://www.example.gov.cn/zfxxgk/{unit.code.lower()}/zn.html",
            )
    today = timezone.localdate()
    late = rect.issue(
        office=district,
        actor=supervisor,
        title=f"关于{year}年度依申请公开办理情况的通报",
        body="经抽查，下列单位存在答复超过法定期限的情况，请于期限内整改并报送整改情况。",
        on=today - dt.timedelta(days=40),
        deadline=today - dt.timedelta(days=10),
        problems=[
            rect.ProblemInput(agencies["DEMO-04"], "个别申请答复超过《条例》第三十三条规定的期限")
        ],
    )
    assert late.pk
    codes = ["DEMO-01", "DEMO-03", "DEMO-11"]
    notice = rect.issue(
        office=district,
        actor=supervisor,
        title=f"关于{year}年度政府信息公开工作年度报告质量问题的通报",
        body="经审核，下列单位的年度报告存在数据勾稽或内容问题，请立行立改。",
        on=today - dt.timedelta(days=7),
        deadline=today + dt.timedelta(days=14),
        problems=[
            rect.ProblemInput(agencies[c], "表三“办结”合计与各项之和不一致，第五部分内容与上年雷同")
            for c in codes
        ],
    )
    rows = {a.agency.code: a for a in notice.addressees.select_related("agency")}
    rect.answer(
        rows["DEMO-01"],
        actor=staff["DEMO-01"][Role.HANDLER],
        text="已核对表三数据并更正，重新发布年度报告。",
        link="https://www.example.gov.cn/zfxxgk/demo-01/ndbg.html",
        on=today - dt.timedelta(days=3),
    )
    rect.answer(
        rows["DEMO-03"],
        actor=staff["DEMO-03"][Role.HANDLER],
        text="已修改第五部分。",
        link="https://www.example.gov.cn/zfxxgk/demo-03/ndbg.html",
        on=today - dt.timedelta(days=4),
    )
    rect.send_back(
        rows["DEMO-03"],
        actor=supervisor,
        note="表三数据仍未更正，请一并整改。",
        on=today - dt.timedelta(days=2),
    )
    rect.receive_complaint(
        agency=agencies["DEMO-11"],
        name="赵六",
        phone="13900000011",
        email="",
        text="本人于网上提交的政府信息公开申请超过二十个工作日未获答复。",
    )
    return (
        f"演示考评与通报：{published}个单位的{year}年度报告已发布；{scheme}（{len(units)}个单位），"
        f"通报2份（1份逾期未整改），投诉1件待处理。"
        f"demo_supervisor 可查看 http://127.0.0.1:8000/staff/evaluations/{scheme.pk}/"
    )
