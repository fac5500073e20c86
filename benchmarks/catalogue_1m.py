"""The catalogue's staff list over 1,000,000 items, on SQLite and PostgreSQL.

Seeds n items (default 1,000,000) over 50 agencies and ten years, then times the staff list as a
person gets it (Django's test client in process: URL routing, access, queries, template) for one
agency's staff and for the district's supervisor, unfiltered and with the filters people use
(late, soon due, attribute and year, a title search), plus one agency's XLSX export. Each case:
one warm-up, then 30 requests; median and p95 in milliseconds. Seeding and measuring run in
separate processes. Figures go to docs/performance-catalogue.md with the load average.

    .venv/bin/python benchmarks/catalogue_1m.py [--sizes 1000000] [--backends sqlite postgres]

PostgreSQL: the server of DATABASE_URL (default postgres://postgres@127.0.0.1:5432/catalogue)
gets its own databases catalogue_bench_<n>; SQLite files go to var/bench/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/catalogue")
AGENCIES = 50
FIRST, LAST = dt.date(2016, 1, 1), dt.date(2025, 12, 31)
SUBJECTS = [
    "安全生产",
    "防汛",
    "老旧小区改造",
    "义务教育",
    "医疗保障",
    "就业创业",
    "食品安全",
    "营商环境",
    "养老服务",
    "垃圾分类",
    "河湖长制",
    "停车管理",
    "消防",
    "农村人居环境",
    "政务服务",
    "文物保护",
]
FORMS = [
    "关于做好{s}工作的通知",
    "关于进一步加强{s}的实施意见",
    "{s}专项整治工作方案",
    "{s}管理办法",
    "关于{s}有关事项的通告",
]


def _env(backend: str, n: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    env["DJANGO_SETTINGS_MODULE"] = "gongkai.web.settings"
    if backend == "sqlite":
        path = ROOT / "var" / "bench" / f"catalogue_{n}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        env["SQLITE_PATH"] = str(path)
    else:
        env["DATABASE_URL"] = f"{PG_URL.rsplit('/', 1)[0]}/catalogue_bench_{n}"
    return env


def _create_pg_database(n: int) -> None:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        name = f"catalogue_bench_{n}"
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


# -- child: seed ------------------------------------------------------------------------------


def seed(n: int) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from gongkai.agencies.models import Agency, Level, Membership, Role
    from gongkai.catalogue.models import Genre, Item, Topic
    from gongkai.catalogue.ontime import due_date
    from gongkai.holidays.table import working_calendar

    call_command("migrate", verbosity=0)
    if Item.objects.count() == n:
        with connection.cursor() as cur:
            cur.execute(
                "ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE catalogue_item"
            )
        print(json.dumps({"seeded": n, "skipped": True}))
        return
    if Item.objects.exists():
        raise SystemExit(
            "the benchmark database holds other data: remove var/bench/ or drop catalogue_bench_*"
        )
    district, _ = Agency.objects.get_or_create(
        code="B", defaults={"name": "基准区人民政府", "level": Level.GOVERNMENT}
    )
    agencies = [district]
    for i in range(1, AGENCIES):
        a, _ = Agency.objects.get_or_create(
            code=f"B-{i:02d}",
            defaults={"name": f"基准区机关{i}", "level": Level.DEPARTMENT, "parent": district},
        )
        agencies.append(a)
    User = get_user_model()
    for name, agency, role in (
        ("bench_handler", agencies[7], Role.HANDLER),
        ("bench_supervisor", district, Role.SUPERVISOR),
    ):
        user, _ = User.objects.get_or_create(username=name)
        Membership.objects.get_or_create(user=user, agency=agency, role=role)

    rng = random.Random(n)
    topics = list(Topic.objects.values_list("pk", flat=True))
    genres = list(Genre.objects.values_list("pk", flat=True))
    calendar = working_calendar()
    span = (LAST - FIRST).days
    # Every due date first: the calendar reads the holiday table, which cannot be queried on the
    # connection while it is in COPY mode.
    dues = {
        FIRST + dt.timedelta(days=d): due_date(FIRST + dt.timedelta(days=d), calendar)
        for d in range(span + 1)
    }
    now = timezone.now()
    fields = [f for f in Item._meta.concrete_fields if not f.primary_key]
    columns = [f.column for f in fields]
    counters = [0] * AGENCIES

    def row(i: int):
        a = rng.randrange(AGENCIES)
        formed = FIRST + dt.timedelta(days=rng.randrange(span))
        counters[a] += 1
        roll = rng.random()
        attribute = "proactive" if roll > 0.05 else ("on_request" if roll > 0.02 else "withheld")
        lag = rng.randrange(1, 20) if rng.random() > 0.07 else rng.randrange(28, 70)
        published = (
            formed + dt.timedelta(days=lag)
            if attribute == "proactive" and rng.random() > 0.01
            else None
        )
        subject = SUBJECTS[rng.randrange(len(SUBJECTS))]
        values = {
            "agency_id": agencies[a].pk,
            "index_no": f"{agencies[a].code}/{i:07d}",
            "title": f"{agencies[a].name}" + FORMS[rng.randrange(len(FORMS))].format(s=subject),
            "doc_number": f"基{a}〔{formed.year}〕{counters[a]}号" if rng.random() < 0.6 else "",
            "summary": f"{subject}。",
            "body": f"为做好{subject}工作，现将有关事项通知如下。",
            "formed_on": formed,
            "published_on": published,
            "due_on": dues[formed] if attribute == "proactive" else None,
            "topic_id": topics[rng.randrange(len(topics))],
            "genre_id": genres[rng.randrange(len(genres))],
            "art20_item": str(rng.randrange(1, 16)),
            "register_kind": "normative_documents" if rng.random() < 0.02 else "",
            "validity": "valid",
            "attribute": attribute,
            "attribute_reason": "" if attribute == "proactive" else "属于过程性信息",
            "attribute_article": "" if attribute == "proactive" else "art16_2",
            "review": "approved" if published or attribute != "proactive" else "pending",
            "created_at": now,
            "updated_at": now,
        }
        return [
            values.get(f.attname, None if f.null else (f.get_default() if f.has_default() else ""))
            for f in fields
        ]

    table = Item._meta.db_table
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
            for lo in range(0, n, 20000):
                cur.executemany(sql, [row(i) for i in range(lo, min(n, lo + 20000))])
            cur.execute("ANALYZE")
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(f"VACUUM ANALYZE {table}")
    print(json.dumps({"seeded": n, "seconds": round(time.perf_counter() - start, 1)}))


# -- child: measure ---------------------------------------------------------------------------


CASES = [
    ("agency: list", "bench_handler", {}),
    ("agency: late", "bench_handler", {"due": "late"}),
    ("agency: soon due", "bench_handler", {"due": "soon"}),
    ("agency: withheld, 2024", "bench_handler", {"attribute": "withheld", "year": "2024"}),
    ("agency: title search", "bench_handler", {"q": "防汛"}),
    ("agency: page 100", "bench_handler", {"page": "100"}),
    ("district: list", "bench_supervisor", {}),
    ("district: late", "bench_supervisor", {"due": "late"}),
    ("district: one topic", "bench_supervisor", {"topic": "3"}),
    ("district: title search", "bench_supervisor", {"q": "防汛专项"}),
]


def measure(n: int, runs: int) -> None:
    import statistics

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from gongkai.catalogue.models import Item

    url = reverse("catalogue:item_list")
    clients = {}
    for name in ("bench_handler", "bench_supervisor"):
        clients[name] = Client(HTTP_HOST="127.0.0.1")
        clients[name].force_login(get_user_model().objects.get(username=name))
    results = {"backend": connection.vendor, "items": Item.objects.count()}
    for label, who, params in CASES:
        client = clients[who]
        assert client.get(url, params).status_code == 200  # warm-up
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            response = client.get(url, params)
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
        times.sort()
        results[label] = {
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        }
    t0 = time.perf_counter()
    response = clients["bench_handler"].get(reverse("catalogue:item_export"))
    size = sum(len(c) for c in response.streaming_content)
    results["agency: XLSX export"] = {"seconds": round(time.perf_counter() - t0, 2), "bytes": size}
    print(json.dumps(results, ensure_ascii=False))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    parser.add_argument(
        "--backends", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"]
    )
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--child", choices=["seed", "measure"])
    parser.add_argument("--n", type=int)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT / "src"))
        seed(args.n) if args.child == "seed" else measure(args.n, args.runs)
        return 0
    for backend in args.backends:
        for n in args.sizes:
            if backend == "postgres":
                _create_pg_database(n)
            env = _env(backend, n)
            for child in ("seed", "measure"):
                load = os.getloadavg()
                out = subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--child",
                        child,
                        "--n",
                        str(n),
                        "--runs",
                        str(args.runs),
                    ],
                    env=env,
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                )
                if out.returncode:
                    print(out.stderr, file=sys.stderr)
                    return 1
                print(
                    f"{backend:<9} n={n:<8} {child:<8} load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
                    f"{out.stdout.strip()}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
