"""The catalogue's staff list over 1,000,000 items, on SQLite and PostgreSQL.

Over the catalogue of benchmarks/_seed.py (seeded once, kept: --data, --pg-db), times the staff list as a
person gets it (Django's test client in process: URL routing, access, queries, template) for one
agency's staff and for the district's supervisor, unfiltered and with the filters people use
(late, soon due, attribute and year, a title search), plus one agency's XLSX export. Each case:
one warm-up, then 30 requests; median and p95 in milliseconds. Seeding and measuring run in
separate processes. Figures go to docs/performance-catalogue.md with the load average.

    .venv/bin/python benchmarks/catalogue_1m.py [--sizes 1000000] [--backends sqlite postgres]
        [--data var/bench] [--pg-db catalogue_bench]

PostgreSQL: the server of DATABASE_URL gets the database --pg-db (suffixed _<n> when several
sizes are asked for); SQLite files go to --data.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import _seed  # noqa: E402

# -- child: measure ---------------------------------------------------------------------------


CASES = [
    ("agency: list", "bench_handler", {}),
    ("agency: late", "bench_handler", {"due": "late"}),
    ("agency: soon due", "bench_handler", {"due": "soon"}),
    ("agency: withheld, 2024", "bench_handler", {"attribute": "withheld", "year": "2024"}),
    ("agency: title search", "bench_handler", {"q": "防汛"}),
    ("agency: body search", "bench_handler", {"q": "各项措施落到实处"}),
    ("agency: page 100", "bench_handler", {"page": "100"}),
    ("district: list", "bench_supervisor", {}),
    ("district: late", "bench_supervisor", {"due": "late"}),
    ("district: one topic", "bench_supervisor", {"topic": "3"}),
    ("district: title search", "bench_supervisor", {"q": "防汛抗旱的通知"}),
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
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--pg-db", default="catalogue_bench", help="suffixed _<n> for each size")
    parser.add_argument("--child", choices=["measure"])
    parser.add_argument("--n", type=int)
    args = parser.parse_args()
    if args.child:
        sys.path.insert(0, str(ROOT / "src"))
        measure(args.n, args.runs)
        return 0
    for backend in args.backends:
        for n in args.sizes:
            pg_db = args.pg_db if len(args.sizes) == 1 else f"{args.pg_db}_{n}"
            load = os.getloadavg()
            seeded = _seed.ensure(backend, n, args.data, pg_db)
            print(f"{backend:<9} n={n:<8} seed load {load[0]:.2f} {seeded}", flush=True)
            load = os.getloadavg()
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    "measure",
                    "--n",
                    str(n),
                    "--runs",
                    str(args.runs),
                ],
                env=_seed.env(backend, n, args.data, pg_db),
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            if out.returncode:
                print(out.stderr, file=sys.stderr)
                return 1
            print(
                f"{backend:<9} n={n:<8} measure load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
                f"{out.stdout.strip()}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
