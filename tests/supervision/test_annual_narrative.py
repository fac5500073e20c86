"""The government's annual report draft states the supervision figures from the records
(《条例》第五十条（四）: 工作考核、社会评议和责任追究), and says so when there are none."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gongkai.annualreports.narrative import draft
from gongkai.evaluations import services
from gongkai.evaluations.models import Indicator
from gongkai.rectifications import services as rect

from .fixture import write_year


def test_without_records_the_draft_says_there_are_none(world, today):
    today(dt.date(2026, 3, 2))
    texts = draft(world.district, "tree", 2025)
    assert "2025年度未在本系统中开展政府信息公开工作考评（无考评记录）" in texts["section5"]
    assert "全年未收到公众对政府信息公开工作的投诉" in texts["section5"]
    assert "未在本系统中发出政府信息公开工作通报" in texts["section6"]
    assert (
        "工作考核" not in draft(world.office_a, "self", 2025)["section5"]
    )  # a department's report


def test_the_draft_counts_scores_complaints_notices_and_accountability(world, today):
    today(dt.date(2026, 3, 2))
    write_year(world.office_a)
    scheme = services.create_scheme(
        office=world.district, year=2025, actor=world.district_supervisor, starter=False
    )
    leaf = Indicator.objects.create(
        scheme=scheme, name="按期答复", points=Decimal(20), method="answer_timeliness"
    )
    assert leaf.pk
    actor = world.district_supervisor
    notice = rect.issue(
        office=world.district,
        actor=actor,
        title="通报",
        body="b",
        on=dt.date(2025, 6, 1),
        deadline=dt.date(2025, 6, 20),
        problems=[
            rect.ProblemInput(world.office_a, "超期"),
            rect.ProblemInput(world.office_b, "超期"),
        ],
    )
    a = notice.addressees.get(agency=world.office_a)
    rect.answer(a, actor=world.handler, text="已改", link="https://x.cn", on=dt.date(2025, 6, 10))
    rect.accept(a, actor=actor, accountability="约谈1人", on=dt.date(2025, 6, 12))
    complaint = rect.receive_complaint(
        agency=world.office_b, name="王五", phone="1", email="", text="未答复"
    )
    rect.dismiss_complaint(complaint, office=world.district, actor=actor, reason="已按期答复")
    from gongkai.rectifications.models import Complaint

    Complaint.objects.filter(pk=complaint.pk).update(
        submitted_at=dt.datetime(2025, 7, 1, 10, tzinfo=dt.UTC)
    )
    texts = draft(world.district, "tree", 2025)
    # Office A 15.00 of 20 (3 of 4 on time); B and the street have no case: incomplete, not averaged.
    assert (
        "对3个单位开展考评，1个单位完成全部指标评分，平均得分15.00分（满分20分）"
        in texts["section5"]
    )
    assert "投诉1宗，经调查转办整改0宗、不予支持1宗" in texts["section5"]
    assert "对1个单位追究责任（示范区人民政府办公室：约谈1人）" in texts["section5"]
    assert (
        "发出政府信息公开工作通报1份，涉及2个单位次，整改完成1个，逾期整改1个" in texts["section6"]
    )
