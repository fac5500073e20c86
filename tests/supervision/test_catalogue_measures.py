"""The catalogue's measures, counted from items written straight to the database:

    item                      due         published   interpretation
    A1 规范性文件              2025-03-01  2025-02-20  A3 interprets it
    A2 规范性文件              2025-05-01  2025-05-20  none           → late, uninterpreted
    A3 解读 (not a register)   2025-03-01  2025-02-21  —
    A4 ordinary item          2025-11-01  —           —              → late (unpublished past due)
    A5 ordinary item          2026-01-10  —           —              (due next year: not counted)

Office B has no item at all: 无数据, not zero.
"""

from __future__ import annotations

import datetime as dt

from gongkai.catalogue.models import Item
from gongkai.evaluations.measures import MEASURES

D = dt.date


def _items(agency):
    def item(no, due, published, **extra):
        return Item.objects.create(
            agency=agency,
            index_no=f"A-{no}",
            title=f"条目{no}",
            formed_on=due - dt.timedelta(days=28),
            due_on=due,
            published_on=published,
            **extra,
        )

    a1 = item(1, D(2025, 3, 1), D(2025, 2, 20), register_kind="normative_documents")
    item(2, D(2025, 5, 1), D(2025, 5, 20), register_kind="normative_documents")
    item(
        3,
        D(2025, 3, 1),
        D(2025, 2, 21),
        interprets=a1,
        interpretation_kind=Item._meta.get_field("interpretation_kind").choices[0][0],
    )
    item(4, D(2025, 11, 1), None)
    item(5, D(2026, 1, 10), None)


def test_late_items_and_missing_interpretations_are_counted(world, today):
    today(D(2026, 1, 5))
    _items(world.office_a)
    units = [world.office_a.pk, world.office_b.pk]
    late = MEASURES["catalogue_late"].compute(units, 2025)
    assert late[world.office_a.pk].value == 2
    assert late[world.office_b.pk].value is None and late[world.office_b.pk].text.startswith(
        "无数据"
    )
    missing = MEASURES["interpretation_missing"].compute(units, 2025)
    assert missing[world.office_a.pk].value == 1
    assert missing[world.office_b.pk].value is None


def test_the_records_behind_them(client, world, today):
    today(D(2026, 1, 5))
    _items(world.office_a)
    client.force_login(world.district_supervisor)
    from django.urls import reverse

    page = client.get(
        reverse(
            "evaluations:records",
            kwargs={"key": "catalogue_late", "unit": world.office_a.pk, "year": 2025},
        )
    )
    body = page.content.decode()
    assert "条目2" in body and "条目4" in body and "条目1" not in body and "条目5" not in body
