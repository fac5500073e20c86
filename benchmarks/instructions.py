"""Machine instructions per report for read + check (or check alone), counted by cachegrind.

On a shared machine timings follow the other jobs; instruction counts do not. This runs itself
under `valgrind --tool=cachegrind --cache-sim=no` twice, with one and with three passes over the
workload (text-keyed caches emptied before each pass, as in read_check_throughput.py), and
prints the difference per report: start-up and imports cancel out.

    .venv/bin/python benchmarks/instructions.py corpus            # ../shared/corpus/*/report.txt
    .venv/bin/python benchmarks/instructions.py check             # check() alone, corpus reports
    .venv/bin/python benchmarks/instructions.py files DIR [--limit N]   # every file in DIR
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _workload(args) -> list[tuple[str, bytes]]:
    from tests.conftest import CORPUS

    if args.workload in ("corpus", "check"):
        paths = sorted(CORPUS.glob("*/report.txt"))
    else:
        paths = sorted(p for p in Path(args.dir).iterdir() if p.is_file())[: args.limit]
    return [(str(p), p.read_bytes()) for p in paths]


def _passes(args) -> None:
    from benchmarks.fresh import forget_texts_seen

    from gongkai.report import check, read_bytes

    docs = _workload(args)
    reports = (
        [read_bytes(data, source) for source, data in docs] if args.workload == "check" else None
    )
    for _ in range(args.passes):
        forget_texts_seen()
        if reports is not None:
            for report in reports:
                check(report)
        else:
            for source, data in docs:
                check(read_bytes(data, source))


def _count(argv: list[str], passes: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cg.out"
        cmd = [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            f"--cachegrind-out-file={out}",
            sys.executable,
            __file__,
            *argv,
            "--passes",
            str(passes),
        ]
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
        return int(re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)[1].replace(",", ""))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("workload", choices=("corpus", "check", "files"))
    parser.add_argument("dir", nargs="?")
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument(
        "--passes", type=int, default=0, help="(internal) run this many passes and exit"
    )
    args = parser.parse_args(argv)
    if args.passes:
        _passes(args)
        return 0
    rest = [a for a in argv if a != "--passes"]
    n = len(_workload(args))
    one, three = _count(rest, 1), _count(rest, 3)
    print(
        f"{args.workload} ({n} reports): {(three - one) / (2 * n) / 1e6:.3f} M instructions per report"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
