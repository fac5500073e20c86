"""Cell accuracy of the text reader over the real corpus (../shared/corpus/*/report.txt).

Prints, per report and overall, for 表二, 表三, 表四 separately: cells correct / cells expected,
and how many misses were left blank with a reading finding versus read wrong.

    .venv/bin/python benchmarks/corpus_accuracy.py [--misses]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CORPUS  # noqa: E402
from tests.corpus_expect import Tally, compare, load_expected  # noqa: E402

from gongkai.report import ReportReadError, read  # noqa: E402


def main(argv: list[str]) -> int:
    show_misses = "--misses" in argv
    totals = {t: Tally() for t in ("T2", "T3", "T4")}
    folders = sorted(p.parent for p in CORPUS.glob("*/report.txt"))
    print(f"{'report':<16} {'T2':>22} {'T3':>22} {'T4':>22}")
    for folder in folders:
        try:
            report = read(folder / "report.txt")
        except ReportReadError as exc:
            print(f"{folder.name:<16} unreadable: {exc.reason}")
            continue
        result = compare(report, load_expected(folder))
        cols = []
        for t in ("T2", "T3", "T4"):
            r = result[t]
            agg = totals[t]
            agg.expected += r.expected
            agg.correct += r.correct
            agg.blank_with_finding += r.blank_with_finding
            agg.wrong += r.wrong
            cols.append(f"{r.correct:>4}/{r.expected:<4} b{r.blank_with_finding:<3} w{r.wrong:<3}")
        print(f"{folder.name:<16} {cols[0]:>22} {cols[1]:>22} {cols[2]:>22}")
        if show_misses:
            for t in ("T2", "T3", "T4"):
                for m in result[t].misses:
                    print(f"    {m}")
    print()
    for t, agg in totals.items():
        pct = 100 * agg.correct / agg.expected if agg.expected else 0.0
        print(
            f"{t}: {agg.correct}/{agg.expected} correct ({pct:.1f}%), "
            f"{agg.blank_with_finding} left blank with a finding, {agg.wrong} wrong"
        )
    print("(b = left blank with a reading finding, w = wrong or missing without a finding)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
