"""Fuzz every report reader with generated and mutated inputs (tests/fuzzing.py).

    .venv/bin/python benchmarks/fuzz_readers.py run --total 1000000 [--seed 1] [--workers N]
    .venv/bin/python benchmarks/fuzz_readers.py summary           # figures for docs/fuzzing.md
    .venv/bin/python benchmarks/fuzz_readers.py replay 1:12345    # one input: class, outcome, traceback
    .venv/bin/python benchmarks/fuzz_readers.py recheck           # recorded crashes and slow inputs, now

Inputs go in chunks, three to a round of worker processes (a new round runs the code as it
is when it starts); finished chunks are appended to
STATE/chunks-SEED.jsonl and skipped when the run is started again (resumable), progress goes to
STATE/progress.log. Times are CPU times of the worker (the machine is shared: wall time would
measure the load). Each input has 10 s of CPU before it is stopped and counted as a hang (60 s
when the time goes in C code, which only the kernel's CPU limit stops, killing the worker: the
parent then names the input and the chunk goes on without it); a worker may use 4 GB. Workers run at nice 10; with no --workers, two when the machine's load average is
below 1, else one.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import signal
import subprocess
import sys
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import fuzzing  # noqa: E402

DEFAULT_STATE = Path(os.environ.get("GONGKAI_FUZZ_STATE", "/tmp/gongkai-fuzz"))
HANG_SECONDS = 10


class _Hang(BaseException):  # BaseException: readers' `except Exception` must not swallow it
    pass


def _on_alarm(signum, frame):
    raise _Hang


def _seeds(state: Path) -> tuple[fuzzing.Seed, ...]:
    state.mkdir(parents=True, exist_ok=True)
    path = state / "seeds.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    seeds = fuzzing.all_seeds()
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(pickle.dumps(seeds))
    tmp.replace(path)
    return seeds


def run_chunk(args: tuple[Path, int, int, int, str, tuple[int, ...]]) -> dict:
    """Run one chunk; `skip` holds inputs that killed a worker before (recorded as crashes)."""
    state, seed, chunk, size, code, skip = args
    os.nice(max(0, 10 - os.nice(0)))  # nice 10 (not 10 more when started under nice)
    resource.setrlimit(resource.RLIMIT_AS, (4 * 2**30, 4 * 2**30))
    signal.signal(signal.SIGPROF, _on_alarm)
    seeds = _seeds(state)
    by_reader: Counter = Counter()
    results: Counter = Counter()
    crashes: list[dict] = []
    slowest: dict[str, dict] = {}
    slowest_100k: dict[str, dict] = {}
    over_budget: list[dict] = []
    started, cpu = time.time(), resource.getrusage(resource.RUSAGE_SELF).ru_utime
    # The input being read, for the parent to name when this process dies (a crash in C code).
    marker = os.open(state / f"running-{seed}-{chunk}", os.O_WRONLY | os.O_CREAT)
    for index in range(chunk * size, (chunk + 1) * size):
        os.pwrite(marker, b"%12d" % index, 0)
        # The alarm cannot stop C code (lexbor, pdfium); the kernel can: past 60 s of CPU on one
        # input the worker is killed, and the parent names the input.
        used = resource.getrusage(resource.RUSAGE_SELF)
        resource.setrlimit(
            resource.RLIMIT_CPU, (int(used.ru_utime + used.ru_stime) + 60, resource.RLIM_INFINITY)
        )
        label, data = fuzzing.make_input(seed, index, seeds)
        if index in skip:
            by_reader["?"] += 1
            results["?:crash"] += 1
            crashes.append(
                {
                    "index": index,
                    "class": label,
                    "reader": "?",
                    "size": len(data),
                    "seconds": 0,
                    "detail": "worker died (a crash in C code, or over 60 s of CPU in C code)",
                }
            )
            continue
        signal.setitimer(signal.ITIMER_PROF, HANG_SECONDS)
        try:
            outcome = fuzzing.exercise(data)
        except _Hang:
            outcome = fuzzing.Outcome(
                "?", "crash", f"hang: stopped after {HANG_SECONDS} s", HANG_SECONDS
            )
        except MemoryError:
            outcome = fuzzing.Outcome("?", "crash", "MemoryError", 0.0)
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        by_reader[outcome.reader] += 1
        results[f"{outcome.reader}:{outcome.result}"] += 1
        record = {
            "index": index,
            "class": label,
            "reader": outcome.reader,
            "size": len(data),
            "seconds": round(outcome.seconds, 4),
        }
        if outcome.result == "crash":
            crashes.append({**record, "detail": outcome.detail})
        # Every budget is 1 s at least: most inputs are never inflated to compute theirs.
        if outcome.seconds > 1.0 and outcome.seconds > fuzzing.budget(data):
            over_budget.append(record)
        if outcome.seconds > slowest.get(outcome.reader, {}).get("seconds", -1):
            slowest[outcome.reader] = record
        if 90_000 <= len(data) <= 110_000 and outcome.seconds > slowest_100k.get(
            outcome.reader, {}
        ).get("seconds", -1):
            slowest_100k[outcome.reader] = record
    os.close(marker)
    os.unlink(state / f"running-{seed}-{chunk}")
    return {
        "chunk": chunk,
        "seed": seed,
        "size": size,
        "code": code,
        "started": started,
        "seconds": round(time.time() - started, 2),
        "cpu_seconds": round(resource.getrusage(resource.RUSAGE_SELF).ru_utime - cpu, 2),
        "load": os.getloadavg(),
        "by_reader": by_reader,
        "results": results,
        "crashes": crashes,
        "slowest": slowest,
        "slowest_100k": slowest_100k,
        "over_budget": over_budget,
    }


def _code_version() -> str:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()

    return git("rev-parse", "--short", "HEAD") + (
        "+dirty" if git("status", "--porcelain", "src") else ""
    )


def _done(state: Path) -> list[dict]:
    """Every finished chunk of every run in STATE (one file per seed, so that runs of two seeds
    can go side by side)."""
    chunks = []
    for path in sorted(state.glob("chunks*.jsonl")):
        chunks += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return chunks


def run(args) -> None:
    state = Path(args.state)
    state.mkdir(parents=True, exist_ok=True)
    _seeds(state)  # written once, before the workers read it
    done = {(c["seed"], c["chunk"]) for c in _done(state)}
    todo = [k for k in range(args.total // args.chunk) if (args.seed, k) not in done]
    workers = args.workers or (2 if os.getloadavg()[0] < 1.0 else 1)
    log = (state / "progress.log").open("a")
    print(
        f"{time.strftime('%H:%M:%S')} start: {len(todo)} chunks of {args.chunk} to run, {workers} worker(s), load {os.getloadavg()}",
        file=log,
        flush=True,
    )
    ctx = get_context("spawn")  # a new worker imports the code as it is now, fixes included
    skips: dict[int, tuple[int, ...]] = {}
    with (state / f"chunks-{args.seed}.jsonl").open("a") as out:
        while todo:
            # A new pool each round of three chunks a worker (new workers import the code as it
            # is now), and after a worker dies (the pool is then broken). max_tasks_per_child
            # would do the first, but Python 3.11's pool can stop replacing its workers.
            with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
                futures = {
                    pool.submit(
                        run_chunk,
                        (state, args.seed, k, args.chunk, _code_version(), skips.get(k, ())),
                    ): k
                    for k in todo[: 3 * workers]
                }
                for future in as_completed(futures):
                    k = futures[future]
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        marker = state / f"running-{args.seed}-{k}"
                        if marker.exists() and marker.read_text().strip():
                            culprit = int(marker.read_text())
                            skips[k] = (*skips.get(k, ()), culprit)
                            print(
                                f"{time.strftime('%H:%M:%S')} chunk {k}: worker died at input {args.seed}:{culprit}",
                                file=log,
                                flush=True,
                            )
                        continue
                    todo.remove(k)
                    out.write(json.dumps(result, ensure_ascii=False) + "\n")
                    out.flush()
                    total = sum(c["size"] for c in _done(state))
                    print(
                        f"{time.strftime('%H:%M:%S')} chunk {k} done in {result['seconds']} s "
                        f"({result['size'] / max(result['seconds'], 1e-9):.0f}/s, {result['cpu_seconds']} s CPU), "
                        f"crashes {len(result['crashes'])}, total {total}, load {result['load']}",
                        file=log,
                        flush=True,
                    )


def summary(args) -> None:
    chunks = _done(Path(args.state))
    if args.seed is not None:
        chunks = [c for c in chunks if c["seed"] == args.seed]
    if args.code:
        chunks = [c for c in chunks if c["code"] in args.code]
    by_reader: Counter = Counter()
    results: Counter = Counter()
    crash_kinds: dict[str, dict] = {}
    slowest: dict[str, dict] = {}
    slowest_100k: dict[str, dict] = {}
    over = []
    loads = []
    per_code: Counter = Counter()
    for c in chunks:
        by_reader.update(c["by_reader"])
        results.update(c["results"])
        per_code[c["code"]] += c["size"]
        loads.append(c["load"][0])
        over += c["over_budget"]
        for crash in c["crashes"]:
            crash = {**crash, "seed": c["seed"]}
            key = crash["detail"].split(" (")[0][:160]
            entry = crash_kinds.setdefault(key, {"count": 0, "first": crash, "classes": Counter()})
            entry["count"] += 1
            entry["classes"][
                crash["class"].split(":")[0] + ":" + crash["class"].rsplit(":", 1)[-1]
            ] += 1
        for name, target in (("slowest", slowest), ("slowest_100k", slowest_100k)):
            for reader, rec in c[name].items():
                if rec["seconds"] > target.get(reader, {}).get("seconds", -1):
                    target[reader] = {**rec, "seed": c["seed"]}
    total = sum(c["size"] for c in chunks)
    wall = sum(c["seconds"] for c in chunks)
    cpu = sum(c.get("cpu_seconds", 0) for c in chunks)
    print(
        f"inputs: {total} in {len(chunks)} chunks; worker time {wall / 3600:.2f} h ({cpu / 3600:.2f} h of CPU); load average (1 min) at chunk ends: min {min(loads, default=0):.2f}, mean {sum(loads) / max(1, len(loads)):.2f}, max {max(loads, default=0):.2f}"
    )
    print(f"code versions: {dict(per_code)}")
    print(
        "\n| reader | inputs | report | error | crash | slowest (s) | its size (bytes) | slowest ~100 KB (s) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for reader, n in by_reader.most_common():
        s, h = slowest.get(reader, {}), slowest_100k.get(reader, {})
        print(
            f"| {reader} | {n} | {results[f'{reader}:report']} | {results[f'{reader}:error']} | {results[f'{reader}:crash']} "
            f"| {s.get('seconds', '')} | {s.get('size', '')} | {h.get('seconds', '–')} |"
        )
    print(f"\ncrash kinds: {len(crash_kinds)}")
    for key, entry in sorted(crash_kinds.items(), key=lambda kv: -kv[1]["count"]):
        first = entry["first"]
        print(
            f"- {entry['count']} × {key}\n  first: {first['seed'] if 'seed' in first else args.seed}:{first['index']} {first['class']}; classes {dict(entry['classes'].most_common(4))}"
        )
    print(f"\nover the time budget (1 s per 100 KB, inflated): {len(over)}")
    for rec in sorted(over, key=lambda r: -r["seconds"])[:15]:
        print(
            f"- {rec['seconds']} s, {rec['size']} bytes, {rec['reader']}, #{rec['index']} {rec['class']}"
        )
    for reader, rec in slowest.items():
        print(
            f"slowest {reader}: {rec['seconds']} s, {rec['size']} bytes, {rec['seed']}:{rec['index']} {rec['class']}"
        )


def recheck(args) -> None:
    """Every input the run recorded as a crash or over budget, read again by the code as it is
    now (each in a child process with a CPU limit, so a hang in C code cannot stop this)."""
    state = Path(args.state)
    seen = set()
    for c in _done(state):
        for rec in c["crashes"] + c["over_budget"]:
            key = (c["seed"], rec["index"])
            if key in seen:
                continue
            seen.add(key)
            code = (
                "import resource, sys; resource.setrlimit(resource.RLIMIT_CPU, (120, resource.RLIM_INFINITY));"
                f"sys.path.insert(0, {str(ROOT)!r}); import pickle; from tests import fuzzing;"
                f"seeds = pickle.loads(open({str(state / 'seeds.pickle')!r}, 'rb').read());"
                f"label, data = fuzzing.make_input({key[0]}, {key[1]}, seeds); o = fuzzing.exercise(data);"
                "print(f'{o.reader} {o.result} {o.seconds:.3f} s of CPU, {len(data)} bytes, budget {fuzzing.budget(data):.1f} s: {o.detail[:100]}')"
            )
            done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
            now = done.stdout.strip() or f"died (exit {done.returncode})"
            print(
                f"{key[0]}:{key[1]} {rec['class']}\n  was: {rec.get('detail') or str(rec['seconds']) + ' s'}\n  now: {now}"
            )


def replay(args) -> None:
    seed, index = (int(x) for x in args.input.split(":"))
    label, data = fuzzing.make_input(seed, index, _seeds(Path(args.state)))
    print(f"class: {label}\nsize: {len(data)} bytes\nhead: {data[:120]!r}")
    if args.save:
        Path(args.save).write_bytes(data)
    from gongkai.report import ReportReadError, check, read_bytes

    start = time.process_time()
    try:
        report = read_bytes(data, "replay")
        findings = check(report)
        print(f"report: {report.reader}, {len(findings)} findings")
    except ReportReadError as exc:
        print(f"error: {exc.reason}")
    except BaseException:
        traceback.print_exc()
    print(f"{time.process_time() - start:.3f} s of CPU")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--state", default=str(DEFAULT_STATE))
    sub = parser.add_subparsers(required=True)
    p = sub.add_parser("run")
    p.add_argument("--total", type=int, default=1_000_000)
    p.add_argument("--chunk", type=int, default=2000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workers", type=int, default=0)
    p.set_defaults(func=run)
    p = sub.add_parser("summary")
    p.add_argument("--seed", type=int)
    p.add_argument("--code", nargs="*", help="only chunks run on these commits")
    p.set_defaults(func=summary)
    p = sub.add_parser("recheck", help="read every recorded crash and slow input again")
    p.set_defaults(func=recheck)
    p = sub.add_parser("replay")
    p.add_argument("input", help="SEED:INDEX")
    p.add_argument("--save", help="write the input's bytes to this file")
    p.set_defaults(func=replay)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
