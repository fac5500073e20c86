"""Application numbers that cannot collide: agency codes follow a format, and each agency numbers
its applications from its own counter, past 99,999 and whatever other agencies are called."""

from __future__ import annotations

import threading

import pytest
from django.apps import apps as registry
from django.core.exceptions import ValidationError
from django.db import connection

from gongkai.agencies.models import Agency, Level, Membership, Role, agency_code_problem
from gongkai.applications import services
from gongkai.applications.choices import State
from gongkai.applications.management.commands import load_demo
from gongkai.applications.models import Application, NumberSeries
from gongkai.applications.numbering import split_number

from .conftest import person_data


@pytest.mark.parametrize(
    "code", ["DEMO", "DEMO-01", "DEMO-13", "D01-11", "B-07", "SZ-440305", "GOV2-A1"]
)
def test_it_accepts_codes_of_the_format(code):
    assert agency_code_problem(code) is None


@pytest.mark.parametrize(
    "code",
    [
        "DEMO-03-2026",
        "DEMO-1999",
        "demo-01",
        "DEMO--01",
        "DEMO-",
        "-DEMO",
        "01-DEMO",
        "DE MO",
        "DEMO_01",
        "示范-01",
        "A" * 21,
    ],
)
def test_it_refuses_codes_that_break_the_format(db, code):
    assert agency_code_problem(code)
    with pytest.raises(ValidationError) as refused:
        Agency(code=code, name="某机关", level=Level.DEPARTMENT).full_clean()
    assert "code" in refused.value.message_dict


def test_it_accepts_every_demo_code():
    from gongkai.annualreports.management.commands import load_demo_year

    codes = [load_demo.DISTRICT[0], *(c for c, _ in load_demo.OFFICES + load_demo.STREETS)]
    codes += [f"DEMO-{101 + i}" for i in range(len(load_demo_year.DEPARTMENTS))]
    codes += [f"DEMO-{201 + i}" for i in range(len(load_demo_year.STREETS))]
    codes += [code for _, code, _ in load_demo_year.UNITS]
    assert all(agency_code_problem(c) is None for c in codes), codes


def test_it_stops_the_migration_on_a_stored_code_that_breaks_the_format(db):
    from importlib import import_module

    check = import_module(
        "gongkai.agencies.migrations.0003_agency_code_format"
    ).check_existing_codes
    Agency.objects.create(code="OK-01", name="甲", level=Level.DEPARTMENT)
    check(registry, None)  # nothing to report
    Agency.objects.create(
        code="DEMO-03-2026", name="乙", level=Level.DEPARTMENT
    )  # stored before the rule
    with pytest.raises(RuntimeError, match="DEMO-03-2026"):
        check(registry, None)


def test_it_keeps_numbering_an_agency_whose_code_prefixes_another(world):
    # Another agency whose code begins with office A's code and a year, stored before the rule.
    clash = Agency.objects.create(
        code=f"{world.office_a.code}-2025",
        name="某机关",
        level=Level.DEPARTMENT,
        parent=world.district,
    )
    Membership.objects.create(user=world.registrar, agency=clash, role=Role.REGISTRAR)
    services.register(actor=world.registrar, agency=clash, data=person_data())
    numbers = [
        services.register(actor=world.registrar, agency=world.office_a, data=person_data()).number
        for _ in range(3)
    ]
    assert numbers == [f"{world.office_a.code}-2025-0000{i}" for i in (1, 2, 3)]


def test_it_counts_past_99999(world):
    first = world.application(State.REGISTERED)
    NumberSeries.objects.filter(agency=world.office_a, year=2025).update(last=99_998)
    numbers = [
        services.register(actor=world.registrar, agency=world.office_a, data=person_data()).number
        for _ in range(3)
    ]
    assert numbers == [f"{world.office_a.code}-2025-{n}" for n in ("99999", "100000", "100001")]
    assert first.number.endswith("-00001")
    assert [split_number(n)[2] for n in numbers] == [99_999, 100_000, 100_001]


def test_it_starts_each_series_after_the_numbers_already_given(world):
    from importlib import import_module

    fill = import_module("gongkai.applications.migrations.0009_fill_number_series").fill
    for _ in range(3):
        world.application(State.REGISTERED)
    world.application(State.REGISTERED, agency=world.office_b)
    NumberSeries.objects.all().delete()  # as before the migration
    fill(registry, None)
    assert dict(NumberSeries.objects.values_list("agency__code", "last")) == {
        world.office_a.code: 3,
        world.office_b.code: 1,
    }
    assert services.register(
        actor=world.registrar, agency=world.office_a, data=person_data()
    ).number.endswith("-00004")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers; run with DATABASE_URL"
)
def test_it_gives_concurrent_registrations_distinct_consecutive_numbers(transactional_db, world):
    count = 8
    barrier = threading.Barrier(count)
    numbers, errors = [], []

    def register():
        from django.db import connections

        try:
            barrier.wait()
            numbers.append(
                services.register(
                    actor=world.registrar, agency=world.office_a, data=person_data()
                ).number
            )
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(repr(e))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(numbers) == [f"{world.office_a.code}-2025-{i:05d}" for i in range(1, count + 1)]
    assert NumberSeries.objects.get(agency=world.office_a, year=2025).last == count
    assert Application.objects.count() == count
