"""The demo catalogue: thousands of items in a real run; here a small one with every feature."""

from __future__ import annotations

import random

from django.utils import timezone

from gongkai.agencies.models import Role
from gongkai.catalogue import demo
from gongkai.catalogue.models import Item
from gongkai.catalogue.ontime import late_interpretations


def test_it_loads_a_catalogue_with_interpretations_late_and_withheld_items(world):
    agencies = {a.code: a for a in (world.office_a, world.office_b, world.street)}
    staff = {world.office_a.code: {Role.APPROVER: world.approver, Role.REGISTRAR: world.registrar}}
    count = demo.load(random.Random(7), agencies, staff, 2025, per_agency=(150, 160))
    items = Item.objects.all()
    assert count == items.count() > 450
    assert items.public().count() > 0.8 * count
    assert items.late(timezone.localdate()).exists()
    assert (
        items.filter(interprets__isnull=False).values("interpretation_kind").distinct().count() == 4
    )
    assert late_interpretations(items).exists()
    for item in items.exclude(attribute="proactive"):
        assert item.attribute_reason and item.attribute_article and not item.is_public
    assert items.filter(review="pending").exists()
    assert (
        items.filter(agency=world.office_a, review="approved")
        .exclude(reviewed_by=world.approver)
        .count()
        == 0
    )
    assert all(item.events.count() == 1 for item in items[:20])
