"""Load test of the public 政府信息公开专栏 with 1,000,000 catalogue items stored.

A real server (gunicorn, gthread workers, DEBUG off) over the catalogue of benchmarks/_seed.py —
seeded once and kept under --data (SQLite) or in the PostgreSQL database --pg-db, migrated on
every run — then 50 anonymous users (threads) ask one page type at a time (benchmarks/_server.py).
Every request draws its agency, phrase, number or topic at random: no two users repeat one query.

Run (as the figures in the docs were taken: the server and the users above other work; setsid
gives the client a session, and so an autogroup, of its own, see benchmarks/_server.start):
  setsid nice -n -10 .venv/bin/python benchmarks/zfxxgk_load.py --backend sqlite --data /work/bench/zsearch
  setsid nice -n -10 .venv/bin/python benchmarks/zfxxgk_load.py --backend postgres --pg-db zsearch_bench

Prints, per page type: requests, errors, throughput, p50/p95/p99 latency and the load average.
Figures: docs/performance-catalogue.md, section "Public 专栏".
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import _seed, _server  # noqa: E402
from tests.web.realserver import Browser  # noqa: E402


def pages(users, rows: int, topics: list[str], years: list[int]):
    codes, phrases = _seed.CODES[1:], _seed.PHRASES

    def get(path_of):
        def request(b, rnd):
            try:
                return b.get(path_of(rnd))[0]
            except TimeoutError:  # no answer within 60 s: an error, and the run goes on
                return 599

        return (request,)

    def page(name, path_of):
        return (name, users, *get(path_of))

    def code(rnd):
        return rnd.choice(codes)

    return [
        page("专栏 home", lambda rnd: "/zfxxgk/"),
        page("目录 list (one agency)", lambda rnd: f"/zfxxgk/{code(rnd)}/zfxxgkml/"),
        page("目录 list, page 40", lambda rnd: f"/zfxxgk/{code(rnd)}/zfxxgkml/?page=40"),
        page(
            "目录 list, topic filter",
            lambda rnd: f"/zfxxgk/{code(rnd)}/zfxxgkml/?topic={rnd.choice(topics)}",
        ),
        page(
            "search, phrase (~7% of items)",
            lambda rnd: f"/zfxxgk/search/?q={quote(rnd.choice(phrases))}",
        ),
        page(
            "search, two phrases",
            lambda rnd: f"/zfxxgk/search/?q={quote(' '.join(rnd.sample(phrases, 2)))}",
        ),
        page(
            "search, 文号 (one item)",
            lambda rnd: f"/zfxxgk/search/?q={quote(f'〕{rnd.randrange(rows)}号')}",
        ),
        page(
            "search, body number (one item)",
            lambda rnd: f"/zfxxgk/search/?q={quote(f'（第{rnd.randrange(rows)}号）')}",
        ),
        page(
            "search, 2 characters",
            lambda rnd: f"/zfxxgk/search/?q={quote(rnd.choice(phrases)[:2])}",
        ),
        page(
            "目录 ?q= (one agency)",
            lambda rnd: f"/zfxxgk/{code(rnd)}/zfxxgkml/?q={quote(rnd.choice(phrases))}",
        ),
        page(
            "search, phrase + year + validity",
            lambda rnd: (
                f"/zfxxgk/search/?q={quote(rnd.choice(phrases))}"
                f"&year={rnd.choice(years)}&validity=valid"
            ),
        ),
        # Items 1, 56, 111… are the first agency's (the seed deals items out in turn).
        page(
            "item page",
            lambda rnd: (
                f"/zfxxgk/{codes[0]}/zfxxgkml/{1 + rnd.randrange(rows // len(codes)) * len(codes)}/"
            ),
        ),
        page("指南", lambda rnd: f"/zfxxgk/{code(rnd)}/zfxxgkzn/"),
        page("法定主动公开内容", lambda rnd: f"/zfxxgk/{code(rnd)}/fdzdgknr/"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    _server.add_arguments(parser)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--data", type=Path, default=ROOT / "var" / "bench")
    parser.add_argument("--pg-db", default="catalogue_bench")
    args = parser.parse_args()

    seeded = _seed.ensure(args.backend, args.rows, args.data, args.pg_db)
    print(f"# {args.backend}: {seeded}", flush=True)
    env = _seed.env(args.backend, args.rows, args.data, args.pg_db)
    with tempfile.TemporaryDirectory(prefix="gongkai-zfxxgk-") as tmp:
        server = _server.server(Path(tmp), args.backend, args, kept_env=env)
        server.create()  # migrates the kept database; nothing to seed
        facts = server.python(
            "from gongkai.catalogue.models import Topic\n"
            "import json, datetime as dt\n"
            "print(json.dumps([list(Topic.objects.values_list('code', flat=True)), dt.date.today().year]))"
        )
        topics, year = json.loads(facts)
        _server.start(server)
        try:
            print(
                f"# {args.rows} items; gunicorn {args.workers} workers x {args.threads} threads; "
                f"{args.users} users, think time {args.think} s",
                flush=True,
            )
            users = [Browser(server.base) for _ in range(args.users)]
            with _server.database_priority(args.backend):
                _server.measure(pages(users, args.rows, topics, [year - 4, year - 1, year]), args)
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
