"""Load test of the staff lists, the API and the public portal with 100,000 applications stored.

A real server (gunicorn, gthread workers) runs against a fresh database — a SQLite file, or a new
database on the PostgreSQL server of DATABASE_URL — filled by bulk_create; then N simulated users
(threads, each with its own session) request one page type at a time. Requests go to 127.0.0.1.

Run:
  .venv/bin/python benchmarks/load_staff_portal.py --backend sqlite
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python benchmarks/load_staff_portal.py --backend postgres

Prints, per page type: requests, errors, throughput, p50/p95/p99 latency. Figures: docs/performance-web.md.

Several servers (production: docs/deployment.md): --servers 2 starts that many gunicorn servers
over the same database and sends each request to the next one in turn, as nginx's upstream does.
--ramp measures the throughput a setting sustains at p95 <= 100 ms: a mix of every page type,
with the users' think time shortened step by step until p95 passes 100 ms.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import _server  # noqa: E402
from tests.web.realserver import Browser, RealServer  # noqa: E402

SEED = r"""
import datetime as dt, json, random, time
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from gongkai.agencies.models import Agency, Level, Membership
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.identifiers import id_card_check_digit
from gongkai.portal.models import Submission
from gongkai.portal import tracking
from gongkai.api.models import ApiToken

ROWS, AGENCIES, ONLINE = {rows}, {agencies}, {online}
random.seed(7)
t0 = time.perf_counter()
district = Agency.objects.create(code="X00", name="压测区人民政府", level=Level.GOVERNMENT)
agencies = [Agency.objects.create(code=f"X{{i:02d}}", name=f"压测区第{{i}}局", level=Level.DEPARTMENT, parent=district)
            for i in range(1, AGENCIES + 1)]
User = get_user_model()
password = make_password("pw")  # one PBKDF2 run, shared by every load-test user
users = []
for i in range({users}):
    u = User.objects.create(username=f"handler{{i}}", password=password)
    Membership.objects.create(user=u, agency=agencies[i % AGENCIES], role="handler")
    users.append(u.username)
sup = User.objects.create(username="supervisor", password=password)
Membership.objects.create(user=sup, agency=district, role="supervisor")
token = ApiToken.issue(User.objects.get(username="handler0"), "load")[1]

# Open cases are recent (answered within weeks, 《条例》第三十三条); older ones are closed.
open_states = ["registered"] * 2 + ["in_review"] * 10 + ["awaiting_correction", "in_consultation", "decided"]
closed_states = ["replied"] * 2 + ["served"] * 3 + ["archived"] * 15
today = __import__("django.utils.timezone", fromlist=["localdate"]).localdate()
start = today - dt.timedelta(days=1000)
per_agency = {{}}
batch, events, subs, codes = [], [], [], []
def flush():
    with transaction.atomic():
        made = Application.objects.bulk_create(batch)
        ApplicationEvent.objects.bulk_create([ApplicationEvent(application=a, kind="registered", state_after="registered",
                                              payload={{}}) for a in made])
        online = [a for a in made if a.channel == "internet"]
        Submission.objects.bulk_create([Submission(application=a, tracking_code=a._code, id_document="id-documents/x.png",
                                                   consented_at=a._now) for a in online])
    batch.clear()
now = __import__("django.utils.timezone", fromlist=["now"]).now()
for i in range(ROWS):
    agency = agencies[i % AGENCIES]
    day = start + dt.timedelta(days=(i * 1000) // ROWS)
    seq = per_agency[agency.pk] = per_agency.get(agency.pk, 0) + 1
    first17 = f"110105{{1950 + i % 50}}{{1 + i % 12:02d}}{{1 + i % 28:02d}}{{i % 1000:03d}}"
    a = Application(agency=agency, number=f"{{agency.code}}-{{day.year}}-{{seq:06d}}", state=random.choice(open_states if (today - day).days <= 40 else closed_states),
        applicant_type="natural_person", applicant_name=f"申请人{{i}}", id_doc_type="resident_id",
        id_number=first17 + id_card_check_digit(first17), contact_phone=f"139{{i:08d}}",
        description=f"第{{i}}号申请：{{day.year}}年财政预算执行情况", delivery_form="electronic",
        channel="internet" if i % (ROWS // ONLINE) == 0 else "in_person", submitted_on=day, received_on=day, confirmed_on=day)
    if a.channel == "internet":
        a._code, a._now = tracking.new_code(), now
        codes.append((a._code, a.contact_phone))
    batch.append(a)
    if len(batch) == 5000:
        flush()
if batch:
    flush()
print(json.dumps({{"seconds": time.perf_counter() - t0, "users": users, "token": token,
                  "codes": random.sample(codes, min(500, len(codes))), "agency": agencies[0].pk}}))
"""

SAMPLE_IDS = r"""
import json
from gongkai.applications.models import Application
print(json.dumps(list(Application.objects.filter(agency__code="X01").values_list("pk", flat=True)[:200])))
"""


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


class RoundRobin(Browser):
    """One visitor whose requests go to the servers in turn (the session is in the database)."""

    def __init__(self, bases: list[str], headers: dict | None = None):
        super().__init__(bases[0], headers)
        self.turn = itertools.cycle(bases)
        self.turn_lock = threading.Lock()

    def request(self, *args, **kwargs):
        with self.turn_lock:
            self.base = next(self.turn)
        return super().request(*args, **kwargs)


def login(bases: list[str], username: str) -> Browser:
    b = RoundRobin(bases)
    token = b.csrf("/login/")
    status, body, _ = b.post_form(
        "/login/", {"csrfmiddlewaretoken": token, "username": username, "password": "pw"}
    )
    if status != 302:
        raise RuntimeError(f"login {username}: {status}")
    return b


def run(name: str, sessions: list[Browser], make_request, total: int, think: float) -> dict:
    """`len(sessions)` users each send requests until `total` are done, pausing `think` s between."""
    latencies: list[float] = []
    errors = 0
    failed: dict[int, int] = {}  # status -> count, to tell refusals (429) from faults (500)
    lock = threading.Lock()
    remaining = [total]

    def user(numbered: tuple[int, Browser]):
        nonlocal errors
        # Seeded per user, not per session: users sharing one session (the detail page) must
        # not share their pauses too, or they arrive in bursts of 50 at the same moment.
        index, browser = numbered
        rnd = random.Random(index * 7919 + id(browser))
        # Users arrive spread over one think time, not all in the same millisecond.
        time.sleep(rnd.uniform(0, think))
        while True:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            t = time.perf_counter()
            status = make_request(browser, rnd)
            elapsed = time.perf_counter() - t
            with lock:
                latencies.append(elapsed)
                if status >= 400 and status not in (404,):
                    errors += 1
                    failed[status] = failed.get(status, 0) + 1
            if think:
                time.sleep(rnd.uniform(0.5 * think, 1.5 * think))

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(sessions)) as pool:
        list(pool.map(user, enumerate(sessions)))
    wall = time.perf_counter() - t0
    ms = [x * 1000 for x in latencies]
    return {
        "page": name,
        "requests": len(ms),
        "errors": _errors(errors, failed),
        "rps": round(len(ms) / wall, 1),
        "p50": round(statistics.median(ms), 1),
        "p95": round(percentile(ms, 0.95), 1),
        "p99": round(percentile(ms, 0.99), 1),
    }


def _errors(count: int, by_status: dict[int, int]) -> str:
    if not count:
        return "0"
    return f"{count} (" + ", ".join(f"{s}: {n}" for s, n in sorted(by_status.items())) + ")"


RAMP_THINK = [8.0, 4.0, 2.0, 1.0, 0.7, 0.5, 0.35, 0.25, 0.18, 0.12, 0.08]


def ramp(pages, args, servers: int) -> None:
    """Shorter and shorter pauses over the page mix until p95 passes 100 ms (two steps past it)."""

    def any_page(user: int, rnd):
        _, page_sessions, request = rnd.choice(pages)
        return request(page_sessions[user % len(page_sessions)], rnd)

    sessions = list(range(args.users))
    for name, page_sessions, request in pages:  # warm every worker on every page
        run(name, page_sessions[:6], request, 4 * args.workers * args.threads * servers, 0)
    print(f"\n{servers} server(s), load average {os.getloadavg()[0]:.2f} at the start")
    print("| think s | offered req/s | requests | errors | req/s | p50 ms | p95 ms | p99 ms |")
    print("|---|---|---|---|---|---|---|---|")
    over = 0
    for think in RAMP_THINK:
        r = run("mix", sessions, any_page, args.requests, think)
        print(
            f"| {think} | {args.users / think:.0f} | {r['requests']} | {r['errors']} | {r['rps']} | {r['p50']} | "
            f"{r['p95']} | {r['p99']} |",
            flush=True,
        )
        over += r["p95"] > 100
        if over >= 2:
            break
    print(f"load average {os.getloadavg()[0]:.2f} at the end", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    _server.add_arguments(parser)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--agencies", type=int, default=20)
    parser.add_argument(
        "--servers", type=int, default=1, help="gunicorn servers over the same database"
    )
    parser.add_argument(
        "--ramp", action="store_true", help="find the throughput at p95 <= 100 ms (page mix)"
    )
    parser.add_argument("--port", type=int, help="the server's port (default: a free one)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="gongkai-load-") as tmp:
        server = _server.server(
            Path(tmp),
            args.backend,
            args,
            extra_env={
                "PORTAL_STATUS_LIMIT_PER_IP": "1000000",
                "PORTAL_SUBMIT_LIMIT_PER_IP": "1000000",
            },
        )
        if args.port:
            server.port, server.base = args.port, f"http://127.0.0.1:{args.port}"
        server.create()
        others: list[RealServer] = []
        try:
            t0 = time.perf_counter()
            seeded = json.loads(
                server.python(
                    SEED.format(
                        rows=args.rows,
                        agencies=args.agencies,
                        online=max(1, args.rows // 5),
                        users=args.users,
                    )
                )
            )
            print(
                f"# {args.backend}: {args.rows} applications stored in {time.perf_counter() - t0:.1f} s "
                f"(bulk_create {seeded['seconds']:.1f} s); {args.workers} gunicorn workers x {args.threads} threads; "
                f"{args.users} users, think time {args.think} s",
                flush=True,
            )
            # bulk_create bypasses the services, which keep the stored due date; fill it as a
            # deployment does after a bulk import.
            t1 = time.perf_counter()
            server.manage("recompute_due_dates")
            print(f"# stored due dates computed in {time.perf_counter() - t1:.1f} s", flush=True)
            if args.backend == "postgres":
                # What autovacuum does within a minute of a bulk import in a deployment: without
                # it the due-date pass leaves every row version dead, the visibility map empty and
                # the capped count reading the heap instead of the index (16 ms instead of 3).
                server.manage(
                    "shell",
                    "-c",
                    "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')",
                )
            ids = json.loads(server.python(SAMPLE_IDS))
            _server.start(server)
            for n in range(1, args.servers):
                (Path(tmp) / f"s{n}").mkdir()
                more = RealServer(
                    Path(tmp) / f"s{n}",
                    args.backend,
                    workers=args.workers,
                    threads=args.threads,
                    same_data_as=server,
                )
                more.start()
                others.append(more)
            bases = [server.base] + [o.base for o in others]
            handlers = [login(bases, u) for u in seeded["users"]]
            supervisors = [login(bases, "supervisor") for _ in range(args.users)]
            anonymous = [RoundRobin(bases) for _ in range(args.users)]
            api = [
                RoundRobin(bases, {"Authorization": f"Bearer {seeded['token']}"})
                for _ in range(args.users)
            ]
            for b in anonymous:
                b.csrf("/portal/status/")
            codes = seeded["codes"]

            def get(path):
                return lambda b, rnd: b.get(path)[0]

            def search_phone(b, rnd):
                return b.get(f"/staff/applications/?q={rnd.choice(codes)[1]}")[0]

            def status_lookup(b, rnd):
                code, phone = rnd.choice(codes)
                token = next(c.value for c in b.jar if c.name == "csrftoken")
                return b.post_form(
                    "/portal/status/", {"csrfmiddlewaretoken": token, "code": code, "phone": phone}
                )[0]

            pages = [
                ("staff list (handler, 1 agency)", handlers, get("/staff/applications/")),
                ("staff list, state filter", handlers, get("/staff/applications/?state=in_review")),
                ("staff list, page 40", handlers, get("/staff/applications/?page=40")),
                ("staff list (supervisor, all 100k)", supervisors, get("/staff/applications/")),
                ("staff list, due soon", handlers, get("/staff/applications/?due=soon")),
                # handler0's session for every user: the sampled ids are of handler0's agency.
                (
                    "staff detail",
                    [handlers[0]] * args.users,
                    lambda b, rnd: b.get(f"/staff/applications/{rnd.choice(ids)}/")[0],
                ),
                ("我的待办 (handler)", handlers, get("/staff/tasks/")),
                ("各机关统计 (supervisor, all 100k)", supervisors, get("/staff/overview/")),
                ("search by phone (supervisor, all 100k)", supervisors, search_phone),
                ("API list", api, get("/api/applications?page_size=50")),
                ("portal apply form", anonymous, get("/portal/apply/")),
                ("portal status look-up", anonymous, status_lookup),
            ]
            if args.ramp:
                # The same database and users, first through one server, then through all of them.
                everyone = {id(b): b for _, sessions, _ in pages for b in sessions}.values()
                for upto in sorted({1, len(bases)}):
                    for b in everyone:
                        b.turn = itertools.cycle(bases[:upto])
                    ramp(pages, args, upto)
                return 0
            _server.measure(pages, args)
        finally:
            for o in others:
                o.stop()
            server.stop()
            server.drop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
