"""The annual reports' register becomes catalogue items (catalogue 0002) with 表二 unchanged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gongkai.annualreports.compute import compute_tables
from gongkai.annualreports.models import Scope
from gongkai.catalogue.models import Item

BEFORE = [("annualreports", "0004_merge_frozen_and_records"), ("catalogue", "0001_initial")]
AFTER = [("annualreports", "0005_register_in_catalogue"), ("catalogue", "0006_due_indexes")]


@pytest.mark.django_db(transaction=True)
def test_it_moves_the_register_into_the_catalogue_keeping_the_counts():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Agency = old.get_model("agencies", "Agency")
    office = Agency.objects.create(code="M01", name="迁移测试局", level="department")
    rows = [  # issued, published, repealed
        (dt.date(2020, 3, 1), None, None),
        (dt.date(2025, 2, 1), dt.date(2025, 2, 20), None),
        (dt.date(2019, 6, 1), dt.date(2019, 6, 5), dt.date(2025, 7, 1)),
        (dt.date(2025, 12, 30), dt.date(2026, 1, 4), None),
    ]
    for n, (issued, published, repealed) in enumerate(rows):
        old.get_model("annualreports", "RegisterDocument").objects.create(
            agency=office,
            kind="normative_documents" if n % 2 else "regulations",
            title=f"文件{n}",
            doc_number=f"示规〔{issued.year}〕{n}号",
            issued_on=issued,
            published_on=published,
            repealed_on=repealed,
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    items = Item.objects.filter(agency_id=office.pk).order_by("formed_on")
    assert [i.index_no for i in items] == [
        "M01/2019-00001",
        "M01/2020-00001",
        "M01/2025-00001",
        "M01/2025-00002",
    ]
    repealed = items.get(title="文件2")
    assert (repealed.validity, repealed.validity_on, repealed.review) == (
        "repealed",
        dt.date(2025, 7, 1),
        "approved",
    )
    assert items.get(title="文件0").published_on == dt.date(
        2020, 3, 1
    )  # blank: published when issued
    assert all(i.events.get().kind == "migrated" for i in items)
    from gongkai.agencies.models import Agency as LiveAgency

    t2 = compute_tables(LiveAgency.objects.get(pk=office.pk), Scope.SELF, 2025).t2["art20_1"]
    assert t2["regulations"] == {
        "issued_this_year": 0,
        "repealed_this_year": 1,
        "currently_valid": 1,
    }
    assert t2["normative_documents"] == {
        "issued_this_year": 2,
        "repealed_this_year": 0,
        "currently_valid": 2,
    }
    # The series continues after the migrated numbers.
    from django.db import transaction

    from gongkai.catalogue.numbering import take_index_nos

    with transaction.atomic():
        assert take_index_nos(LiveAgency.objects.get(pk=office.pk), 2025) == ["M01/2025-00003"]
