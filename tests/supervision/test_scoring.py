"""考评: the score computed from the records equals the hand calculation; missing data is 无数据,
not zero; schemes are versioned per year by copying; only the office edits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from gongkai.evaluations import scoring, services
from gongkai.evaluations.models import Indicator, Scheme
from gongkai.rectifications import services as rect

from .fixture import write_year

TODAY = dt.date(2026, 3, 2)


def _scheme(world) -> Scheme:
    scheme = services.create_scheme(
        office=world.district, year=2025, actor=world.district_supervisor, starter=False
    )
    tree = [
        (
            "依申请公开",
            "30",
            [
                ("按期答复", "20", "answer_timeliness", None),
                ("逾期办理", "10", "overdue_share", None),
            ],
        ),
        (
            "监督与救济",
            "20",
            [
                ("复议诉讼纠错", "10", "review_corrections", "4"),
                ("通报整改", "10", "rectification_overdue", "3"),
            ],
        ),
        ("基础配套", "10", [("政府信息公开指南", "10", "manual", None)]),
    ]
    for position, (name, points, children) in enumerate(tree):
        parent = Indicator.objects.create(
            scheme=scheme, name=name, points=Decimal(points), position=position
        )
        for j, (child, pts, method, deduction) in enumerate(children):
            Indicator.objects.create(
                scheme=scheme,
                parent=parent,
                name=child,
                points=Decimal(pts),
                method=method,
                deduction=Decimal(deduction) if deduction else None,
                position=j,
            )
    return scheme


def _notices(world):
    """Two late rectifications of office A with deadlines in 2025, one in 2026 (not counted)."""
    late = rect.issue(
        office=world.district,
        actor=world.district_supervisor,
        title="通报一",
        body="b",
        on=dt.date(2025, 9, 1),
        deadline=dt.date(2025, 10, 10),
        problems=[rect.ProblemInput(world.office_a, "问题一")],
    )
    rect.answer(
        late.addressees.get(),
        actor=world.handler,
        text="迟报",
        link="https://x.cn",
        on=dt.date(2025, 10, 20),
    )
    rect.issue(
        office=world.district,
        actor=world.district_supervisor,
        title="通报二",
        body="b",
        on=dt.date(2025, 11, 1),
        deadline=dt.date(2025, 12, 1),
        problems=[rect.ProblemInput(world.office_a, "问题二")],
    )
    rect.issue(
        office=world.district,
        actor=world.district_supervisor,
        title="通报三",
        body="b",
        on=dt.date(2026, 1, 5),
        deadline=dt.date(2026, 2, 1),
        problems=[rect.ProblemInput(world.office_a, "问题三")],
    )


def test_the_score_from_the_records_equals_the_hand_calculation(world, today):
    today(TODAY)
    write_year(world.office_a)
    _notices(world)
    scheme = _scheme(world)
    guide = Indicator.objects.get(scheme=scheme, name="政府信息公开指南")
    services.enter_score(
        guide,
        unit=world.office_a,
        actor=world.district_supervisor,
        score=Decimal("8.5"),
        reason="指南缺少办公时间",
        link="https://example.gov.cn/zn.html",
    )
    roots, scores = scoring.score_units(scheme, scoring.units_of(scheme))
    by_unit = {s.unit.pk: s for s in scores}
    a = by_unit[world.office_a.pk]
    ind = {i.name: i.pk for i in scheme.indicators.all()}
    # Timeliness: 5 answered in 2025, case 7's deadline unknown → 3 of 4 on time → 20 × 0.75.
    assert a.cells[ind["按期答复"]].score == Decimal("15.00")
    assert (
        "按期答复3件" in a.cells[ind["按期答复"]].text
        and "1件答复期限无法计算" in a.cells[ind["按期答复"]].text
    )
    # Overdue: 5 due in 2025, cases 3 (late) and 5 (unanswered) → 10 × (1 − 0.4).
    assert a.cells[ind["逾期办理"]].score == Decimal("6.00")
    # Corrections concluded in 2025: case 1 only → 10 − 4.
    assert a.cells[ind["复议诉讼纠错"]].score == Decimal("6.00")
    # Rectifications due in 2025 and late: 通报一 (late answer) and 通报二 (overdue) → 10 − 2 × 3.
    assert a.cells[ind["通报整改"]].score == Decimal("4.00")
    assert a.cells[ind["政府信息公开指南"]].score == Decimal("8.5")
    assert a.cells[ind["依申请公开"]].score == Decimal("21.00")
    assert a.total == Decimal("39.50") and a.complete and a.rank == 1
    # Office B has no case at all: its automatic application scores are 无数据, never zero, and the
    # manual one is 未评分; it is not ranked and its total sums only what is known.
    b = by_unit[world.office_b.pk]
    assert b.cells[ind["按期答复"]].score is None and b.cells[ind["按期答复"]].text.startswith(
        "无数据"
    )
    assert b.cells[ind["复议诉讼纠错"]].score is None
    assert b.cells[ind["政府信息公开指南"]].text.startswith("未评分")
    assert b.cells[ind["通报整改"]].score == Decimal("10.00")
    assert b.total == Decimal("10.00") and b.missing == 4 and b.rank is None
    assert scores[0].unit == world.office_a  # ranked first, unranked after


def test_every_automatic_score_links_to_its_records(client, world, today):
    today(TODAY)
    apps = write_year(world.office_a)
    scheme = _scheme(world)
    client.force_login(world.district_supervisor)
    page = client.get(
        reverse("evaluations:unit", kwargs={"pk": scheme.pk, "unit": world.office_a.pk})
    ).content.decode()
    link = reverse(
        "evaluations:records",
        kwargs={"key": "answer_timeliness", "unit": world.office_a.pk, "year": 2025},
    )
    assert link in page
    issue = page.split('class="issue-notice" href="')[1].split('"')[0].replace("&amp;", "&")
    form = client.get(issue).content.decode()
    assert "按期答复率75.00%" in form and link in form  # the problem and its records, prefilled
    records = client.get(link).content.decode()
    for app in apps[:4] + apps[6:]:
        assert reverse("staff:application_detail", kwargs={"pk": app.pk}) in records
    assert apps[5].number not in records  # answered in 2026
    assert "期限无法计算（未计入）" in records
    # Office B's staff cannot read office A's records.
    client.force_login(world.other_handler)
    assert client.get(link).status_code == 404
    assert (
        client.get(
            reverse("evaluations:unit", kwargs={"pk": scheme.pk, "unit": world.office_a.pk})
        ).status_code
        == 404
    )
    # The unit sees its own row only.
    client.force_login(world.handler)
    ranking = client.get(reverse("evaluations:scheme", kwargs={"pk": scheme.pk})).content.decode()
    assert world.office_a.name in ranking and world.office_b.name not in ranking


def test_a_year_starts_as_a_copy_of_the_last_and_stays_separate(world, today):
    today(TODAY)
    old = _scheme(world)
    new = services.create_scheme(office=world.district, year=2026, actor=world.district_supervisor)
    assert new.copied_from == old

    def shape(s):
        return sorted(
            (i.name, i.parent.name if i.parent else "", i.points, i.method, i.deduction)
            for i in s.indicators.select_related("parent")
        )

    assert shape(new) == shape(old)
    changed = new.indicators.get(name="按期答复")
    changed.points = Decimal("25")
    services.save_indicator(changed, actor=world.district_supervisor)
    assert old.indicators.get(name="按期答复").points == Decimal("20")
    with pytest.raises(services.EvaluationError):
        services.create_scheme(office=world.district, year=2026, actor=world.district_supervisor)
    roots = scoring.tree(new)
    assert scoring.points_problems(roots) == ["“依申请公开”分值30.00，下级指标合计35.00。"]


def test_only_the_office_edits_and_scores(client, world, today):
    today(TODAY)
    scheme = _scheme(world)
    guide = Indicator.objects.get(scheme=scheme, name="政府信息公开指南")
    with pytest.raises(services.EvaluationError):
        services.enter_score(
            guide,
            unit=world.office_a,
            actor=world.approver,
            score=Decimal(5),
            reason="x",
            link="https://x.cn",
        )
    with pytest.raises(services.EvaluationError):  # no evidence
        services.enter_score(
            guide,
            unit=world.office_a,
            actor=world.district_supervisor,
            score=Decimal(5),
            reason="x",
        )
    with pytest.raises(services.EvaluationError):  # above the points
        services.enter_score(
            guide,
            unit=world.office_a,
            actor=world.district_supervisor,
            score=Decimal(11),
            reason="x",
            link="https://x.cn",
        )
    client.force_login(world.handler)
    assert (
        client.get(reverse("evaluations:indicator_edit", kwargs={"pk": guide.pk})).status_code
        == 403
    )
    assert (
        client.post(reverse("evaluations:indicator_delete", kwargs={"pk": guide.pk})).status_code
        == 403
    )
    assert (
        client.get(
            reverse("evaluations:score_entry", kwargs={"pk": guide.pk, "unit": world.office_a.pk})
        ).status_code
        == 403
    )
    client.force_login(world.other_handler)  # office B cannot even see office A's entry form
    assert (
        client.get(
            reverse("evaluations:score_entry", kwargs={"pk": guide.pk, "unit": world.office_a.pk})
        ).status_code
        == 404
    )
    client.force_login(world.district_supervisor)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("evaluations:score_entry", kwargs={"pk": guide.pk, "unit": world.office_a.pk}),
        {
            "score": "7",
            "reason": "指南要素不全",
            "evidence": SimpleUploadedFile("核查.pdf", b"%PDF-1.4\n%x\n"),
        },
    )
    assert response.status_code == 302
    entered = guide.manual_scores.get()
    assert entered.evidence_name == "核查.pdf"
    assert client.get(reverse("evaluations:evidence", kwargs={"pk": entered.pk})).status_code == 200
    client.force_login(world.other_handler)
    assert client.get(reverse("evaluations:evidence", kwargs={"pk": entered.pk})).status_code == 404


def test_the_office_edits_the_tree_through_the_pages(client, world, today):
    today(TODAY)
    scheme = services.create_scheme(
        office=world.district, year=2025, actor=world.district_supervisor
    )
    parent = scheme.indicators.get(name="依申请公开")
    client.force_login(world.district_supervisor)
    response = client.post(
        reverse("evaluations:indicator_add", kwargs={"scheme_pk": scheme.pk}),
        {
            "parent": parent.pk,
            "name": "答复文书规范",
            "points": "5",
            "method": "manual",
            "criteria": "抽查10份答复书",
            "position": 3,
        },
    )
    assert response.status_code == 302
    added = scheme.indicators.get(name="答复文书规范")
    assert added.parent == parent
    page = client.get(reverse("evaluations:scheme", kwargs={"pk": scheme.pk})).content.decode()
    assert "“依申请公开”分值30.00，下级指标合计35.00。" in page
    # A count measure needs its deduction; the form says so and nothing is saved.
    response = client.post(
        reverse("evaluations:indicator_edit", kwargs={"pk": added.pk}),
        {
            "parent": parent.pk,
            "name": "答复文书规范",
            "points": "5",
            "method": "review_corrections",
            "position": 3,
        },
    )
    assert response.status_code == 400 and "请填写每项扣分" in response.content.decode()
    added.refresh_from_db()
    assert added.method == "manual"
    response = client.post(
        reverse("evaluations:indicator_edit", kwargs={"pk": parent.pk}),
        {
            "parent": added.pk,
            "name": "依申请公开",
            "points": "30",
            "method": "manual",
            "position": 0,
        },
    )
    assert (
        response.status_code == 400
        and "上级指标不能是本指标的下级指标" in response.content.decode()
    )
    assert (
        client.post(reverse("evaluations:indicator_delete", kwargs={"pk": added.pk})).status_code
        == 302
    )
    assert not scheme.indicators.filter(name="答复文书规范").exists()
