"""Cell accuracy of the text reader, per layout.

Prints, per report and overall, for 表二, 表三, 表四 separately: cells correct / cells expected,
and how many misses were left blank with a reading finding versus read wrong. Layouts:
- corpus: the real page exports, PDF and OCR texts (../shared/corpus/*/report.txt);
- corpus-copied: the real reports copied one table cell per line (../shared/corpus-copied);
- corpus page.html, one cell per line: each page.html of the corpus as a crawler copies it;
- generated, one cell per line: generated reports written one cell per line with the variants
  of tests/cellline_kit.py (broken labels and headings, broken numbers, blank 总计, CRLF, …).

    .venv/bin/python benchmarks/corpus_accuracy.py [--misses] [--generated N]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.cellline_kit import generated_copies, html_cell_lines  # noqa: E402
from tests.conftest import CORPUS, CORPUS_COPIED  # noqa: E402
from tests.corpus_expect import Tally, compare, compare_reports, load_expected  # noqa: E402

from gongkai.report import ReportReadError, read, read_bytes  # noqa: E402


def _layout(name: str, items, show_misses: bool, per_report: bool = True) -> dict[str, Tally]:
    """Read and compare every (label, read function, compare function) of one layout."""
    totals = {t: Tally() for t in ("T2", "T3", "T4")}
    print(f"\n## {name}")
    if per_report:
        print(f"{'report':<16} {'T2':>22} {'T3':>22} {'T4':>22}")
    for label, read_it, compare_it in items:
        try:
            report = read_it()
        except ReportReadError as exc:
            print(f"{label:<16} unreadable: {exc.reason}")
            continue
        result = compare_it(report)
        cols = []
        for t in ("T2", "T3", "T4"):
            r = result[t]
            agg = totals[t]
            agg.expected += r.expected
            agg.correct += r.correct
            agg.blank_with_finding += r.blank_with_finding
            agg.wrong += r.wrong
            agg.misses += [f"{label}: {m}" for m in r.misses]
            cols.append(f"{r.correct:>4}/{r.expected:<4} b{r.blank_with_finding:<3} w{r.wrong:<3}")
        if per_report:
            print(f"{label:<16} {cols[0]:>22} {cols[1]:>22} {cols[2]:>22}")
            if show_misses:
                for t in ("T2", "T3", "T4"):
                    for m in result[t].misses:
                        print(f"    {m}")
    for t, agg in totals.items():
        pct = 100 * agg.correct / agg.expected if agg.expected else 0.0
        print(
            f"{t}: {agg.correct}/{agg.expected} correct ({pct:.1f}%), "
            f"{agg.blank_with_finding} left blank with a finding, {agg.wrong} wrong"
        )
        if show_misses and not per_report:
            for m in agg.misses:
                print(f"    {m}")
    return totals


def _real(folder: Path, path: Path, text=None):
    expected = load_expected(folder)
    if text is None:
        return folder.name, lambda: read(path), lambda r: compare(r, expected)
    return (
        folder.name,
        lambda: read_bytes(text.encode("utf-8"), str(path)),
        lambda r: compare(r, expected),
    )


def main(argv: list[str]) -> int:
    show_misses = "--misses" in argv
    generated = int(argv[argv.index("--generated") + 1]) if "--generated" in argv else 300
    _layout(
        "corpus (report.txt)",
        [_real(p.parent, p) for p in sorted(CORPUS.glob("*/report.txt"))],
        show_misses,
    )
    _layout(
        "corpus-copied (one cell per line)",
        [_real(p.parent, p) for p in sorted(CORPUS_COPIED.glob("*/report.txt"))],
        show_misses,
    )
    pages = sorted(CORPUS.glob("*/page.html"))
    _layout(
        "corpus page.html copied one cell per line",
        [_real(p.parent, p, html_cell_lines(p.read_text(encoding="utf-8"))) for p in pages],
        show_misses,
    )
    copies = generated_copies(generated)
    used = Counter(v for _, _, variants in copies for v in variants)
    _layout(
        f"generated, one cell per line with variants ({len(copies)} reports)",
        [
            (
                f"gen{i}",
                lambda text=text: read_bytes(text.encode("utf-8"), "<copied>"),
                lambda r, o=original: compare_reports(r, o),
            )
            for i, (original, text, _) in enumerate(copies)
        ],
        show_misses,
        per_report=False,
    )
    print(f"variants of the generated copies: {dict(sorted(used.items()))}")
    print("(b = left blank with a reading finding, w = wrong or missing without a finding)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
