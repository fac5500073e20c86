"""Cell accuracy of the HTML, DOCX, PDF and XLSX readers (and of Markdown, read by the text reader).

1. Real reports (read in place from ../shared/corpus): the two web pages and the PDF, every table
   cell compared with the hand-checked expected.json.
2. Generated reports (tests/strategies.py, both templates, blank cells included) written by each
   writer and read back: every cell of 表二, 表三, 表四 compared with the report written, and
   whether agency, year and template came back.

    .venv/bin/python benchmarks/read_formats_accuracy.py [--examples N] [--misses]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from tests.conftest import CORPUS  # noqa: E402
from tests.corpus_expect import compare, load_expected  # noqa: E402
from tests.strategies import reports  # noqa: E402

from gongkai.report import read, read_bytes  # noqa: E402
from gongkai.report.model import T2, T3, T4  # noqa: E402
from gongkai.report.writers import write  # noqa: E402

REAL = [
    ("html", "pt-zrz-2024", "page.html"),
    ("html", "pt-scj-2023", "page.html"),
    ("pdf", "huaian-2024", "report.pdf"),
]


def _cells(report) -> dict[tuple, object]:
    tables = report.to_dict()["tables"]
    out = {}
    for sub, rows in tables[T2].items():
        for row, cells in rows.items():
            for col, v in cells.items():
                out[(T2, sub, row, col)] = v
    for name in (T3, T4):
        for row, cells in tables[name].items():
            for col, v in cells.items():
                out[(name, row, col)] = v
    return out


def _round_trip(fmt: str, template: str, n: int, tally: dict, misses: list[str]) -> None:
    @settings(max_examples=n, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(reports(template=template, blanks=True))
    def one(report):
        back = read_bytes(write(report, fmt), f"generated.{fmt}")
        want, got = _cells(report), _cells(back)
        tally["reports"] += 1
        tally["cells"] += len(want)
        tally["correct"] += sum(1 for k, v in want.items() if k in got and got[k] == v)
        misses.extend(
            f"{k}: wrote {v}, read {got.get(k, 'nothing')}"
            for k, v in want.items()
            if k not in got or got[k] != v
        )
        tally["meta"] += (back.agency, back.year, back.template) == (
            report.agency,
            report.year,
            report.template,
        )

    one()


def main(argv: list[str]) -> int:
    examples = int(argv[argv.index("--examples") + 1]) if "--examples" in argv else 20
    show = "--misses" in argv
    print("Real reports (cells equal to expected.json / cells expected):")
    for fmt, folder, name in REAL:
        path = CORPUS / folder / name
        if not path.is_file():
            print(f"  {folder}/{name}: not found, skipped")
            continue
        result = compare(read(path), load_expected(CORPUS / folder))
        correct = sum(t.correct for t in result.values())
        expected = sum(t.expected for t in result.values())
        per = ", ".join(f"{k} {t.correct}/{t.expected}" for k, t in result.items())
        print(
            f"  {fmt:<5} {folder}/{name:<12} {correct}/{expected} ({100 * correct / expected:.1f}%)  [{per}]"
        )
        if show:
            for t in result.values():
                for miss in t.misses:
                    print(f"      {miss}")

    print(f"\nGenerated reports written and read back ({examples} per template and format):")
    for fmt in ("html", "md", "docx", "xlsx", "pdf"):
        n = examples if fmt != "pdf" else max(2, examples // 5)
        tally = {"reports": 0, "cells": 0, "correct": 0, "meta": 0}
        misses: list[str] = []
        for template in ("2019", "2021"):
            _round_trip(fmt, template, n, tally, misses)
        pct = 100 * tally["correct"] / tally["cells"]
        print(
            f"  {fmt:<5} {tally['reports']:>3} reports  cells {tally['correct']}/{tally['cells']} ({pct:.2f}%)  agency+year+template right in {tally['meta']}/{tally['reports']}"
        )
        if show:
            for miss in misses[:20]:
                print(f"      {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
