"""Publishing a year's scores (定稿): the published scores and ranking are stored and later record
changes do not alter them; the live view shows the difference; withdrawing is an explicit recorded
action; only the office does either; the release rows cannot be changed."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.dashboards import queries
from gongkai.evaluations import scoring, services, summary
from gongkai.evaluations.models import Indicator, Release, ReleaseKind
from gongkai.rectifications import services as rect
from gongkai.web.models import AppendOnlyError

from .fixture import write_year
from .test_scoring import TODAY, _notices, _scheme


def _scored(world):
    write_year(world.office_a)
    _notices(world)
    scheme = _scheme(world)
    services.enter_score(
        Indicator.objects.get(scheme=scheme, name="政府信息公开指南"),
        unit=world.office_a,
        actor=world.district_supervisor,
        score=Decimal("8.5"),
        reason="指南缺少办公时间",
        link="https://example.gov.cn/zn.html",
    )
    return scheme


def _another_overdue_notice(world):
    """A third rectification of office A due in 2025 and never answered: 通报整改 loses 3 more."""
    rect.issue(
        office=world.district,
        actor=world.district_supervisor,
        title="通报四",
        body="b",
        on=dt.date(2025, 6, 1),
        deadline=dt.date(2025, 7, 1),
        problems=[rect.ProblemInput(world.office_a, "问题四")],
    )


def _row(page: str, table: str, unit) -> str:
    part = page.split(f'id="{table}"')[1].split("</table>")[0]
    return part.split(f'data-unit="{unit.pk}"')[1].split("</tr>")[0]


def _xlsx_total(response, unit) -> object:
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    for row in sheet.iter_rows(values_only=True):
        if row[1] == unit.name:
            return row[2]
    raise AssertionError(f"{unit.name} not in the workbook")


def test_a_change_after_publishing_leaves_the_published_scores(client, world, today):
    today(TODAY)
    scheme = _scored(world)
    client.force_login(world.district_supervisor)
    response = client.post(reverse("evaluations:publish", kwargs={"pk": scheme.pk}))
    assert response.status_code == 302
    release = scheme.in_force()
    assert release.actor == world.district_supervisor and release.kind == ReleaseKind.PUBLISHED
    # The records change: one more overdue rectification of office A in 2025.
    _another_overdue_notice(world)
    live = {s.unit.pk: s for s in scoring.score_units(scheme, scoring.units_of(scheme))[1]}
    assert live[world.office_a.pk].total == Decimal("36.50")
    published = {s.unit.pk: s for s in scoring.published(scheme.in_force())}
    a = published[world.office_a.pk]
    assert a.total == Decimal("39.50") and a.rank == 1
    ind = Indicator.objects.get(scheme=scheme, name="通报整改").pk
    assert a.cells[ind].score == Decimal("4.00")
    assert published[world.office_b.pk].rank is None  # incomplete then, unranked as published
    # The page shows the published ranking, and the live one with the difference.
    page = client.get(reverse("evaluations:scheme", kwargs={"pk": scheme.pk})).content.decode()
    assert "39.50" in _row(page, "published-ranking", world.office_a)
    live_row = _row(page, "ranking", world.office_a)
    assert "36.50" in live_row and "已发布39.50" in live_row
    unit_page = client.get(
        reverse("evaluations:unit", kwargs={"pk": scheme.pk, "unit": world.office_a.pk})
    ).content.decode()
    assert "已发布（定稿）：总分 <strong>39.50</strong>，第1名" in unit_page
    # The XLSX is the published ranking, unless the live one is asked for.
    xlsx = reverse("evaluations:scheme_xlsx", kwargs={"pk": scheme.pk})
    assert Decimal(str(_xlsx_total(client.get(xlsx), world.office_a))) == Decimal("39.50")
    live_total = _xlsx_total(client.get(xlsx + "?live=1"), world.office_a)
    assert Decimal(str(live_total)) == Decimal("36.50")
    # The government's report and the dashboards state the published scores.
    assert summary.figures(world.district, 2025).average == Decimal("39.50")
    unit = queries.scores_table(
        queries.Scope(world.office_a.pk, frozenset({world.office_a.pk}), False, 2025)
    )
    assert "已发布" in unit.title
    assert {r[0].value: r[2].value for r in unit.rows}["监督与救济"] == Decimal("10.00")


def test_while_published_nothing_changes_until_an_explicit_withdrawal(client, world, today):
    today(TODAY)
    scheme = _scored(world)
    services.publish_scores(scheme, actor=world.district_supervisor)
    with pytest.raises(services.EvaluationError, match="已发布"):
        services.publish_scores(scheme, actor=world.district_supervisor)
    guide = Indicator.objects.get(scheme=scheme, name="政府信息公开指南")
    with pytest.raises(services.EvaluationError, match="请先撤回发布"):
        services.enter_score(
            guide,
            unit=world.office_a,
            actor=world.district_supervisor,
            score=Decimal("10"),
            reason="r",
            link="https://example.gov.cn/",
        )
    guide.points = Decimal("12")
    with pytest.raises(services.EvaluationError, match="请先撤回发布"):
        services.save_indicator(guide, actor=world.district_supervisor)
    with pytest.raises(services.EvaluationError, match="请先撤回发布"):
        services.delete_indicator(guide, actor=world.district_supervisor)
    client.force_login(world.district_supervisor)
    withdraw = reverse("evaluations:withdraw", kwargs={"pk": scheme.pk})
    client.post(withdraw, {"reason": ""})
    assert scheme.in_force() is not None  # no reason, no withdrawal
    client.post(withdraw, {"reason": "复核发现指南评分有误"})
    assert scheme.in_force() is None
    kinds = list(scheme.releases.order_by("pk").values_list("kind", "actor", "reason"))
    assert kinds == [
        (ReleaseKind.PUBLISHED, world.district_supervisor.pk, ""),
        (ReleaseKind.WITHDRAWN, world.district_supervisor.pk, "复核发现指南评分有误"),
    ]
    page = client.get(reverse("evaluations:scheme", kwargs={"pk": scheme.pk})).content.decode()
    assert 'id="published-ranking"' not in page and "复核发现指南评分有误" in page
    # Open again: the score is corrected and published anew; both publications stay on record.
    services.enter_score(
        guide,
        unit=world.office_a,
        actor=world.district_supervisor,
        score=Decimal("10"),
        reason="复核",
        link="https://example.gov.cn/",
    )
    services.publish_scores(scheme, actor=world.district_supervisor)
    a = next(s for s in scoring.published(scheme.in_force()) if s.unit == world.office_a)
    assert a.total == Decimal("41.00")
    assert scheme.releases.count() == 3


def test_only_the_office_publishes_or_withdraws(client, world, today):
    today(TODAY)
    scheme = _scored(world)
    publish = reverse("evaluations:publish", kwargs={"pk": scheme.pk})
    for user, refused in ((world.handler, 403), (world.other_handler, 403)):
        client.force_login(user)
        assert client.post(publish).status_code == refused
    with pytest.raises(services.EvaluationError):
        services.publish_scores(scheme, actor=world.handler)
    assert not Release.objects.exists()
    services.publish_scores(scheme, actor=world.district_supervisor)
    client.force_login(world.handler)
    withdraw = reverse("evaluations:withdraw", kwargs={"pk": scheme.pk})
    assert client.post(withdraw, {"reason": "x"}).status_code == 403
    assert scheme.in_force() is not None
    # The unit reads its own published row only.
    page = client.get(reverse("evaluations:scheme", kwargs={"pk": scheme.pk})).content.decode()
    published = page.split('id="published-ranking"')[1].split("</table>")[0]
    assert world.office_a.name in published and world.office_b.name not in published
    assert 'id="withdraw-form"' not in page and 'id="publish-form"' not in page


def test_a_release_cannot_be_changed(world, today):
    today(TODAY)
    scheme = _scored(world)
    release = services.publish_scores(scheme, actor=world.district_supervisor)
    release.snapshot = {}
    with pytest.raises(AppendOnlyError):
        release.save()
    with pytest.raises(AppendOnlyError):
        Release.objects.filter(pk=release.pk).update(snapshot={})
    with (
        pytest.raises(DatabaseError) as refused,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE evaluations_release SET reason = 'x' WHERE id = %s", [release.pk])
    assert "考评结果发布记录只能追加" in str(refused.value)
    release.refresh_from_db()
    assert release.snapshot["units"]
