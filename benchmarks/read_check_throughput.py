"""Read + check throughput of plain-text reports on one core (reports per second).

Two workloads, each read from bytes already in memory (disk time excluded) and then checked
with every registered rule:
- the real corpus text files (../shared/corpus/*/report.txt), cycled;
- generated valid reports (tests/strategies.py) written in each text layout.

With --cellline, the inputs copied one table cell per line instead: the real copies
(../shared/corpus-copied), the corpus's page.html files copied so, and generated reports written
so with the variants of tests/cellline_kit.py.

    .venv/bin/python benchmarks/read_check_throughput.py [--seconds 5] [--cellline]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.fresh import forget_texts_seen  # noqa: E402
from tests.conftest import CORPUS  # noqa: E402

from gongkai.report import check, read_bytes  # noqa: E402
from gongkai.report.writers.text import LAYOUTS, write_text  # noqa: E402


def _generated(count: int) -> list[tuple[str, bytes]]:
    from hypothesis import HealthCheck, given, settings
    from tests.strategies import reports

    out: list[tuple[str, bytes]] = []

    @settings(
        max_examples=count, database=None, deadline=None, suppress_health_check=list(HealthCheck)
    )
    @given(reports(blanks=False))
    def collect(report):
        layout = LAYOUTS[len(out) % len(LAYOUTS)]
        out.append((f"<generated {layout}>", write_text(report, layout).encode("utf-8")))

    collect()
    return out[:count]


def _measure(name: str, docs: list[tuple[str, bytes]], seconds: float) -> float:
    """Reports per second of this process's CPU time (the machine is shared, so wall time
    would measure the other jobs too): best pass, and mean over all passes; plus the wall-clock
    mean for reference."""
    done = 0
    best = 0.0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    while time.perf_counter() - wall0 < seconds or not done:
        forget_texts_seen()  # rows repeated within a pass still hit the caches, as in a batch
        t0 = time.process_time()
        for source, data in docs:
            check(read_bytes(data, source))
        best = max(best, len(docs) / max(time.process_time() - t0, 1e-9))
        done += len(docs)
    cpu_mean = done / (time.process_time() - cpu0)
    wall_mean = done / (time.perf_counter() - wall0)
    print(
        f"{name:<36} CPU best {best:7.1f}/s ({1000 / best:5.2f} ms), CPU mean {cpu_mean:7.1f}/s, "
        f"wall mean {wall_mean:7.1f}/s, {done} reports"
    )
    return best


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--cellline", action="store_true", help="the one-cell-per-line inputs only")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    if args.cellline:
        return _cellline(args.seconds)
    corpus = [(str(p), p.read_bytes()) for p in sorted(CORPUS.glob("*/report.txt"))]
    print(f"python {sys.version.split()[0]}, one core, read + check")
    if corpus:
        _measure(f"corpus text files ({len(corpus)})", corpus, args.seconds)
        _measure(
            "  of which pt-* page exports", [d for d in corpus if "/pt-" in d[0]], args.seconds
        )
    generated = _generated(200)
    _measure(f"generated reports ({len(generated)}, all layouts)", generated, args.seconds)
    for layout in LAYOUTS:
        _measure(
            f"  layout {layout}",
            [d for d in generated if d[0] == f"<generated {layout}>"],
            args.seconds / 2,
        )
    return 0


def _cellline(seconds: float) -> int:
    from tests.cellline_kit import generated_copies, html_cell_lines
    from tests.conftest import CORPUS_COPIED

    copied = [(str(p), p.read_bytes()) for p in sorted(CORPUS_COPIED.glob("*/report.txt"))]
    pages = [
        (str(p), html_cell_lines(p.read_text(encoding="utf-8")).encode("utf-8"))
        for p in sorted(CORPUS.glob("*/page.html"))
    ]
    generated = [("<copied>", text.encode("utf-8")) for _, text, _ in generated_copies(200)]
    print(f"python {sys.version.split()[0]}, one core, read + check, one table cell per line")
    if copied:
        _measure(f"corpus-copied ({len(copied)})", copied, seconds)
    if pages:
        _measure(f"corpus page.html copied ({len(pages)})", pages, seconds)
    _measure(f"generated with variants ({len(generated)})", generated, seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
