"""Publishing is confirmed and reported; the live report says when it no longer matches what was
published; a published version's drill-down shows its records as they were at publication."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai.annualreports import publish
from gongkai.annualreports.models import FrozenVersion, PublishedRecord, PublishedReport, Scope
from gongkai.applications import services
from gongkai.applications.choices import State

YEAR = 2025


def _cases(world):
    done = [world.application(State.ARCHIVED) for _ in range(2)]
    return done, world.application(State.IN_REVIEW)


def test_it_asks_before_publishing_and_says_what_it_did(world, client):
    _cases(world)
    url = reverse("annual:publish", args=[world.office_a.pk, YEAR, "self"])
    client.force_login(world.approver)
    report = client.get(
        reverse("annual:report", args=[world.office_a.pk, YEAR, "self"])
    ).content.decode()
    assert (
        f'href="{url}"' in report and 'id="publish-link"' in report
    )  # a link to the confirmation, not a POST
    confirm = client.get(url)
    body = confirm.content.decode()
    assert confirm.status_code == 200 and "将发布第1版" in body and "不能修改或删除" in body
    assert 'data-busy="正在发布，请稍候…"' in body and "确认发布第1版" in body
    assert not PublishedReport.objects.exists()  # looking is not publishing
    done = client.post(url, {"note": ""}, follow=True)
    assert PublishedReport.objects.get().version == 1
    assert "已发布第1版" in done.content.decode() and "本版本已冻结" in done.content.decode()
    second = client.get(url).content.decode()
    assert "将发布第2版" in second and "与第1版相比的变化" in second
    client.force_login(world.handler)
    assert client.get(url).status_code == 403


def test_the_live_report_warns_when_it_differs_from_the_published_version(world, client):
    _, open_app = _cases(world)
    publish.publish(world.office_a, Scope.SELF, YEAR, actor=world.approver)
    client.force_login(world.approver)
    url = reverse("annual:report", args=[world.office_a.pk, YEAR, "self"])
    assert 'id="differs-from-published"' not in client.get(url).content.decode()
    services.decide(
        open_app,
        actor=world.handler,
        outcome="unable.not_held",
        reason="本机关不掌握",
        on=dt.date(2025, 3, 20),
    )
    services.sign_reply(open_app, actor=world.approver, on=dt.date(2025, 3, 21))
    page = client.get(url).content.decode()
    assert (
        'id="differs-from-published"' in page
        and "与已发布的第1版不一致" in page
        and "个单元格" in page
    )


def test_a_versions_drill_down_shows_the_records_as_they_were(world, client):
    _, open_app = _cases(world)
    v1 = publish.publish(world.office_a, Scope.SELF, YEAR, actor=world.approver)
    frozen = PublishedRecord.objects.get(published=v1, table="t3", record_id=open_app.pk)
    assert frozen.data["state"] == "审查办理中" and frozen.data["replied_on"] == ""
    services.decide(
        open_app,
        actor=world.handler,
        outcome="unable.not_held",
        reason="本机关不掌握",
        on=dt.date(2025, 3, 20),
    )
    services.sign_reply(open_app, actor=world.approver, on=dt.date(2025, 3, 21))

    client.force_login(world.approver)
    cell = reverse(
        "annual:version_cell",
        args=[world.office_a.pk, YEAR, "self", 1, "t3", "carried_to_next_year", "total"],
    )
    page = client.get(cell).content.decode()
    assert open_app.number in page and 'id="frozen-note"' in page
    row = page[page.index(f'data-record="{open_app.pk}"') :].split("</tr>")[0]
    assert "审查办理中" in row and "已答复" not in row and "2025-03-21" not in row
    with_frozen = PublishedRecord.objects.filter(published=v1)
    assert with_frozen.count() == 3  # every application the version counts, once
    try:
        frozen.save()
    except FrozenVersion:
        pass
    else:
        raise AssertionError("a frozen record was saved again")
