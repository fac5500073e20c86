"""An agency administrator keeps the register and yearly figures of their agencies in the admin."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from gongkai.annualreports.models import RegisterDocument, YearlyFigures


def test_it_lets_an_administrator_keep_only_their_agencies_figures(world, client):
    mine = YearlyFigures.objects.create(agency=world.office_a, year=2025, licensing_decisions=3)
    other = YearlyFigures.objects.create(agency=world.office_b, year=2025, licensing_decisions=9)
    client.force_login(world.administrator)
    listing = client.get(reverse("admin:annualreports_yearlyfigures_changelist"))
    assert listing.status_code == 200
    assert client.get(reverse("admin:annualreports_yearlyfigures_change", args=[mine.pk])).status_code == 200
    assert client.get(reverse("admin:annualreports_yearlyfigures_change", args=[other.pk])).status_code in (302, 403, 404)
    response = client.post(reverse("admin:annualreports_registerdocument_add"), {
        "agency": world.office_a.pk, "kind": "normative_documents", "title": "关于加强管理的通知",
        "doc_number": "示办规〔2025〕2号", "issued_on": dt.date(2025, 4, 1).isoformat(),
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert RegisterDocument.objects.get().agency == world.office_a
    client.force_login(world.handler)
    assert client.get(reverse("admin:annualreports_yearlyfigures_changelist")).status_code == 302
