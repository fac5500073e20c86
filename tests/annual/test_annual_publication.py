"""Publication: rules block errors, a published version is frozen against later record edits, and
republishing shows what changed. Applications go through the real services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.annualreports import compute, publish
from gongkai.annualreports.models import FrozenVersion, Narrative, PublishedReport, Scope
from gongkai.applications import services
from gongkai.applications.choices import State
from gongkai.applications.models import Application
from gongkai.report.model import Report
from gongkai.report.writers import write

YEAR = 2025


def _year_of_cases(world):
    """Three decided and replied in 2025, one still open on 31 December."""
    apps = [world.application(State.ARCHIVED) for _ in range(3)]
    open_app = world.application(State.IN_REVIEW)
    return apps, open_app


def test_it_publishes_a_frozen_version_that_later_edits_do_not_change(world, client):
    apps, open_app = _year_of_cases(world)
    v1 = publish.publish(world.office_a, Scope.SELF, YEAR, actor=world.approver)
    assert v1.version == 1
    t3 = v1.report_json["tables"]["t3_applications"]
    assert t3["granted"]["total"] == 3 and t3["carried_to_next_year"]["total"] == 1
    assert sorted(v1.cell_records["t3"]["granted"]["natural_person"]) == sorted(a.pk for a in apps)
    assert v1.cell_records["t3"]["carried_to_next_year"]["total"] == [open_app.pk]

    # The open case is answered afterwards (as a late correction of the records would do).
    services.decide(
        open_app,
        actor=world.handler,
        outcome="unable.not_held",
        reason="本机关不掌握",
        on=dt.date(2025, 3, 20),
    )
    services.sign_reply(open_app, actor=world.approver, on=dt.date(2025, 3, 21))

    v1.refresh_from_db()
    assert v1.report_json["tables"]["t3_applications"]["carried_to_next_year"]["total"] == 1
    with pytest.raises(FrozenVersion):
        v1.save()

    v2 = publish.publish(world.office_a, Scope.SELF, YEAR, actor=world.approver, note="补录答复")
    assert v2.version == 2
    cells, _ = publish.diff(v1.report_json, v2.report_json)
    changed = {(c.table, c.path): (c.before, c.after) for c in cells}
    assert changed[("表三", ("carried_to_next_year", "total"))] == (1, 0)
    assert changed[("表三", ("unable.not_held", "natural_person"))] == (0, 1)

    client.force_login(world.approver)
    page = client.get(reverse("annual:version", args=[world.office_a.pk, YEAR, "self", 2]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "与第1版相比的变化" in body and "四、结转下年度继续办理 × 总计" in body
    # The first version still lists the open case behind its 结转下年度 cell.
    cell = client.get(
        reverse(
            "annual:version_cell",
            args=[world.office_a.pk, YEAR, "self", 1, "t3", "carried_to_next_year", "total"],
        )
    )
    assert open_app.number in cell.content.decode()
    # Exports of a version come from its frozen JSON.
    xlsx = client.get(
        reverse("annual:version_export", args=[world.office_a.pk, YEAR, "self", 1, "xlsx"])
    )
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    html = client.get(
        reverse("annual:version_export", args=[world.office_a.pk, YEAR, "self", 1, "html"])
    ).content
    assert html == write(Report.from_dict(v1.report_json), "html")


def test_it_shows_text_changes_between_versions(world):
    _year_of_cases(world)
    v1 = publish.publish(world.office_a, Scope.SELF, YEAR, actor=world.approver)
    Narrative.objects.create(
        agency=world.office_a,
        year=YEAR,
        scope=Scope.SELF,
        section5="全年新收申请{新收申请}件，存在的问题：无。",
    )
    v2 = publish.publish(world.office_a, Scope.SELF, YEAR, actor=world.approver)
    _, texts = publish.diff(v1.report_json, v2.report_json)
    fifth = next(t for t in texts if t.where == "第五部分")
    assert "+全年新收申请4件，存在的问题：无。" in fifth.diff


def test_it_blocks_publication_when_a_rule_finds_an_error(world, monkeypatch):
    _year_of_cases(world)
    real = compute.build_report

    def broken(*args, **kwargs):
        report = real(*args, **kwargs)
        report.t3["granted"]["total"] += 1  # the applicant sum no longer holds
        return report

    monkeypatch.setattr(publish, "build_report", broken)
    with pytest.raises(publish.PublicationBlocked) as blocked:
        publish.publish(world.office_a, Scope.SELF, YEAR, actor=world.approver)
    assert "T3-APPLICANT-SUM" in {f.rule for f in blocked.value.findings}
    assert not PublishedReport.objects.exists()


def test_it_flags_a_last_year_published_version_that_differs(world):
    # Last year (2024) published with one case open; then it is answered with a back-dated reply
    # (a late correction): this year's 上年结转 no longer equals what was published.
    app = world.application(State.IN_REVIEW, submitted_on=dt.date(2024, 12, 2))
    publish.publish(world.office_a, Scope.SELF, 2024, actor=world.approver)
    services.decide(app, actor=world.handler, outcome="granted", on=dt.date(2024, 12, 20))
    services.sign_reply(app, actor=world.approver, on=dt.date(2024, 12, 20))
    report = compute.build_report(world.office_a, Scope.SELF, YEAR)
    rules = {f.rule for f in publish.findings_for(report, world.office_a, Scope.SELF)}
    assert "X-YEAR-1" in rules


def test_it_links_every_number_to_exactly_its_records(world, client):
    apps, open_app = _year_of_cases(world)
    other = world.application(State.ARCHIVED, agency=world.office_b)
    client.force_login(world.district_supervisor)
    page = client.get(reverse("annual:report", args=[world.district.pk, YEAR, "tree"]))
    assert page.status_code == 200
    url = reverse(
        "annual:cell", args=[world.district.pk, YEAR, "tree", "t3", "granted", "natural_person"]
    )
    assert f'href="{url}"' in page.content.decode()
    listed = client.get(url).content.decode()
    for a in [*apps, other]:
        assert a.number in listed
    assert open_app.number not in listed
    assert "共4件" in listed
    # An office handler cannot open the district-wide report.
    client.force_login(world.handler)
    assert (
        client.get(reverse("annual:report", args=[world.district.pk, YEAR, "tree"])).status_code
        == 404
    )
    assert (
        client.get(reverse("annual:report", args=[world.office_a.pk, YEAR, "self"])).status_code
        == 200
    )


def test_it_publishes_from_the_page_only_for_the_approver(world, client):
    _year_of_cases(world)
    url = reverse("annual:publish", args=[world.office_a.pk, YEAR, "self"])
    client.force_login(world.handler)
    assert client.post(url).status_code == 403
    client.force_login(world.approver)
    response = client.post(url, {"note": ""})
    assert response.status_code == 302
    assert PublishedReport.objects.get().version == 1
    assert Application.objects.count() == 4
