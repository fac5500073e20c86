"""How many reports per second `check()` gets through on one core, with and without reading.

Run: .venv/bin/python benchmarks/rules_speed.py [N]
Prints measured figures; copy them into docs/performance.md with the machine they came from.

Generated: N generated valid reports of both templates (tests/strategies.py) whose narrative is
padded to a realistic length with text from the real seed report when it is present (the seed's
sections 一, 五, 六: about 2,600 characters), so narrative rules scan as much text as in practice. (The padding states case counts the
generated tables do not share, so some narrative findings are built too, as in real use.)
Real: the seed and every corpus report.txt, read in place with the text reader, then checked.
"""

from __future__ import annotations

import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from tests.conftest import CORPUS, SEED  # noqa: E402
from tests.strategies import reports  # noqa: E402

from gongkai.report import check, read, read_bytes  # noqa: E402


def corpus(n: int):
    out = []

    @settings(max_examples=n, database=None, suppress_health_check=list(HealthCheck), deadline=None)
    @given(reports())
    def collect(r):
        out.append(r)

    collect()
    pad = ""
    if SEED.is_file():
        pad = "\n".join(s.text for s in read(SEED).sections)
    for r in out:
        r.section("一").text += "\n" + pad
    return out


def rate(fn, items) -> float:
    """Reports per second of this process's CPU time (the machine is shared: wall time would
    count other processes' turns on the core), best of 7 runs."""
    best = 0.0
    for _ in range(7):
        t0 = time.process_time()
        for x in items:
            fn(x)
        best = max(best, len(items) / (time.process_time() - t0))
    return best


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    reports_ = corpus(n)
    blobs = [r.to_json().encode("utf-8") for r in reports_]
    chars = sum(len(r.narrative) for r in reports_) / len(reports_)
    print(
        f"python {platform.python_version()} on {platform.machine()}, {n} distinct reports, mean narrative {chars:.0f} chars"
    )
    print(f"check only:              {rate(check, reports_):8.0f} reports/s")
    print(f"read JSON only:          {rate(read_bytes, blobs):8.0f} reports/s")
    print(f"read JSON + check:       {rate(lambda b: check(read_bytes(b)), blobs):8.0f} reports/s")
    print(
        f"check with previous:     {rate(lambda r: check(r, reports_[0]), reports_):8.0f} reports/s"
    )
    texts = [p.read_bytes() for p in [SEED, *sorted(CORPUS.glob("*/report.txt"))] if p.is_file()]
    if texts:
        parsed = [read_bytes(b) for b in texts]
        chars = sum(len(r.narrative) for r in parsed) / len(parsed)
        print(
            f"real text reports ({len(texts)}: the seed and corpus report.txt, mean narrative {chars:.0f} chars):"
        )
        print(f"  check only:            {rate(check, parsed):8.0f} reports/s")
        print(
            f"  read text + check:     {rate(lambda b: check(read_bytes(b)), texts):8.0f} reports/s"
        )


if __name__ == "__main__":
    main()
