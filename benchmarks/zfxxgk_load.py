"""Load test of the public 政府信息公开专栏 with 1,000,000 catalogue items stored.

A real server (gunicorn, gthread workers, DEBUG off) over a fresh database — a SQLite file, or a
new database on the PostgreSQL server of DATABASE_URL — filled by bulk_create with the search
index in place (the SQLite triggers and the pg_trgm GIN indexes take every row as it comes);
then 50 anonymous users (threads) ask one page type at a time, as benchmarks/load_staff_portal.py
does (its `run` is reused).

Run:
  .venv/bin/python benchmarks/zfxxgk_load.py --backend sqlite
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/zfxxgk .venv/bin/python benchmarks/zfxxgk_load.py --backend postgres

Prints, per page type: requests, errors, throughput, p50/p95/p99 latency and the load average.
Figures: docs/performance-catalogue.md, section "Public 专栏".
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.load_staff_portal import run  # noqa: E402
from tests.web.realserver import Browser, RealServer  # noqa: E402

# Titles and bodies from phrases, so that a phrase is found in about 1/len(PHRASES) of the items
# and a 文号 in one: the searches below ask for both kinds.
SEED = r"""
import datetime as dt, json, random, time
from django.db import transaction
from gongkai.agencies.models import Agency, Level
from gongkai.catalogue.models import Item, Topic, Genre

ROWS, AGENCIES = {rows}, {agencies}
PHRASES = ["老旧小区改造", "既有住宅加装电梯", "城市更新行动", "义务教育招生", "基本医疗保险", "最低生活保障",
    "就业创业补贴", "安全生产检查", "食品安全抽检", "生态环境保护", "大气污染防治", "河湖长制", "乡村振兴",
    "营商环境优化", "政府采购项目", "重大建设项目", "财政预算执行", "行政许可事项", "行政处罚决定", "公务员招录",
    "突发事件应急预案", "防汛抗旱", "养老服务体系", "住房公积金", "人才引进政策", "中小企业扶持", "消费券发放",
    "垃圾分类管理", "停车设施建设", "社区卫生服务", "学前教育普惠", "残疾人两项补贴", "退役军人优待", "文物保护利用",
    "公共文化服务", "全民健身设施", "农田水利建设", "集体林权改革", "统计公报发布", "政务公开要点"]
KINDS = ["通知", "实施方案", "管理办法", "工作要点", "情况公示", "答复", "公告", "报告"]
random.seed(11)
t0 = time.perf_counter()
district = Agency.objects.create(code="Z00", name="压测区人民政府", level=Level.GOVERNMENT)
agencies = [Agency.objects.create(code=f"Z{{i:02d}}", name=f"压测区第{{i}}部门", level=Level.DEPARTMENT, parent=district)
            for i in range(1, AGENCIES + 1)]
topics, genres = list(Topic.objects.all()), list(Genre.objects.all())
today = __import__("django.utils.timezone", fromlist=["localdate"]).localdate()
start = today - dt.timedelta(days=6 * 365)
batch = []
for i in range(ROWS):
    agency = agencies[i % AGENCIES]
    day = start + dt.timedelta(days=(i * 6 * 365) // ROWS)
    a, b, c = random.sample(PHRASES, 3)
    kind = KINDS[i % len(KINDS)]
    public = i % 10 != 0  # one in ten: pending review, 依申请公开 or 不予公开
    batch.append(Item(
        agency=agency, index_no=f"{{agency.code}}/{{day.year}}-{{i:07d}}", title=f"关于{{a}}的{{kind}}",
        doc_number=f"压{{i % AGENCIES:02d}}发〔{{day.year}}〕{{i}}号",
        summary=f"{{a}}相关工作安排。",
        body=f"为做好{{a}}工作，结合{{b}}和{{c}}的实际情况，现将有关事项{{kind}}如下：一、明确目标任务；二、压实工作责任；"
             f"三、加强督促检查（第{{i}}号）。各单位要高度重视{{b}}，切实把{{a}}各项措施落到实处。",
        formed_on=day, published_on=day if public else None, due_on=day + dt.timedelta(days=28),
        topic=topics[i % len(topics)] if topics else None, genre=genres[i % len(genres)] if genres else None,
        art20_item=str(1 + i % 15), validity="valid" if i % 7 else "expired",
        attribute="proactive" if public or i % 30 else "withheld",
        attribute_reason="" if public or i % 30 else "涉及个人隐私", attribute_article="" if public or i % 30 else "art15",
        review="approved" if public else "pending",
    ))
    if len(batch) == 10000:
        with transaction.atomic():
            Item.objects.bulk_create(batch)
        batch.clear()
if batch:
    with transaction.atomic():
        Item.objects.bulk_create(batch)
print(json.dumps({{"seconds": time.perf_counter() - t0, "phrases": PHRASES, "agencies": [a.code for a in agencies],
                  "topics": [t.code for t in topics], "years": sorted({{start.year, today.year}}), "rows": ROWS}}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--agencies", type=int, default=55)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--requests", type=int, default=500, help="requests per page type")
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="mean pause between a user's requests (s); 0 = saturate",
    )
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--only", help="comma-separated page names to run")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="gongkai-zfxxgk-") as tmp:
        server = RealServer(Path(tmp), args.backend, workers=args.workers, threads=args.threads)
        server.create()
        try:
            t0 = time.perf_counter()
            seeded = json.loads(
                server.python(SEED.format(rows=args.rows, agencies=args.agencies), timeout=6 * 3600)
            )
            print(
                f"# {args.backend}: {args.rows} catalogue items stored in {time.perf_counter() - t0:.1f} s "
                f"(bulk_create with the index in place {seeded['seconds']:.1f} s); {args.workers} gunicorn workers x "
                f"{args.threads} threads; {args.users} users, think time {args.think} s",
                flush=True,
            )
            if args.backend == "postgres":
                # What autovacuum does soon after a bulk import: statistics, the visibility map and
                # the GIN pending lists flushed into the trigram indexes.
                t1 = time.perf_counter()
                server.manage(
                    "shell",
                    "-c",
                    "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')",
                )
                print(f"# VACUUM ANALYZE {time.perf_counter() - t1:.1f} s", flush=True)
            server.start()
            users = [Browser(server.base) for _ in range(args.users)]
            phrases, codes, topics = seeded["phrases"], seeded["agencies"], seeded["topics"]
            rows = seeded["rows"]

            def get(path_of):
                def request(b, rnd):
                    try:
                        return b.get(path_of(rnd))[0]
                    except TimeoutError:  # no answer within 60 s: an error, and the run goes on
                        return 599

                return request

            def q(text):
                from urllib.parse import quote

                return quote(text)

            pages = [
                ("专栏 home", get(lambda rnd: "/zfxxgk/")),
                (
                    "目录 list (one agency)",
                    get(lambda rnd: f"/zfxxgk/{rnd.choice(codes)}/zfxxgkml/"),
                ),
                (
                    "目录 list, page 40",
                    get(lambda rnd: f"/zfxxgk/{rnd.choice(codes)}/zfxxgkml/?page=40"),
                ),
                (
                    "目录 list, topic filter",
                    get(
                        lambda rnd: (
                            f"/zfxxgk/{rnd.choice(codes)}/zfxxgkml/?topic={rnd.choice(topics)}"
                            if topics
                            else f"/zfxxgk/{rnd.choice(codes)}/zfxxgkml/?art20=5"
                        )
                    ),
                ),
                (
                    "search, phrase (~7% of items)",
                    get(lambda rnd: f"/zfxxgk/search/?q={q(rnd.choice(phrases))}"),
                ),
                (
                    "search, two phrases",
                    get(lambda rnd: f"/zfxxgk/search/?q={q(' '.join(rnd.sample(phrases, 2)))}"),
                ),
                (
                    "search, 文号 (one item)",
                    get(lambda rnd: f"/zfxxgk/search/?q={q(f'〕{rnd.randrange(rows)}号')}"),
                ),
                (
                    "search, body number (one item)",
                    get(lambda rnd: f"/zfxxgk/search/?q={q(f'（第{rnd.randrange(rows)}号）')}"),
                ),
                (
                    "search, 2 characters (LIKE)",
                    get(lambda rnd: f"/zfxxgk/search/?q={q(rnd.choice(phrases)[:2])}"),
                ),
                (
                    "目录 ?q= (one agency)",
                    get(
                        lambda rnd: (
                            f"/zfxxgk/{rnd.choice(codes)}/zfxxgkml/?q={q(rnd.choice(phrases))}"
                        )
                    ),
                ),
                (
                    "search, phrase + year + validity",
                    get(
                        lambda rnd: (
                            f"/zfxxgk/search/?q={q(rnd.choice(phrases))}"
                            f"&year={rnd.choice(seeded['years'])}&validity=valid"
                        )
                    ),
                ),
                (
                    "item page",
                    get(
                        lambda rnd: (
                            f"/zfxxgk/{codes[0]}/zfxxgkml/{1 + rnd.randrange(rows // len(codes)) * len(codes)}/"
                        )
                    ),
                ),
                ("指南", get(lambda rnd: f"/zfxxgk/{rnd.choice(codes)}/zfxxgkzn/")),
            ]
            only = set(args.only.split(",")) if args.only else None
            print("| page | requests | errors | req/s | p50 ms | p95 ms | p99 ms | load avg |")
            print("|---|---|---|---|---|---|---|---|")
            for name, request in pages:
                if only and not any(o in name for o in only):
                    continue
                run(
                    name, users[:6], request, 4 * args.workers * args.threads, 0
                )  # warm-up, not measured
                r = run(name, users, request, args.requests, args.think)
                print(
                    f"| {r['page']} | {r['requests']} | {r['errors']} | {r['rps']} | {r['p50']} | {r['p95']} | "
                    f"{r['p99']} | {os.getloadavg()[0]:.2f} |",
                    flush=True,
                )
        finally:
            server.stop()
            server.drop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
