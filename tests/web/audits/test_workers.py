"""Real worker processes (manage.py worker) share a batch over a real database — a SQLite file,
and PostgreSQL when DATABASE_URL names one: one is killed with SIGKILL mid-batch and restarted;
every report is checked and its findings stored exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import pytest

from gongkai.audits.tasks import CHECK_CHUNK

from ..realserver import PYTHON, ROOT, RealServer, postgres_admin_url

REPORTS = 200

SEED = f"""
from django.contrib.auth import get_user_model
from gongkai.agencies.models import Agency, Level, Membership, Role
from gongkai.audits import services
from gongkai.report.writers import write
from tests.web.audits.conftest import report_of

office = Agency.objects.create(code="D01", name="示范区人民政府", level=Level.GOVERNMENT)
user = get_user_model().objects.create_user("sup", password="pw")
Membership.objects.create(user=user, agency=office, role=Role.SUPERVISOR)
files = [(f"u{{i}}.txt", lambda i=i: write(report_of(f"示范区第{{i}}局", 2024), "txt")) for i in range({REPORTS})]
print(services.create_from_files(office, actor=user, title="并发", files=files)[0].pk)
"""

BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=pytest.mark.skipif(postgres_admin_url() is None, reason="needs DATABASE_URL"),
    ),
]


def _connect(server: RealServer):
    if server.backend == "sqlite":
        import sqlite3

        return sqlite3.connect(server.env["SQLITE_PATH"], timeout=30)
    import psycopg

    return psycopg.connect(server.env["DATABASE_URL"], autocommit=True)


def _rows(conn, sql: str):
    cur = conn.cursor()
    cur.execute(sql)
    return cur.fetchall()


def _worker(server: RealServer, worker_id: str) -> subprocess.Popen:
    log = open(server.workdir / f"worker-{worker_id}.log", "a")
    return subprocess.Popen(
        [PYTHON, str(ROOT / "manage.py"), "worker", "--worker-id", worker_id, "--interval", "0.2"],
        env=server.env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _running_on(conn, worker_id: str) -> bool:
    """Whether the worker holds one of the batch jobs now."""
    return any(
        worker_id in (json.loads(ids) if isinstance(ids, str) else ids)
        for (ids,) in _rows(
            conn,
            "SELECT worker_ids FROM django_tasks_database_dbtaskresult "
            "WHERE task_path = 'gongkai.audits.tasks.audit_batch' AND status = 'RUNNING'",
        )
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_workers_share_a_batch_and_a_killed_one_resumes_it(backend, tmp_path):
    server = RealServer(tmp_path, backend, extra_env={"PYTHONPATH": str(ROOT)})
    server.create()
    workers = []
    try:
        batch = int(server.python(SEED).strip().splitlines()[-1])
        conn = _connect(server)
        workers = [_worker(server, "w1"), _worker(server, "w2")]
        deadline = time.monotonic() + 180
        # Kill w1 mid-job: wait until it holds one of the batch's jobs (on a loaded machine w2
        # may check the first reports before w1 has even started) and reports are being checked.
        while not (
            _running_on(conn, "w1")
            and _rows(
                conn,
                f"SELECT count(*) FROM audits_auditedreport WHERE batch_id={batch} AND state<>'pending'",
            )[0][0]
            >= 20
        ):
            assert time.monotonic() < deadline, "the workers did not start"
            time.sleep(0.02)
        os.kill(workers[0].pid, signal.SIGKILL)  # mid-batch, maybe mid-report
        workers[0].wait()
        left = _rows(
            conn,
            f"SELECT count(*) FROM audits_auditedreport WHERE batch_id={batch} AND state IN ('pending','checking')",
        )[0][0]
        workers[0] = _worker(server, "w1")  # restarted under its stable id
        while _rows(conn, f"SELECT state FROM audits_auditbatch WHERE id={batch}")[0][0] != "done":
            assert time.monotonic() < deadline, "the batch did not finish"
            time.sleep(0.2)
        states = dict(
            _rows(
                conn,
                f"SELECT state, count(*) FROM audits_auditedreport WHERE batch_id={batch} GROUP BY state",
            )
        )
        assert states == {"done": REPORTS}
        # Each report's findings stored once: one 专栏 finding and one cross-year finding apiece.
        per_report = _rows(
            conn,
            f"SELECT report_id, count(*) FROM audits_auditfinding WHERE batch_id={batch} "
            "AND rule IN ('ZHUANLAN-NOT-CHECKED', 'X-YEAR-NO-PREVIOUS') GROUP BY report_id",
        )
        assert len(per_report) == REPORTS and {n for _, n in per_report} == {2}
        # Claims: one per report, plus the chunk the killed worker held (the one it was checking
        # and those it had not begun), claimed again after the kill.
        attempts = dict(
            _rows(
                conn,
                f"SELECT attempts, count(*) FROM audits_auditedreport WHERE batch_id={batch} GROUP BY attempts",
            )
        )
        assert set(attempts) <= {1, 2} and attempts.get(2, 0) <= CHECK_CHUNK
        # Both workers ran the batch's jobs; what the finished jobs checked adds up to no more than
        # the batch (the killed job's checks before the kill are not in its count).
        jobs = _rows(
            conn,
            "SELECT worker_ids, return_value, status FROM django_tasks_database_dbtaskresult "
            "WHERE task_path = 'gongkai.audits.tasks.audit_batch'",
        )
        ran = {w for ids, _, _ in jobs for w in (json.loads(ids) if isinstance(ids, str) else ids)}
        assert ran == {"w1", "w2"}
        counted = sum(
            int(json.loads(v) if isinstance(v, str) else v)
            for _, v, status in jobs
            if status == "SUCCESSFUL"
        )
        assert counted <= REPORTS
        assert left > 0, "the kill came after the batch was checked: nothing was resumed"
        conn.close()
    finally:
        for w in workers:
            if w.poll() is None:
                w.terminate()
                w.wait(timeout=20)
        server.drop()
