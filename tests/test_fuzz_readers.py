"""A short fuzz run of every reader (the long one is benchmarks/fuzz_readers.py, figures in
docs/fuzzing.md): a fixed seed, so a failure names an input that replays.

GONGKAI_FUZZ_INPUTS sets how many inputs (default 2000: about ten seconds on an idle core).
"""

from __future__ import annotations

import io
import os
import resource
import zipfile
import zlib
from collections import Counter

import pytest

from gongkai.report.writers import write

from .fuzzing import Seed, budget, corpus_seeds, exercise, generated_seeds, make_input
from .reportkit import valid_report

SEED = 20261207
INPUTS = int(os.environ.get("GONGKAI_FUZZ_INPUTS", "2000"))


@pytest.fixture(scope="module")
def seeds() -> tuple[Seed, ...]:
    # The PDF writer takes seconds a report: here the PDFs are the real one and hand-made ones.
    return tuple(corpus_seeds()) + generated_seeds(variants=2, pdf_writer=False)


@pytest.fixture
def memory_cap():
    """At most 4 GB of address space while inputs are read: a reader that blows up (a merge of
    17 billion cells once took 21 GB) fails this test with MemoryError, not the shared machine."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = 4 * 2**30 if hard == resource.RLIM_INFINITY else min(hard, 4 * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    yield
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def test_every_input_ends_in_a_report_or_a_one_line_error(seeds, memory_cap):
    readers: Counter = Counter()
    crashes = []
    for index in range(INPUTS):
        label, data = make_input(SEED, index, seeds)
        try:
            outcome = exercise(data)
        except MemoryError:
            crashes.append(f"make_input({SEED}, {index}, seeds) [{label}]: MemoryError")
            continue
        readers[outcome.reader] += 1
        if outcome.result == "crash":
            crashes.append(f"make_input({SEED}, {index}, seeds) [{label}]: {outcome.detail}")
    assert not crashes, "\n".join(crashes)
    assert {"text", "html", "json", "docx", "xlsx", "pdf"} <= set(readers), readers


def test_inputs_are_a_function_of_seed_and_number(seeds):
    assert make_input(SEED, 7, seeds) == make_input(SEED, 7, seeds)
    assert make_input(SEED, 7, seeds) != make_input(SEED + 1, 7, seeds)


def test_the_time_budget_counts_a_compressed_input_at_the_size_it_inflates_to():
    package = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(write(valid_report(), "xlsx"))) as z,
        zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in z.infolist():
            out.writestr(info.filename, z.read(info))
        out.writestr("xl/padding.xml", b" " * 500_000)
    xlsx = package.getvalue()
    assert len(xlsx) < 100_000
    assert 5.0 < budget(xlsx) < 5.5  # 500 KB of XML to parse, not 1 s for a 10 KB file
    stream = zlib.compress(b"0 0 m 10 0 l S\n" * 20_000)  # 300 KB of drawing
    pdf = b"%PDF-1.4\n1 0 obj <</Filter /FlateDecode>> stream\n" + stream + b"\nendstream\n"
    assert len(pdf) < 100_000
    assert 2.9 < budget(pdf) < 3.1
    assert budget(b"\xe5\x9b\x9b" * 100_000) == 3.0  # text is read as it stands
