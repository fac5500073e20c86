"""Bulk audit through the web path: report files taken into a batch (as an upload is, file by file
into the private storage), then checked by `manage.py worker` processes sharing the django-tasks
database queue, each claiming reports one at a time (gongkai.audits).

The files are those of benchmarks/bulk_audit.py (60 % text, 20 % HTML, 10 % DOCX, 10 % PDF; five
consecutive years of each agency, so the cross-year step pairs most reports), generated once into
--dir and reused. For each size, over a fresh database (a SQLite file, or a new database on the
PostgreSQL server of DATABASE_URL with --backend postgres):

1. the batch is made (`services.create_from_files`, in a subprocess): wall-clock time;
2. --workers worker processes start, and the time runs until the batch is DONE; every 0.5 s this
   script samples each worker's resident memory from /proc. Printed: wall-clock seconds, reports
   per second, the workers' CPU seconds, peak RSS of the largest worker, and the load average.

    .venv/bin/python benchmarks/bulk_audit_web.py [--sizes 1000 10000] [--workers 2] [--backend sqlite]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import bulk_audit  # noqa: E402  (the generated files)
from tests.web.realserver import PYTHON, RealServer  # noqa: E402

MAKE_BATCH = """
import json, time
from pathlib import Path
from django.contrib.auth import get_user_model
from gongkai.agencies.models import Agency, Level, Membership, Role
from gongkai.audits import services

office = Agency.objects.create(code="BENCH", name="基准测试区人民政府", level=Level.GOVERNMENT)
user = get_user_model().objects.create_user("bench", password="pw")
Membership.objects.create(user=user, agency=office, role=Role.SUPERVISOR)
folder = Path({folder!r})
files = [(p.name, p.read_bytes) for p in sorted(folder.iterdir())]
start = time.perf_counter()
batch, incoming = services.create_from_files(office, actor=user, title="基准", files=files)
print(json.dumps({{"batch": batch.pk, "taken": incoming.taken, "seconds": time.perf_counter() - start}}))
"""


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _batch_state(server: RealServer, batch: int):
    sql = f"SELECT state FROM audits_auditbatch WHERE id = {batch}"
    if server.backend == "sqlite":
        import sqlite3

        with sqlite3.connect(server.env["SQLITE_PATH"], timeout=30) as conn:
            return conn.execute(sql).fetchone()[0]
    import psycopg

    with psycopg.connect(server.env["DATABASE_URL"], autocommit=True) as conn:
        return conn.execute(sql).fetchone()[0]


def measure(folder: Path, size: int, workers: int, backend: str, workdir: Path) -> dict:
    server = RealServer(
        workdir, backend, extra_env={"AUDIT_JOBS_PER_BATCH": str(workers), "PYTHONPATH": str(ROOT)}
    )
    server.create()
    try:
        made = json.loads(
            server.python(MAKE_BATCH.format(folder=str(folder)), timeout=3600)
            .strip()
            .splitlines()[-1]
        )
        load_before = os.getloadavg()
        start = time.perf_counter()
        procs = []
        for k in range(workers):
            log = open(workdir / f"worker-{k}.log", "w")
            procs.append(
                subprocess.Popen(
                    [
                        PYTHON,
                        str(ROOT / "manage.py"),
                        "worker",
                        "--worker-id",
                        f"bench-{k}",
                        "--interval",
                        "0.2",
                    ],
                    env=server.env,
                    cwd=ROOT,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        peak = {p.pid: 0 for p in procs}
        cpu = {p.pid: 0.0 for p in procs}
        samples = []
        while True:
            for p in procs:
                peak[p.pid] = max(peak[p.pid], _rss_kb(p.pid))
                cpu[p.pid] = max(cpu[p.pid], _cpu_seconds(p.pid))
            samples.append(max(_rss_kb(p.pid) for p in procs))
            if _batch_state(server, made["batch"]) == "done":
                break
            if any(p.poll() is not None for p in procs):
                raise RuntimeError(f"a worker died: see {workdir}")
            time.sleep(0.5)
        wall = time.perf_counter() - start
        load_after = os.getloadavg()
        for p in procs:
            p.terminate()
            p.wait(timeout=30)
        third = max(1, len(samples) // 3)
        return {
            "files": size, "taken": made["taken"], "backend": backend, "workers": workers,
            "make_batch_s": round(made["seconds"], 1), "check_wall_s": round(wall, 1),
            "reports_per_s": round(made["taken"] / wall, 1), "workers_cpu_s": round(sum(cpu.values()), 1),
            "peak_worker_rss_mb": round(max(peak.values()) / 1024),
            # Flat memory: the largest worker's RSS in the first and last third of the run.
            "rss_first_third_mb": round(max(samples[:third]) / 1024),
            "rss_last_third_mb": round(max(samples[-third:]) / 1024),
            "load_before": [round(x, 1) for x in load_before], "load_after": [round(x, 1) for x in load_after],
        }  # fmt: skip
    finally:
        server.drop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--dir", type=Path, default=ROOT / "var" / "bench" / "bulk_audit")
    args = parser.parse_args()
    all_files = bulk_audit.generate(args.dir, max(args.sizes), args.workers)
    for size in args.sizes:
        folder = bulk_audit.subset(args.dir, all_files, size)
        workdir = args.dir.parent / f"web-{args.backend}-{size}"
        import shutil

        shutil.rmtree(workdir, ignore_errors=True)
        result = measure(folder, size, args.workers, args.backend, workdir)
        print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
