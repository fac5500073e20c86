"""Write time per output format for a typical annual report (median of N runs).

    .venv/bin/python benchmarks/write_formats.py [--runs 15]

A typical report: the 2021 template, every table row printed, a few blank cells, about 3,000
characters of narrative in six sections, two local rows in 表二. The report is built from a fixed
seed so every run writes the same thing. PDF is also timed with WeasyPrint's fallback font
subsetting (fontTools), which is what a deployment without libharfbuzz-subset0 gets.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import time

from gongkai.report import LocalRow, Report, SectionText
from gongkai.report.templates import TEMPLATE_2021
from gongkai.report.writers import formats, write


def typical_report(seed: int = 2021) -> Report:
    rng = random.Random(seed)
    t = TEMPLATE_2021
    cols = [c for c in t.t3_column_keys if c != "total"]
    leaves = {
        r: {
            c: (rng.randint(0, 40) if c == "natural_person" else rng.choice([0, 0, 1, 2]))
            for c in cols
        }
        for r in t.t3_outcome_leaf_keys
    }
    results = {c: sum(leaves[r][c] for r in leaves) for c in cols}
    carried_in = {c: rng.randint(0, 5) for c in cols}
    carried_out = {c: rng.randint(0, 5) for c in cols}
    grid = dict(leaves)
    grid.update(
        results_total=results,
        carried_over_from_last_year=carried_in,
        carried_to_next_year=carried_out,
        new_received={c: results[c] + carried_out[c] - carried_in[c] for c in cols},
    )
    t3 = {}
    for row in t.t3_row_keys:
        cells = {c: grid[row][c] for c in cols}
        cells["total"] = sum(cells.values())
        t3[row] = {c: (None if v == 0 and rng.random() < 0.3 else v) for c, v in cells.items()}
    t4 = {}
    for g in t.t4_group_keys:
        parts = {c: rng.randint(0, 6) for c in ("upheld", "corrected", "other", "pending")}
        t4[g] = {**parts, "total": sum(parts.values())}
    t2 = {
        s.key: {r.key: {c.key: rng.randint(0, 3000) for c in s.columns} for r in s.rows}
        for s in t.t2
    }
    sentence = (
        "本机关坚持以公开为常态、不公开为例外，严格落实《中华人民共和国政府信息公开条例》各项要求，"
    )
    sections = [
        SectionText(s.number, s.heading, "\n".join(sentence * 3 for _ in range(3)))
        for s in t.sections
    ]
    return Report(
        agency="某市某区人民政府办公室",
        year=2024,
        template="2021",
        title="某市某区人民政府办公室2024年政府信息公开工作年度报告",
        preamble="本报告依据《中华人民共和国政府信息公开条例》第五十条编制。",
        sections=sections,
        t2=t2,
        t2_local_rows=[
            LocalRow(
                "art20_5", "行政确认", "administrative_licensing", {"decisions_this_year": 152}
            ),
            LocalRow("art20_6", "行政检查", "administrative_coercion", {"decisions_this_year": 87}),
        ],
        t3=t3,
        t4=t4,
    )


def median_seconds(fmt: str, report: Report, runs: int) -> tuple[float, int]:
    write(report, fmt)  # warm-up: imports, font discovery
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        size = len(write(report, fmt))
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    report = typical_report()
    print(f"python {platform.python_version()} on {platform.machine()}, median of {args.runs} runs")
    print(f"{'format':<18}{'median ms':>10}{'bytes':>10}")
    for fmt in formats():
        seconds, size = median_seconds(fmt, report, args.runs)
        print(f"{fmt:<18}{seconds * 1000:>10.1f}{size:>10}")

    from weasyprint.pdf import fonts as weasy_fonts

    if weasy_fonts.harfbuzz_subset is not None:
        saved, weasy_fonts.harfbuzz_subset = weasy_fonts.harfbuzz_subset, None
        try:
            runs = max(1, min(args.runs, 3))
            seconds, size = median_seconds("pdf", report, runs)
            print(f"{'pdf (no hb-subset)':<18}{seconds * 1000:>10.1f}{size:>10}   median of {runs}")
        finally:
            weasy_fonts.harfbuzz_subset = saved


if __name__ == "__main__":
    main()
