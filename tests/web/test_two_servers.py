"""Two application servers and a worker over one PostgreSQL database, as in production behind
nginx: 100 portal submissions and 40 staff transitions at once, spread over both servers; half-way
through one server (master and workers) and the worker are killed with SIGKILL.

Afterwards: every request a client saw accepted is stored exactly once (and nothing is stored
twice); the portal's per-address limit held across both servers (the addresses come through a
trusted proxy in X-Forwarded-For); every stored submission has its mail job, and after the worker
is restarted every job has run, the one interrupted mid-mail included (its mail reached the
relay). A client whose server refuses the connection goes to the other one, as nginx does with
proxy_next_upstream; a request cut off after it was sent is not retried (nginx does not retry a
POST either), so it may or may not have been stored, but never twice.
"""

from __future__ import annotations

import email
import email.header
import json
import random
import socketserver
import threading
import time
import urllib.error
from concurrent.futures import ThreadPoolExecutor
from http.client import RemoteDisconnected

import pytest

from .conftest import valid_id
from .realserver import Browser, RealServer, postgres_admin_url

pytestmark = [
    pytest.mark.postgres_server,
    pytest.mark.skipif(postgres_admin_url() is None, reason="needs PostgreSQL (DATABASE_URL)"),
]

SUBMISSIONS, TRANSITIONS, ADDRESSES, LIMIT = 100, 40, 10, 8
WINDOW = 10**9  # one rate-limit window for the whole test (no window boundary mid-run)
MAIL_DELAY = 0.15  # a slow relay: the worker is busy in a job most of the time

SEED = """
import datetime as dt, json
TRANSITIONS = {TRANSITIONS}
from django.contrib.auth import get_user_model
from gongkai.agencies.models import Agency, Level, Membership
from gongkai.api.models import ApiToken
from gongkai.applications import services
a = Agency.objects.create(code="T01", name="双机测试局", level=Level.DEPARTMENT)
U = get_user_model().objects
reg = U.create_user("t_registrar", password="pw", email="registrar@example.org")
handler = U.create_user("t_handler", password="pw")
Membership.objects.create(user=reg, agency=a, role="registrar")
Membership.objects.create(user=handler, agency=a, role="handler")
ids = [services.register(actor=reg, agency=a, data={
    "applicant_type": "natural_person", "applicant_name": f"窗口{i}", "id_doc_type": "resident_id",
    "id_number": "11010519491231002X", "contact_phone": "13800000000", "description": "双机测试",
    "delivery_form": "paper", "channel": "in_person", "submitted_on": dt.date.today()}).pk for i in range(TRANSITIONS)]
print(json.dumps({"agency": a.pk, "ids": ids, "token": ApiToken.issue(handler, "t")[1]}))
"""

FACTS = """
import json
from django.db.models import Count
from django_tasks_db.models import DBTaskResult
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.portal.models import Submission
from gongkai.web import ratelimit
online = Application.objects.filter(channel="internet")
print(json.dumps({
    "names": list(online.values_list("applicant_name", flat=True)),
    "numbers": list(online.values_list("number", flat=True)),
    "submissions": Submission.objects.count(),
    "reviews": {str(r["application_id"]): r["n"] for r in ApplicationEvent.objects.filter(kind="review_started")
                .values("application_id").annotate(n=Count("id"))},
    "jobs": {s: DBTaskResult.objects.filter(status=s).count() for s in ("READY", "RUNNING", "SUCCESSFUL", "FAILED")},
    "job_args": sorted(r.args_kwargs["args"][0] for r in DBTaskResult.objects.all()),
    "counted": {ip: ratelimit.hits("submit-ip", ip, {WINDOW}) for ip in {ADDRESSES}},
}))
"""


class _Relay(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _SMTP)
        self.subjects: list[str] = []
        self.lock = threading.Lock()
        # hold(): the next message is kept inside DATA until release, so the test knows the worker
        # is in the middle of a job when it kills it (a slow relay alone leaves that to chance).
        self.holding = False
        self.held = threading.Event()
        self.released = threading.Event()

    def hold(self):
        self.holding = True

    def release(self):
        self.holding = False
        self.released.set()


class _SMTP(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's mail backend, slow on purpose."""

    def handle(self):
        self.wfile.write(b"220 relay\r\n")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                self.wfile.write(b"250 relay\r\n")
            elif verb == b"DATA":
                self.wfile.write(b"354 go\r\n")
                body = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    body += chunk
                if self.server.holding and not self.server.held.is_set():
                    self.server.held.set()
                    self.server.released.wait(60)
                    return  # the worker was killed meanwhile: nothing to answer
                time.sleep(MAIL_DELAY)
                message = email.message_from_bytes(body)
                subject = str(
                    email.header.make_header(email.header.decode_header(message["Subject"] or ""))
                )
                with self.server.lock:
                    self.server.subjects.append(subject)
                self.wfile.write(b"250 queued\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                self.wfile.write(b"250 ok\r\n")


def _refused(error: Exception) -> bool:
    reason = getattr(error, "reason", error)
    return isinstance(reason, ConnectionRefusedError)


def _lost(error: Exception) -> bool:
    reason = getattr(error, "reason", error)
    return isinstance(
        reason, (RemoteDisconnected, ConnectionResetError, BrokenPipeError, TimeoutError)
    )


class Cluster:
    def __init__(self, servers):
        self.servers = servers
        self.down: set[int] = set()

    def run(self, index: int, job):
        """Run job(base) on server index % 2; on a refused connection on the other one (nginx)."""
        order = [index % 2, 1 - index % 2]
        for which in order:
            if which in self.down and which != order[-1]:
                continue
            try:
                return job(self.servers[which].base)
            except (urllib.error.URLError, ConnectionError, RemoteDisconnected, TimeoutError) as e:
                if _refused(e):
                    continue
                if _lost(e):
                    return "lost"
                raise
        return "lost"


def _submit(agency: int, i: int, address: str):
    def job(base):
        browser = Browser(base, {"X-Forwarded-For": address})
        token = browser.csrf("/portal/apply/")
        status, body, headers = browser.post_form(
            "/portal/apply/",
            {
                "csrfmiddlewaretoken": token,
                "agency": agency,
                "applicant_type": "natural_person",
                "applicant_name": f"申请人{i}",
                "id_doc_type": "resident_id",
                "id_number": valid_id(f"110105199001{i:05d}"),
                "contact_phone": f"139{i:08d}",
                "description": f"第{i}号申请",
                "delivery_form": "electronic",
                "consent": "on",
            },
            {"id_document": ("id.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 256, "image/png")},
        )
        if (
            status == 302
        ):  # stored: the redirect is the acceptance, whatever happens to the next page
            try:
                page = browser.get(headers["Location"])
                assert page[0] == 200 and "查询码" in page[1].decode()
            except (urllib.error.URLError, ConnectionError, RemoteDisconnected, TimeoutError):
                pass
            return "accepted"
        assert status == 429, (status, body[:300])
        return "limited"

    return job


def _review(token: str, pk: int):
    def job(base):
        status, body, _ = Browser(base, {"Authorization": f"Bearer {token}"}).post_json(
            f"/api/applications/{pk}/transitions/start_review", {}
        )
        assert status in (200, 409), (status, body[:300])  # 409: a retried request found it done
        return "accepted" if status == 200 else "conflict"

    return job


def test_two_servers_and_a_worker_survive_a_kill_mid_run(tmp_path):
    relay = _Relay()
    threading.Thread(target=relay.serve_forever, daemon=True).start()
    env = {
        "TRUSTED_PROXIES": "127.0.0.1",
        "PORTAL_SUBMIT_LIMIT_PER_IP": str(LIMIT),
        "PORTAL_RATE_WINDOW": str(WINDOW),
        "EMAIL_TO_CONSOLE": "false",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(relay.server_address[1]),
        "EMAIL_TIMEOUT": "10",
    }
    a = RealServer(tmp_path / "a", "postgres", workers=2, threads=4, extra_env=env)
    (tmp_path / "b").mkdir()
    b = RealServer(tmp_path / "b", "postgres", workers=2, threads=4, same_data_as=a)
    a.create()
    try:
        a.start()
        b.start()
        a.start_worker("w1")
        seeded = json.loads(a.python(SEED.replace("{TRANSITIONS}", str(TRANSITIONS))))
        addresses = [f"198.51.100.{k + 1}" for k in range(ADDRESSES)]
        work = [
            ("submit", i, _submit(seeded["agency"], i, addresses[i % ADDRESSES]))
            for i in range(SUBMISSIONS)
        ]
        work += [("review", pk, _review(seeded["token"], pk)) for pk in seeded["ids"]]
        random.Random(16).shuffle(work)
        cluster = Cluster([a, b])
        results: dict[tuple[str, int], str] = {}
        done = threading.Semaphore(0)
        started = time.monotonic()

        def run(n, item):
            kind, key, job = item
            results[(kind, key)] = cluster.run(n, job)
            done.release()

        with ThreadPoolExecutor(max_workers=16) as pool:
            futures = [pool.submit(run, n, item) for n, item in enumerate(work)]
            for _ in range(len(work) * 2 // 5):
                done.acquire()
            # Kill the worker while it is inside a job (its mail held by the relay), then server B.
            relay.hold()
            inside_a_job = relay.held.wait(30)
            a.worker.kill()
            a.worker.wait()
            relay.release()
            b.crash()
            cluster.down.add(1)
            killed_at = sum(1 for _ in results)
            for f in futures:
                f.result()
        elapsed = time.monotonic() - started

        a.start_worker("w1")  # systemd's Restart=always, same worker id
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            facts = json.loads(
                a.python(
                    FACTS.replace("{ADDRESSES}", repr(addresses)).replace("{WINDOW}", str(WINDOW))
                )
            )
            if facts["jobs"]["READY"] == facts["jobs"]["RUNNING"] == 0:
                break
            time.sleep(1)
    finally:
        a.stop()
        b.stop()
        a.drop()
        relay.shutdown()

    counts = {
        f"{kind}:{v}": sum(1 for (k, _), r in results.items() if k == kind and r == v)
        for kind in ("submit", "review")
        for v in ("accepted", "limited", "lost", "conflict")
    }
    print(
        json.dumps(
            {
                "elapsed_s": round(elapsed, 1),
                "killed_after": killed_at,
                **counts,
                "jobs": facts["jobs"],
                "mails": len(relay.subjects),
            },
            ensure_ascii=False,
        )
    )

    # Submissions: every accepted one stored exactly once; none stored twice.
    names = facts["names"]
    accepted = {f"申请人{i}" for i in range(SUBMISSIONS) if results[("submit", i)] == "accepted"}
    assert len(names) == len(set(names)) == facts["submissions"]
    assert accepted <= set(names)
    stored_unaccepted = set(names) - accepted
    assert all(
        results[("submit", int(n.removeprefix("申请人")))] == "lost" for n in stored_unaccepted
    )
    # The per-address limit held across both servers.
    for k, address in enumerate(addresses):
        mine = [results[("submit", i)] for i in range(SUBMISSIONS) if i % ADDRESSES == k]
        assert mine.count("accepted") <= LIMIT, (address, mine)
        if "lost" not in mine:
            assert mine.count("accepted") == LIMIT and mine.count("limited") == len(mine) - LIMIT, (
                address,
                mine,
            )
        assert facts["counted"][address] >= mine.count("accepted") + mine.count("limited")
    assert counts["submit:limited"] >= SUBMISSIONS - ADDRESSES * LIMIT - counts["submit:lost"]
    # Transitions: exactly one event per accepted one, never two.
    for pk in seeded["ids"]:
        n = facts["reviews"].get(str(pk), 0)
        assert n <= 1
        if results[("review", pk)] == "accepted":
            assert n == 1
    # Jobs: one per stored submission, all run after the restart; every mail reached the relay.
    stored_ids = facts["job_args"]
    assert len(stored_ids) == facts["submissions"]
    assert facts["jobs"]["SUCCESSFUL"] == facts["submissions"] and facts["jobs"]["FAILED"] == 0
    mailed = {s.split()[-1] for s in relay.subjects}
    assert mailed == set(facts["numbers"])
    assert inside_a_job, (
        "no mail job started while the relay held: the worker was never killed mid-job"
    )
    assert any(
        "requeued interrupted jobs" in p.read_text() for p in (tmp_path / "a").glob("worker-*.log")
    )
