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
        [--dir FOLDER_OF_GENERATED_FILES] [--work FOLDER] [--dbname NAME]

Several machines (--machines M, PostgreSQL only, as root): M network namespaces, each joined to
this host by a veth pair (10.231.k.2 inside, 10.231.k.1 outside), each running --workers worker
processes whose DATABASE_URL is the host's veth address; there a TCP forwarder (socat) passes
the connection to the PostgreSQL server on 127.0.0.1 (so the server's own configuration is
untouched). The namespaces share this host's file system (the uploads' folder stands for the
shared mount of docs/deployment.md) and its CPU cores. After the batch, the database is asked
whether every report was claimed for checking once, stored once and finished, and how many each
machine checked (the audit jobs' return values, by worker id).

Sizes above the generated files (--sizes 100000) are made from them: copy c of the 10,000 gets
its agencies renamed (甲省某市…, 乙省某市…) in text, HTML and DOCX; the PDFs are hard links (the
same 100 reports under more names). Kept in --work and reused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse
import zipfile
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
start, cpu = time.perf_counter(), time.process_time()
batch, incoming = services.create_from_files(office, actor=user, title="基准", files=files)
print(json.dumps({{"batch": batch.pk, "taken": incoming.taken, "seconds": time.perf_counter() - start,
                  "cpu": time.process_time() - cpu}}))
"""

# Once the batch is done: was every report claimed for checking once (attempts), its result stored
# once (one 专栏 finding a report: the check writes exactly one), and finished? And who checked what
# (each audit job returns the number of reports it checked; its worker id names the machine).
VERIFY = """
SELECT
  (SELECT count(*) FROM audits_auditedreport WHERE batch_id = {batch}),
  (SELECT count(*) FROM audits_auditedreport WHERE batch_id = {batch} AND state = 'done'),
  (SELECT count(*) FROM audits_auditedreport WHERE batch_id = {batch} AND attempts = 1),
  (SELECT count(*) FROM (SELECT report_id FROM audits_auditfinding WHERE batch_id = {batch}
     AND rule LIKE 'ZHUANLAN-%' GROUP BY report_id HAVING count(*) > 1) AS twice),
  (SELECT count(*) FROM audits_auditedreport r WHERE batch_id = {batch} AND NOT r.not_a_report
     AND NOT EXISTS (SELECT 1 FROM audits_auditfinding f WHERE f.report_id = r.id
                     AND f.rule LIKE 'ZHUANLAN-%'))
"""
JOBS = """
SELECT worker_ids, return_value FROM django_tasks_database_dbtaskresult
WHERE task_path = 'gongkai.audits.tasks.audit_batch' AND status = 'SUCCESSFUL'
"""
NETNS = "gkaudit"


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


def _sql(server: RealServer, sql: str) -> list[tuple]:
    if server.backend == "sqlite":
        import sqlite3

        with sqlite3.connect(server.env["SQLITE_PATH"], timeout=30) as conn:
            return conn.execute(sql).fetchall()
    import psycopg

    with psycopg.connect(server.env["DATABASE_URL"], autocommit=True) as conn:
        return conn.execute(sql).fetchall()


def _batch_state(server: RealServer, batch: int) -> str:
    return _sql(server, f"SELECT state FROM audits_auditbatch WHERE id = {batch}")[0][0]


def _run(*cmd: str) -> None:
    subprocess.run(cmd, check=True, capture_output=True)


def machines_up(count: int) -> list[tuple[str, str, subprocess.Popen]]:
    """`count` network namespaces with a veth pair each and a forwarder to PostgreSQL on the host
    side: (namespace, the database host as seen from inside, forwarder)."""
    machines_down(count)
    out = []
    for k in range(count):
        ns, outside, inside = f"{NETNS}{k}", f"gka{k}h", f"gka{k}n"
        _run("ip", "netns", "add", ns)
        _run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside)
        _run("ip", "link", "set", inside, "netns", ns)
        _run("ip", "addr", "add", f"10.231.{k}.1/24", "dev", outside)
        _run("ip", "link", "set", outside, "up")
        for cmd in (("ip", "addr", "add", f"10.231.{k}.2/24", "dev", inside),
                    ("ip", "link", "set", inside, "up"), ("ip", "link", "set", "lo", "up")):  # fmt: skip
            _run("ip", "netns", "exec", ns, *cmd)
        forwarder = subprocess.Popen(
            ["socat", f"TCP-LISTEN:5432,bind=10.231.{k}.1,fork,reuseaddr", "TCP:127.0.0.1:5432"]
        )
        out.append((ns, f"10.231.{k}.1", forwarder))
    time.sleep(0.5)
    return out


def machines_down(count: int, forwarders=()) -> None:
    for f in forwarders:
        f.terminate()
        f.wait(timeout=10)
    for k in range(count):
        subprocess.run(["ip", "link", "del", f"gka{k}h"], capture_output=True)
        subprocess.run(["ip", "netns", "del", f"{NETNS}{k}"], capture_output=True)


def measure(
    folder: Path, size: int, workers: int, backend: str, workdir: Path, *, machines: int = 0,
    dbname: str | None = None,
) -> dict:  # fmt: skip
    jobs = workers * max(1, machines)  # one audit job for every worker
    server = RealServer(
        workdir, backend, extra_env={"AUDIT_JOBS_PER_BATCH": str(jobs), "PYTHONPATH": str(ROOT)}
    )
    if dbname and server.dbname:
        server.dbname = dbname
        url = urllib.parse.urlparse(server.env["DATABASE_URL"])
        server.env["DATABASE_URL"] = url._replace(path="/" + dbname).geturl()
        server.drop()
    server.create()
    hosts = machines_up(machines) if machines else []
    procs: list[tuple[str, subprocess.Popen]] = []
    try:
        made = json.loads(
            server.python(MAKE_BATCH.format(folder=str(folder)), timeout=7200)
            .strip()
            .splitlines()[-1]
        )
        load_before = Path("/proc/loadavg").read_text().split()[:3]
        started = dt.datetime.now(dt.UTC)
        start = time.perf_counter()
        for m in range(max(1, machines)):
            env, prefix, name = dict(server.env), [], "local"
            if machines:
                ns, db_host, _ = hosts[m]
                url = urllib.parse.urlparse(env["DATABASE_URL"])
                env["DATABASE_URL"] = url._replace(netloc=f"{url.username}@{db_host}:5432").geturl()
                prefix, name = ["ip", "netns", "exec", ns], f"m{m}"
            for k in range(workers):
                log = open(workdir / f"worker-{name}-{k}.log", "w")
                cmd = [*prefix, PYTHON, str(ROOT / "manage.py"), "worker",
                       "--worker-id", f"{name}-w{k}", "--interval", "0.2"]  # fmt: skip
                proc = subprocess.Popen(
                    cmd, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
                )
                procs.append((name, proc))
        peak = {p.pid: 0 for _, p in procs}
        cpu = {p.pid: 0.0 for _, p in procs}
        samples = []
        while True:
            for _, p in procs:
                peak[p.pid] = max(peak[p.pid], _rss_kb(p.pid))
                cpu[p.pid] = max(cpu[p.pid], _cpu_seconds(p.pid))
            samples.append(max(_rss_kb(p.pid) for _, p in procs))
            if _batch_state(server, made["batch"]) == "done":
                break
            if any(p.poll() is not None for _, p in procs):
                raise RuntimeError(f"a worker died: see {workdir}")
            time.sleep(0.5)
        wall = time.perf_counter() - start
        load_after = Path("/proc/loadavg").read_text().split()[:3]
        total, done, once, twice, unstored = _sql(server, VERIFY.format(batch=made["batch"]))[0]
        checked_by: dict[str, int] = {}
        for ids, value in _sql(server, JOBS):
            ids = json.loads(ids) if isinstance(ids, str) else ids
            value = json.loads(value) if isinstance(value, str) else value
            machine = ids[-1].rsplit("-w", 1)[0]
            checked_by[machine] = checked_by.get(machine, 0) + int(value or 0)
        third = max(1, len(samples) // 3)
        return {
            "files": size, "taken": made["taken"], "backend": backend, "machines": machines,
            "workers": workers, "started_utc": started.strftime("%Y-%m-%d %H:%M"),
            "make_batch_s": round(made["seconds"], 1), "make_batch_cpu_s": round(made["cpu"], 1),
            "check_wall_s": round(wall, 1), "reports_per_s": round(made["taken"] / wall, 1),
            "workers_cpu_s": round(sum(cpu.values()), 1),
            "peak_worker_rss_mb": round(max(peak.values()) / 1024),
            # Flat memory: the largest worker's RSS in the first and last third of the run.
            "rss_first_third_mb": round(max(samples[:third]) / 1024),
            "rss_last_third_mb": round(max(samples[-third:]) / 1024),
            "load_before": " ".join(load_before), "load_after": " ".join(load_after),
            "reports": total, "done": done, "claimed_once": once, "stored_twice": twice,
            "not_stored": unstored, "checked_by": checked_by,
        }  # fmt: skip
    finally:
        for _, p in procs:
            p.terminate()
        for _, p in procs:
            p.wait(timeout=60)
        if machines:
            machines_down(machines, [f for _, _, f in hosts])
        server.drop()


def scaled(source: Path, size: int, into: Path) -> Path:
    """A folder of `size` files made from the generated ones (see the module's docstring)."""
    folder = into / f"n{size}"
    if folder.is_dir() and len(list(folder.iterdir())) == size:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    originals = sorted(source.iterdir())
    provinces = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"
    for i in range(size):
        path, copy = originals[i % len(originals)], i // len(originals)
        target = folder / f"c{copy:02d}-{path.name}"
        if copy == 0 or path.suffix == ".pdf":
            os.link(path, target)
            continue
        rename = ("某市".encode(), f"{provinces[copy - 1]}省某市".encode())
        data = path.read_bytes()
        if path.suffix == ".docx":
            out = io.BytesIO()
            with (
                zipfile.ZipFile(io.BytesIO(data)) as zin,
                zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout,
            ):
                for item in zin.infolist():
                    zout.writestr(item, zin.read(item).replace(*rename))
            data = out.getvalue()
        else:
            data = data.replace(*rename)
        target.write_bytes(data)
    return folder


def markdown(results: list[dict]) -> str:
    lines = [
        "| files | backend | machines × workers | make batch (CPU) | check (wall) | reports/s | workers' CPU | largest worker RSS | first → last third | load before → after | started (UTC) |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['files']:,} | {r['backend']} | {max(1, r['machines'])} × {r['workers']} | {r['make_batch_s']} s ({r['make_batch_cpu_s']} s) "
            f"| {r['check_wall_s']} s | {r['reports_per_s']} | {r['workers_cpu_s']} s | {r['peak_worker_rss_mb']} MB "
            f"| {r['rss_first_third_mb']} → {r['rss_last_third_mb']} MB | {r['load_before']} → {r['load_after']} | {r['started_utc']} |"
        )  # fmt: skip
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=2, help="worker processes (per machine)")
    parser.add_argument("--machines", type=int, default=0, help="network namespaces (PostgreSQL)")
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--dir", type=Path, default=ROOT / "var" / "bench" / "bulk_audit")
    parser.add_argument(
        "--work", type=Path, help="databases, uploads, scaled files (default: next to --dir)"
    )
    parser.add_argument(
        "--dbname", help="the PostgreSQL database to (re)create (default: a random name)"
    )
    args = parser.parse_args()
    if args.machines and args.backend != "postgres":
        parser.error("--machines shares a PostgreSQL queue: use --backend postgres")
    work = args.work or args.dir.parent
    generated = min(max(args.sizes), 10000)
    all_files = bulk_audit.generate(args.dir, generated, 2)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    results = []
    for size in args.sizes:
        if size <= generated:
            folder = bulk_audit.subset(args.dir, all_files, size)
        else:
            folder = scaled(bulk_audit.subset(args.dir, all_files, generated), size, work)
        tag = f"m{args.machines}" if args.machines else "local"
        workdir = work / f"web-{args.backend}-{tag}-{size}"
        shutil.rmtree(workdir, ignore_errors=True)
        result = measure(folder, size, args.workers, args.backend, workdir,
                         machines=args.machines, dbname=args.dbname)  # fmt: skip
        result["commit"] = commit
        results.append(result)
        print(json.dumps(result, ensure_ascii=False), flush=True)
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
