"""The text reader over the real published reports (../shared/corpus/*/report.txt), read in place.

Every cell is compared with the hand-checked expected.json. A cell the reader cannot be sure of
may be left blank with a reading finding; a wrong value is never acceptable, except the misses
documented in docs/accuracy.md (listed here so a new miss fails the test).
"""

from __future__ import annotations

import pytest

from gongkai.report import read
from tests.conftest import CORPUS
from tests.corpus_expect import compare, load_expected

FOLDERS = sorted(p.parent.name for p in CORPUS.glob("*/report.txt")) if CORPUS.is_dir() else []

# (report, table) -> cells read wrong without a finding, each explained in docs/accuracy.md
DOCUMENTED_WRONG = {("sh-kw-2024", "T3"): 1}


@pytest.mark.parametrize("name", FOLDERS)
def test_it_reads_no_wrong_cell_of_a_real_report(corpus_dir, name):
    result = compare(read(corpus_dir / name / "report.txt"), load_expected(corpus_dir / name))
    for table, tally in result.items():
        assert tally.wrong == DOCUMENTED_WRONG.get((name, table), 0), tally.misses


@pytest.mark.parametrize("name", [n for n in FOLDERS if n.startswith("pt-")])
def test_it_reads_every_表三_and_表四_cell_of_the_pingtan_exports_or_says_why_not(corpus_dir, name):
    report = read(corpus_dir / name / "report.txt")
    expected = load_expected(corpus_dir / name)
    result = compare(report, expected)
    assert report.year == expected["year"]
    assert report.template == expected["template_tables"]
    assert report.agency == expected["agency"]
    # two of the reports print no section 六 at all
    assert [s.number for s in report.sections][:5] == list("一二三四五")
    for table in ("T3", "T4"):
        t = result[table]
        assert t.correct + t.blank_with_finding == t.expected, t.misses


def test_it_reads_most_表三_表四_cells_of_the_whole_corpus(corpus_dir):
    correct = expected = 0
    for name in FOLDERS:
        result = compare(read(corpus_dir / name / "report.txt"), load_expected(corpus_dir / name))
        for table in ("T3", "T4"):
            correct += result[table].correct
            expected += result[table].expected
    assert expected and correct / expected > 0.99
