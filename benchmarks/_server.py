"""What the load benchmarks share: a gunicorn server over the benchmark's database and the
measuring loop that prints one Markdown row per page type (benchmarks/load_staff_portal.py,
benchmarks/zfxxgk_load.py)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.web.realserver import RealServer  # noqa: E402


def server(workdir: Path, backend: str, args, **kwargs) -> RealServer:
    """A server with the benchmark's worker settings (--workers, --threads). A benchmark stopped
    by SIGTERM (timeout, kill) still runs its `finally` and stops the server."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    return RealServer(workdir, backend, workers=args.workers, threads=args.threads, **kwargs)


def start(server: RealServer) -> None:
    """Start the server with this process's priority. Under the kernel's autogroup scheduling a
    nice value ranks a process only within its session, and the server runs in a session of its
    own: `nice -n -10` reaches it, and this client, only through their sessions' autogroups."""
    server.start()
    for pid in (server.process.pid, os.getpid()):
        _autogroup(pid, os.nice(0))  # where not allowed: the plain nice value then


def _autogroup(pid: int, nice: int) -> int | None:
    """Give the autogroup (session) of `pid` the niceness `nice`; its previous niceness, or None
    where there are no autogroups or the change is not allowed."""
    path = Path(f"/proc/{pid}/autogroup")
    try:
        before = int(path.read_text().split()[-1])
        path.write_text(str(nice))
    except (OSError, ValueError):
        return None
    return before


@contextlib.contextmanager
def database_priority(backend: str):
    """The local PostgreSQL server at this process's priority while the block runs, as the
    server and the client are (`start`): its processes share one autogroup, which otherwise
    weighs as much as one busy process of any other session however many requests wait on it."""
    postmaster = None
    if backend == "postgres":  # the oldest process of that name: the server, parent of the rest
        found = subprocess.run(["pgrep", "-o", "-x", "postgres"], capture_output=True, text=True)
        postmaster = int(found.stdout.split()[0]) if found.stdout.strip() else None
    before = _autogroup(postmaster, os.nice(0)) if postmaster else None
    try:
        yield
    finally:
        if before is not None:
            _autogroup(postmaster, before)


def add_arguments(parser) -> None:
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
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


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def cpu_ticks() -> tuple[int, int, int]:
    """(idle, stolen, all) CPU ticks of the machine since boot (/proc/stat): a virtual machine
    whose host is busy loses time to other guests ("steal"), which slows every request alike."""
    with open("/proc/stat") as f:
        user, nice, system, idle, iowait, irq, softirq, steal = map(int, f.readline().split()[1:9])
    return idle + iowait, steal, user + nice + system + idle + iowait + irq + softirq + steal


def _share(before: tuple[int, int, int], after: tuple[int, int, int], k: int) -> float:
    return 100 * (after[k] - before[k]) / max(1, after[2] - before[2])


def measure(pages, args) -> None:
    """Each page type in turn: a warm-up (every worker has loaded its code and templates, not
    measured), then `args.requests` requests from the page's sessions; a Markdown row each."""
    from benchmarks.load_staff_portal import run

    only = set(args.only.split(",")) if args.only else None
    print(f"load average before: {loadavg()}", flush=True)
    print(
        "| page | requests | errors | req/s | p50 ms | p95 ms | p99 ms | load avg | idle % | steal % |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, sessions, request in pages:
        if only and not any(o in name for o in only):
            continue
        run(name, sessions[:6], request, 4 * args.workers * args.threads, 0)
        before = cpu_ticks()
        r = run(name, sessions, request, args.requests, args.think)
        after = cpu_ticks()
        print(
            f"| {r['page']} | {r['requests']} | {r['errors']} | {r['rps']} | {r['p50']} | "
            f"{r['p95']} | {r['p99']} | {os.getloadavg()[0]:.2f} | "
            f"{_share(before, after, 0):.0f} | {_share(before, after, 1):.0f} |",
            flush=True,
        )
    print(f"load average after: {loadavg()}", flush=True)
