"""The annual report computed from 100,000 and 1,000,000 applications, on SQLite and PostgreSQL.

Prints, per backend and size: the time to compute 表二–表四 for the whole district tree (best and
median of 5 runs, after one warm-up) and for one agency alone, the query plan's use of the report
index, the peak Python allocation during the computation (tracemalloc) and the peak RSS of the
measuring process. Populating and measuring run in separate processes so the RSS is the
computation's own. Figures go to docs/performance-annual.md.

    .venv/bin/python benchmarks/annual_report_1m.py [--sizes 100000 1000000] [--backends sqlite postgres]

PostgreSQL: the server of DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) gets its
own databases gongkai_bench_annual_<n>; SQLite files go to var/bench/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import _seed  # noqa: E402

YEAR = 2025
AGENCIES = 50
# Applicant categories in roughly the proportions of a real district (mostly natural persons).
TYPES = (
    ["natural_person"] * 92
    + ["commercial_enterprise"] * 4
    + ["social_welfare_org", "legal_service_org", "research_institution", "other_org"]
)


def _env(backend: str, n: int) -> dict[str, str]:
    return _seed.database_env(
        backend, ROOT / "var" / "bench" / f"annual_{n}.sqlite3", f"gongkai_bench_annual_{n}"
    )


def _create_pg_database(n: int) -> None:
    _seed.create_pg_database(f"gongkai_bench_annual_{n}")


# -- child: populate ------------------------------------------------------------------------


def populate(n: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from gongkai.agencies.models import Agency, Level
    from gongkai.applications.choices import OUTCOME_KEYS
    from gongkai.applications.models import Application, ReviewCase

    call_command("migrate", verbosity=0)
    if Application.objects.count() == n:
        # A migration that rebuilt the table (SQLite) dropped its statistics: measure as populated.
        with connection.cursor() as cur:
            cur.execute(
                "ANALYZE"
                if connection.vendor == "sqlite"
                else "VACUUM ANALYZE applications_application"
            )
        print(json.dumps({"populated": n, "skipped": True}))
        return
    if Application.objects.exists() or ReviewCase.objects.exists():
        raise SystemExit(
            "the benchmark database holds other data: remove var/bench/ or drop the gongkai_bench_annual_* databases"
        )
    district, _ = Agency.objects.get_or_create(
        code="B", defaults={"name": "基准区人民政府", "level": Level.GOVERNMENT}
    )
    agencies = [district.pk]
    for i in range(1, AGENCIES):
        a, _ = Agency.objects.get_or_create(
            code=f"B-{i:02d}",
            defaults={"name": f"基准区机关{i}", "level": Level.DEPARTMENT, "parent": district},
        )
        agencies.append(a.pk)

    rng = random.Random(n)
    outcomes = sorted(OUTCOME_KEYS)
    # Ten years of history: about a tenth of the rows are received in the report year.
    first = dt.date(YEAR - 9, 1, 1)
    span = (dt.date(YEAR + 1, 3, 31) - first).days
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    fields = [f for f in Application._meta.concrete_fields if not f.primary_key]
    columns = [f.column for f in fields]

    def row(i: int):
        received = first + dt.timedelta(days=rng.randrange(span))
        replied = (
            None if rng.random() < 0.01 else received + dt.timedelta(days=rng.randrange(1, 45))
        )
        values = {
            "agency_id": agencies[rng.randrange(AGENCIES)],
            "number": f"B-{i:08d}",
            "state": "archived" if replied else "in_review",
            "applicant_type": TYPES[rng.randrange(len(TYPES))],
            "applicant_name": "基准",
            "description": "基准测试申请",
            "delivery_form": "paper",
            "channel": "in_person",
            "submitted_on": received,
            "received_on": received,
            "replied_on": replied,
            "decided_on": replied,
            "outcome": outcomes[rng.randrange(len(outcomes))] if replied else "",
            "extension_days": 0,
            "created_at": now,
            "updated_at": now,
        }
        out = []
        for f in fields:
            if f.attname in values:
                out.append(values[f.attname])
            elif f.null:
                out.append(None)
            elif f.has_default():
                out.append(f.get_default())
            else:
                out.append("")
        return out

    table = Application._meta.db_table
    batch = 20000
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        if connection.vendor == "postgresql":
            with cur.connection.cursor().copy(
                f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            ) as copy:
                for i in range(n):
                    copy.write_row(row(i))
        else:
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
            for lo in range(0, n, batch):
                cur.executemany(sql, [row(i) for i in range(lo, min(n, lo + batch))])
        # Review cases on about 0.5% of applications.
        cases_sql = (
            "INSERT INTO applications_reviewcase (application_id, kind, filed_on, result, concluded_on, note) "
            "SELECT id, CASE WHEN id % 3 = 0 THEN 'litigation_direct' ELSE 'review' END, replied_on + {d}, "
            "CASE WHEN id % 4 = 0 THEN 'pending' ELSE 'upheld' END, "
            "CASE WHEN id % 4 = 0 THEN NULL ELSE replied_on + {c} END, '' "
            f"FROM {table} WHERE replied_on IS NOT NULL AND id % 200 = 0"
        )
        if connection.vendor == "postgresql":
            cur.execute(cases_sql.format(d="30", c="90"))
        else:
            cur.execute(
                cases_sql.format(d="0", c="0")
                .replace("replied_on + 0", "date(replied_on, '+30 days')", 1)
                .replace("replied_on + 0", "date(replied_on, '+90 days')", 1)
            )
            cur.execute("ANALYZE")
    if connection.vendor == "postgresql":
        # What autovacuum does to a table after a bulk load (statistics, and the visibility map
        # that lets index-only scans skip the heap), done now rather than at an unknown later time.
        with connection.cursor() as cur:
            for name in (table, "applications_reviewcase"):
                cur.execute(
                    f"VACUUM ANALYZE {name}"
                )  # one statement each: VACUUM runs outside a transaction
    print(json.dumps({"populated": n, "seconds": round(time.perf_counter() - start, 1)}))


# -- child: measure -------------------------------------------------------------------------


def measure(n: int) -> None:
    import resource
    import statistics
    import tracemalloc

    import django

    django.setup()
    from django.db import connection

    from gongkai.agencies.models import Agency
    from gongkai.annualreports.compute import compute_tables
    from gongkai.annualreports.indexes import report_plan
    from gongkai.applications.models import Application

    district = Agency.objects.get(code="B")
    one = Agency.objects.get(code="B-07")
    count = Application.objects.count()
    compute_tables(district, "tree", YEAR)  # warm-up: caches, connection
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        tables = compute_tables(district, "tree", YEAR)
        runs.append(time.perf_counter() - t0)
    singles = []
    for _ in range(3):
        t0 = time.perf_counter()
        compute_tables(one, "self", YEAR)
        singles.append(time.perf_counter() - t0)
    tracemalloc.start()
    compute_tables(district, "tree", YEAR)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # The nodes that read data, per query: whether the report index or the whole table is read.
    plan = " | ".join(report_plan(sorted(district.descendant_ids()), YEAR))
    print(
        json.dumps(
            {
                "backend": connection.vendor,
                "applications": count,
                "tree_best_s": round(min(runs), 3),
                "tree_median_s": round(statistics.median(runs), 3),
                "agency_best_s": round(min(singles), 3),
                "tracemalloc_peak_kib": round(peak / 1024, 1),
                "peak_rss_mib": round(rss_kb / 1024, 1),
                "new_received": tables.t3["new_received"]["total"],
                "results_total": tables.t3["results_total"]["total"],
                "uses_report_index": plan.count("annual_app_t3") == 2 and "Seq Scan" not in plan,
                "plan": plan,
            },
            ensure_ascii=False,
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument(
        "--backends", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"]
    )
    parser.add_argument("--child", choices=["populate", "measure"])
    parser.add_argument("--n", type=int)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT / "src"))
        (populate if args.child == "populate" else measure)(args.n)
        return 0
    for backend in args.backends:
        for n in args.sizes:
            if backend == "postgres":
                _create_pg_database(n)
            env = _env(backend, n)
            for child in ("populate", "measure"):
                out = subprocess.run(
                    [sys.executable, __file__, "--child", child, "--n", str(n)],
                    env=env,
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                )
                if out.returncode:
                    print(out.stderr, file=sys.stderr)
                    return 1
                print(f"{backend:<9} n={n:<8} {child:<8} {out.stdout.strip()}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
