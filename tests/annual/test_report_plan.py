"""The district-wide 表三 query reads the report index (annual_app_t3) on SQLite and PostgreSQL.

An index added later for another page (app_agency_newest, for the staff list) once took the plan
away silently and the 1,000,000-row report went from 0.48 s to 2.3 s on SQLite
(docs/performance-annual.md); this test names the index each query is answered from.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection

from gongkai.agencies.models import Agency, Level
from gongkai.annualreports.compute import compute_tables
from gongkai.annualreports.indexes import report_plan
from gongkai.applications.choices import OUTCOME_KEYS
from gongkai.applications.models import Application

OTHER_INDEXES = ("app_agency_newest", "app_newest", "app_agency_state_due", "app_due")
# sqlite_stat1 after `ANALYZE` of benchmarks/annual_report_1m.py's 1,000,000 applications.
MILLION_STATS = [
    ("annual_app_t3", "1000000 265 6 1 1 1"),
    ("app_due", "1000000 1000000"),
    ("app_agency_state_due", "1000000 20000 10000 10000"),
    ("app_newest", "1000000 268 1"),
    ("app_agency_newest", "1000000 20000 6 1"),
    ("application_agency__354189_idx", "1000000 20000 10000"),
    ("applications_application_agency_id_911c4f93", "1000000 20000"),
    ("sqlite_autoindex_applications_application_1", "1000000 1"),
]


@pytest.fixture
def district(db):
    top = Agency.objects.create(code="P", name="计划区人民政府", level=Level.GOVERNMENT)
    units = [top] + [
        Agency.objects.create(
            code=f"P-{i:02d}", name=f"计划区机关{i}", level=Level.DEPARTMENT, parent=top
        )
        for i in range(1, 12)
    ]
    rng = random.Random(7)
    outcomes = sorted(OUTCOME_KEYS)
    rows = []
    for i in range(3000):
        received = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(3000))
        replied = (
            None if rng.random() < 0.02 else received + dt.timedelta(days=rng.randrange(1, 40))
        )
        rows.append(
            Application(
                agency=units[rng.randrange(len(units))],
                number=f"P-{i:06d}",
                state="archived" if replied else "in_review",
                applicant_type="natural_person",
                applicant_name="计划",
                description="计划",
                delivery_form="paper",
                channel="in_person",
                submitted_on=received,
                received_on=received,
                replied_on=replied,
                outcome=outcomes[rng.randrange(len(outcomes))] if replied else "",
            )
        )
    Application.objects.bulk_create(rows, batch_size=500)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # SQLite plans from sqlite_stat1: give it the statistics ANALYZE wrote for the
            # benchmark's 1,000,000 applications (50 agencies, ten years), so it plans as it would there.
            cursor.execute("ANALYZE")
            cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'applications_application'")
            cursor.executemany(
                "INSERT INTO sqlite_stat1 VALUES ('applications_application', %s, %s)",
                MILLION_STATS,
            )
            cursor.execute("ANALYZE sqlite_schema")  # reload the statistics
        else:
            cursor.execute("ANALYZE applications_application")
            # With a few thousand rows PostgreSQL reads the whole table (or a bitmap of any index)
            # whatever the indexes; at 1,000,000 it reads the report index alone (index-only
            # scans). Without those plans the test shows the index it would use.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_bitmapscan = off")
    return top


def _assert_report_index(district):
    plans = report_plan(sorted(district.descendant_ids()), 2024)
    assert len(plans) == 2
    for plan in plans:
        assert "annual_app_t3" in plan, plans
        assert not any(name in plan for name in OTHER_INDEXES), plans
        assert "Seq Scan" not in plan and "SCAN applications_application" not in plan.replace(
            "COVERING INDEX", ""
        ), plans


def test_it_answers_the_district_report_from_the_report_index(district):
    _assert_report_index(district)
    if connection.vendor == "sqlite":
        # Also without statistics, as in an installation where ANALYZE never ran (or a migration
        # rebuilt the table and dropped them).
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'applications_application'")
            cursor.execute("ANALYZE sqlite_schema")
        _assert_report_index(district)


def test_it_counts_the_same_from_the_index_as_row_by_row(district):
    tables = compute_tables(district, "tree", 2024)
    start, end = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    apps = list(Application.objects.values("received_on", "replied_on"))
    new = sum(start <= a["received_on"] <= end for a in apps)
    answered = sum(a["replied_on"] is not None and start <= a["replied_on"] <= end for a in apps)
    carried = sum(
        a["received_on"] < start and (a["replied_on"] is None or a["replied_on"] >= start)
        for a in apps
    )
    assert (tables.t3["new_received"]["total"], tables.t3["results_total"]["total"]) == (
        new,
        answered,
    )
    assert (
        tables.t3["carried_over_from_last_year"]["total"] == carried
        and new
        and answered
        and carried
    )
