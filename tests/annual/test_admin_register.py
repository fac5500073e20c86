"""An agency administrator keeps the yearly figures of their agencies in the admin (the register of
规章 and 规范性文件 is the catalogue's, kept through its staff views: tests/catalogue)."""

from __future__ import annotations

from django.urls import reverse

from gongkai.annualreports.models import YearlyFigures


def test_it_lets_an_administrator_keep_only_their_agencies_figures(world, client):
    mine = YearlyFigures.objects.create(agency=world.office_a, year=2025, licensing_decisions=3)
    other = YearlyFigures.objects.create(agency=world.office_b, year=2025, licensing_decisions=9)
    client.force_login(world.administrator)
    listing = client.get(reverse("admin:annualreports_yearlyfigures_changelist"))
    assert listing.status_code == 200
    assert (
        client.get(reverse("admin:annualreports_yearlyfigures_change", args=[mine.pk])).status_code
        == 200
    )
    assert client.get(
        reverse("admin:annualreports_yearlyfigures_change", args=[other.pk])
    ).status_code in (302, 403, 404)
    client.force_login(world.handler)
    assert client.get(reverse("admin:annualreports_yearlyfigures_changelist")).status_code == 302
