"""One catalogue of n items for the catalogue benchmarks (benchmarks/catalogue_1m.py, the staff
list; benchmarks/zfxxgk_load.py, the public 专栏), seeded once and kept.

The database lives under a data folder (default var/bench/; --data): a SQLite file
`catalogue_<n>.sqlite3` there, or the PostgreSQL database of --pg-db on the server of
DATABASE_URL. When it already holds the n items, seeding is skipped and only `migrate` runs, so
a later migration (an index, a table) is applied to the kept data instead of seeding again.

The rows: 55 agencies under one district, registered day by day over six years up to today (the
agencies interleaved, as items are registered); titles and bodies built from 40 phrases, so that
one phrase is in about 7 % of the items and a 文号 or a number in the body in one; nine in ten
public, the rest pending review, 依申请公开 or 不予公开 with a reason; about 7 % published late;
one in a hundred (public) issued jointly with a second agency (联合发文).

Loading goes around the search index and puts it back afterwards (COPY or executemany without
the FTS5 triggers or the GIN indexes, then the index built once): the index is the same as the
one kept row by row, at a fraction of the time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

AGENCIES = 55
YEARS = 6
PHRASES = [
    "老旧小区改造",
    "既有住宅加装电梯",
    "城市更新行动",
    "义务教育招生",
    "基本医疗保险",
    "最低生活保障",
    "就业创业补贴",
    "安全生产检查",
    "食品安全抽检",
    "生态环境保护",
    "大气污染防治",
    "河湖长制",
    "乡村振兴",
    "营商环境优化",
    "政府采购项目",
    "重大建设项目",
    "财政预算执行",
    "行政许可事项",
    "行政处罚决定",
    "公务员招录",
    "突发事件应急预案",
    "防汛抗旱",
    "养老服务体系",
    "住房公积金",
    "人才引进政策",
    "中小企业扶持",
    "消费券发放",
    "垃圾分类管理",
    "停车设施建设",
    "社区卫生服务",
    "学前教育普惠",
    "残疾人两项补贴",
    "退役军人优待",
    "文物保护利用",
    "公共文化服务",
    "全民健身设施",
    "农田水利建设",
    "集体林权改革",
    "统计公报发布",
    "政务公开要点",
]
KINDS = ["通知", "实施方案", "管理办法", "工作要点", "情况公示", "答复", "公告", "报告"]
HANDLER, SUPERVISOR = "bench_handler", "bench_supervisor"
CODES = ["Z00"] + [f"Z{i:02d}" for i in range(1, AGENCIES + 1)]


def database_env(backend: str, sqlite_path: Path, pg_db: str) -> dict[str, str]:
    """The environment of a process working on a benchmark's own database: the SQLite file, or
    the database `pg_db` on the PostgreSQL server of DATABASE_URL."""
    out = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    out["DJANGO_SETTINGS_MODULE"] = "gongkai.web.settings"
    if backend == "sqlite":
        sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        out["SQLITE_PATH"] = str(sqlite_path)
    else:
        out["DATABASE_URL"] = f"{pg_admin_url().rsplit('/', 1)[0]}/{pg_db}"
    return out


def create_pg_database(name: str) -> None:
    """The database `name` on the PostgreSQL server of DATABASE_URL, unless it exists."""
    import psycopg

    with psycopg.connect(pg_admin_url(), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def env(backend: str, n: int, data: Path, pg_db: str) -> dict[str, str]:
    """The environment of a process working on the catalogue benchmark's database."""
    return database_env(backend, data / f"catalogue_{n}.sqlite3", pg_db)


def pg_admin_url() -> str:
    return os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def ensure(backend: str, n: int, data: Path, pg_db: str) -> dict:
    """Seed the benchmark database unless it holds the n items already; migrate it either way."""
    if backend == "postgres":
        create_pg_database(pg_db)
    done = subprocess.run(
        [sys.executable, __file__, "--n", str(n)],
        env=env(backend, n, data, pg_db),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"seeding failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- child: runs with Django set up on the benchmark database --------------------------------


def _seed(n: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from gongkai.catalogue.models import Item

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = round(time.perf_counter() - t0, 1)
    count = Item.objects.count()
    if count == n:
        _joint()
        return {"items": n, "seeded": False, "migrate_seconds": migrated}
    if count:
        raise SystemExit(f"the benchmark database holds {count} items, not {n}: remove it first")
    t0 = time.perf_counter()
    _load(n)
    loaded = round(time.perf_counter() - t0, 1)
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {
        "items": n,
        "seeded": True,
        "load_seconds": loaded,
        "analyze_seconds": round(time.perf_counter() - t0, 1),
    }


def _load(n: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from gongkai.agencies.models import Agency, Level, Membership, Role
    from gongkai.catalogue.models import Genre, Item, Topic
    from gongkai.catalogue.ontime import due_date
    from gongkai.holidays.table import working_calendar
    from gongkai.zfxxgk import index_sql

    district = Agency.objects.create(code=CODES[0], name="压测区人民政府", level=Level.GOVERNMENT)
    agencies = [
        Agency.objects.create(
            code=code, name=f"压测区第{i}部门", level=Level.DEPARTMENT, parent=district
        )
        for i, code in enumerate(CODES[1:], 1)
    ]
    User = get_user_model()
    for name, agency, role in (
        (HANDLER, agencies[7], Role.HANDLER),
        (SUPERVISOR, district, Role.SUPERVISOR),
    ):
        Membership.objects.create(user=User.objects.create(username=name), agency=agency, role=role)
    topics = list(Topic.objects.values_list("pk", flat=True))
    genres = list(Genre.objects.values_list("pk", flat=True))
    today = timezone.localdate()
    start = today - dt.timedelta(days=YEARS * 365)
    calendar = working_calendar()
    # Every due date first: the calendar reads the holiday table, which cannot be queried while
    # the connection is in COPY mode.
    dues = {
        start + dt.timedelta(days=d): due_date(start + dt.timedelta(days=d), calendar)
        for d in range(YEARS * 365 + 1)
    }
    now = timezone.now()
    fields = [f for f in Item._meta.concrete_fields if not f.primary_key]
    rng = random.Random(11)

    def row(i: int) -> list:
        agency = agencies[i % AGENCIES]
        day = start + dt.timedelta(days=(i * YEARS * 365) // n)
        a, b, c = rng.sample(PHRASES, 3)
        kind = KINDS[i % len(KINDS)]
        hidden = i % 10 == 0  # one in ten: pending review, 依申请公开 or 不予公开
        attribute = (
            "proactive" if not hidden or i % 30 else ("withheld", "on_request")[i % 60 // 30]
        )
        lag = rng.randrange(1, 20) if rng.random() > 0.07 else rng.randrange(28, 70)
        values = {
            "agency_id": agency.pk,
            "index_no": f"{agency.code}/{day.year}-{i:07d}",
            "title": f"关于{a}的{kind}",
            "doc_number": f"压{i % AGENCIES:02d}发〔{day.year}〕{i}号",
            "summary": f"{a}相关工作安排。",
            "body": f"为做好{a}工作，结合{b}和{c}的实际情况，现将有关事项{kind}如下：一、明确目标任务；"
            f"二、压实工作责任；三、加强督促检查（第{i}号）。各单位要高度重视{b}，切实把{a}各项措施落到实处。",
            "formed_on": day,
            "published_on": None if hidden else day + dt.timedelta(days=lag),
            "due_on": dues[day] if attribute == "proactive" else None,
            "topic_id": topics[i % len(topics)],
            "genre_id": genres[i % len(genres)],
            "art20_item": str(1 + i % 15),
            "register_kind": "normative_documents" if i % 50 == 1 else "",
            "validity": "valid" if i % 7 else "expired",
            "attribute": attribute,
            "attribute_reason": "" if attribute == "proactive" else "涉及个人隐私",
            "attribute_article": "" if attribute == "proactive" else "art15",
            "review": "pending" if hidden and attribute == "proactive" else "approved",
            "created_at": now,
            "updated_at": now,
        }
        return [
            values.get(f.attname, None if f.null else (f.get_default() if f.has_default() else ""))
            for f in fields
        ]

    table = Item._meta.db_table
    columns = ", ".join(f.column for f in fields)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(index_sql.PG_SEARCH_DROP)
        with transaction.atomic(), connection.cursor() as cursor:
            with cursor.connection.cursor().copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for i in range(n):
                    copy.write_row(row(i))
        # After the commit: PostgreSQL builds no index over rows with pending FK checks.
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            cursor.execute(index_sql.PG_SEARCH_INDEX)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA cache_size = -1000000")  # 1 GB: the indexes stay in memory
            for trigger in index_sql.TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
            sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
            for lo in range(0, n, 20000):
                cursor.executemany(sql, [row(i) for i in range(lo, min(n, lo + 20000))])
            index_sql.repair(connection)  # the triggers back, the FTS5 table rebuilt once
    _joint()


def _joint() -> None:
    """联合发文: one item in a hundred (public ones) with the next agency as co-publisher; filled
    when the table is empty, so a kept database seeded before it gets it too."""
    from gongkai.agencies.models import Agency
    from gongkai.catalogue.models import Item

    through = Item.co_publishers.through
    if through.objects.exists():
        return
    agencies = list(Agency.objects.filter(code__in=CODES[1:]).order_by("code"))
    after = {a.pk: agencies[(k + 1) % len(agencies)].pk for k, a in enumerate(agencies)}
    joint = Item.objects.filter(index_no__endswith="02").values_list("pk", "agency_id")
    through.objects.bulk_create(
        [through(item_id=pk, agency_id=after[agency]) for pk, agency in joint.iterator(10000)],
        batch_size=5000,
    )


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, required=True)
    sys.path.insert(0, str(ROOT / "src"))
    print(json.dumps(_seed(parser.parse_args().n)))
