"""Every supervision page opens for the office and for a unit (content is tested elsewhere)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai.applications.choices import State
from gongkai.evaluations import services


def test_pages_open(client, world, today):
    today(dt.date(2026, 3, 2))
    world.application(State.ARCHIVED)
    scheme = services.create_scheme(
        office=world.district, year=2025, actor=world.district_supervisor
    )
    client.force_login(world.district_supervisor)
    for url in (
        reverse("evaluations:index"),
        reverse("evaluations:scheme", kwargs={"pk": scheme.pk}),
        reverse("evaluations:unit", kwargs={"pk": scheme.pk, "unit": world.office_a.pk}),
        reverse("dashboards:agency", kwargs={"agency_id": world.district.pk}) + "?year=2025",
        reverse("dashboards:agency", kwargs={"agency_id": world.office_a.pk}) + "?year=2025",
        reverse("rectifications:index"),
        reverse("rectifications:issue"),
        reverse("rectifications:complaints"),
    ):
        response = client.get(url)
        assert response.status_code == 200, (url, response.content.decode()[:3000])
    assert client.get(reverse("dashboards:index")).status_code == 302


def test_the_office_starts_a_year_from_the_index_and_a_unit_cannot(client, world, today):
    today(dt.date(2026, 3, 2))
    client.force_login(world.district_supervisor)
    response = client.post(reverse("evaluations:index"), {"year": "2025"})
    assert response.status_code == 302
    response = client.post(reverse("evaluations:index"), {"year": "2026"})
    from gongkai.evaluations.models import Scheme

    new = Scheme.objects.get(year=2026)
    assert new.copied_from.year == 2025 and response["Location"] == reverse(
        "evaluations:scheme", kwargs={"pk": new.pk}
    )
    assert (
        client.post(reverse("evaluations:index"), {"year": "2026"}).status_code == 400
    )  # exists already
    client.force_login(world.handler)
    assert client.post(reverse("evaluations:index"), {"year": "2027"}).status_code == 403
    assert not Scheme.objects.filter(year=2027).exists()
