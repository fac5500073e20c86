"""The dashboards' tables over 100,000 applications: time per table for the district tree and for
one unit, and the number of queries, on SQLite and PostgreSQL.

Each table is aggregated in the database (gongkai.dashboards.queries); this measures that the
cost stays in SQL: the number of queries does not grow with the number of cases.

    DJANGO_SETTINGS_MODULE=gongkai.web.settings .venv/bin/python benchmarks/dashboards.py [--n 100000]

SQLite: var/bench/dashboards_<n>.sqlite3; PostgreSQL: DATABASE_URL set to a database of your own
(e.g. postgres://postgres@127.0.0.1:5432/supervision_bench). Figures go to docs/supervision.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AGENCIES = 50
YEAR = 2025


def populate(n: int) -> None:
    from django.core.management import call_command
    from django.db import transaction

    from gongkai.agencies.models import Agency, Level
    from gongkai.applications.choices import OUTCOME_KEYS
    from gongkai.applications.models import Application, ReviewCase

    call_command("migrate", verbosity=0)
    if Application.objects.filter(number__startswith="DB-").count() == n:
        return
    district, _ = Agency.objects.get_or_create(
        code="DB", defaults={"name": "基准区人民政府", "level": Level.GOVERNMENT}
    )
    units = [
        Agency.objects.get_or_create(
            code=f"DB-{i:02d}",
            defaults={"name": f"基准区机关{i}", "level": Level.DEPARTMENT, "parent": district},
        )[0]
        for i in range(1, AGENCIES)
    ]
    rng = random.Random(n)
    outcomes = sorted(OUTCOME_KEYS)
    first = dt.date(YEAR - 4, 1, 1)
    span = (dt.date(YEAR, 12, 31) - first).days
    with transaction.atomic():
        batch = []
        for i in range(n):
            received = first + dt.timedelta(days=rng.randrange(span))
            replied = (
                None if rng.random() < 0.02 else received + dt.timedelta(days=rng.randrange(1, 45))
            )
            batch.append(
                Application(
                    agency=units[rng.randrange(len(units))],
                    number=f"DB-{i:08d}",
                    state="archived" if replied else "in_review",
                    applicant_type="natural_person",
                    applicant_name="基准",
                    description="基准",
                    delivery_form="paper",
                    channel="in_person",
                    submitted_on=received,
                    received_on=received,
                    replied_on=replied,
                    answer_due_on=received + dt.timedelta(days=28),
                    outcome=outcomes[rng.randrange(len(outcomes))] if replied else "",
                )
            )
            if len(batch) == 5000:
                made = Application.objects.bulk_create(batch)
                ReviewCase.objects.bulk_create(
                    ReviewCase(
                        application=a,
                        kind="review",
                        filed_on=a.received_on + dt.timedelta(days=50),
                        result=rng.choice(["upheld", "corrected", "other", "pending"]),
                    )
                    for a in made[::100]
                )
                batch = []
        Application.objects.bulk_create(batch)


def measure(runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gongkai.agencies.models import Agency
    from gongkai.dashboards import queries
    from gongkai.holidays.table import working_calendar

    district = Agency.objects.get(code="DB")
    unit = Agency.objects.get(code="DB-01")
    scopes = {
        "district": queries.Scope(district.pk, frozenset(district.descendant_ids()), True, YEAR),
        "unit": queries.Scope(unit.pk, frozenset({unit.pk}), False, YEAR),
    }
    builders = {
        "years": queries.years_table,
        "months": lambda s: queries.months_table(s, working_calendar()),
        "reviews": queries.reviews_table,
    }
    out = {}
    for scope_name, scope in scopes.items():
        for name, build in builders.items():
            times = []
            for _ in range(runs + 1):
                with CaptureQueriesContext(connection) as q:
                    start = time.perf_counter()
                    build(scope)
                    times.append(time.perf_counter() - start)
            out[f"{scope_name}/{name}"] = {
                "median_s": round(statistics.median(times[1:]), 3),
                "queries": len(q),
            }
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL"):
        path = ROOT / "var" / "bench" / f"dashboards_{args.n}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        os.environ["SQLITE_PATH"] = str(path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.web.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.db import connection

    start = time.perf_counter()
    populate(args.n)
    populated = round(time.perf_counter() - start, 1)
    print(
        json.dumps(
            {
                "backend": connection.vendor,
                "n": args.n,
                "populate_s": populated,
                "load": os.getloadavg(),
                "tables": measure(args.runs),
            },
            ensure_ascii=False,
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
