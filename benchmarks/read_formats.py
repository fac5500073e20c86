"""Read + check throughput of the HTML, DOCX, XLSX and PDF readers.

Inputs: the two real web pages and the real PDF of the corpus (read in place), a 10-page PDF made
in memory from the real one (its 6 pages, then pages 1, 2, 6, 2 again: 3 of the 10 pages hold
tables, as in a typical report), and generated reports (tests/strategies.py, both templates)
written by each writer. Each input is read and checked repeatedly; the figure is the median.

    .venv/bin/python benchmarks/read_formats.py [--quick]
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.fresh import forget_texts_seen  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from tests.conftest import CORPUS  # noqa: E402
from tests.strategies import reports  # noqa: E402

from gongkai.report import check, read_bytes  # noqa: E402
from gongkai.report.writers import write  # noqa: E402


def _generated(fmt: str, count: int) -> list[tuple[str, bytes]]:
    out: list[tuple[str, bytes]] = []
    for template in ("2019", "2021"):

        @settings(
            max_examples=count,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(reports(template=template, blanks=True))
        def collect(report):
            if sum(1 for name, _ in out if name.startswith(f"generated-{report.template}")) < count:
                out.append((f"generated-{report.template}-{len(out)}.{fmt}", write(report, fmt)))

        collect()
    return out


def _ten_page_pdf(data: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    source = PdfReader(io.BytesIO(data))
    writer = PdfWriter()
    for index in (0, 1, 2, 3, 4, 5, 0, 1, 5, 1):
        writer.add_page(source.pages[index])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _time(name: str, data: bytes, repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of read + check. On a machine shared with other work
    the CPU time is the steadier figure; both are printed."""
    wall, cpu = [], []
    for _ in range(repeat):
        forget_texts_seen()  # the same input again must not find its rows already read
        start, start_cpu = time.perf_counter(), time.process_time()
        check(read_bytes(data, name))
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    repeat = 3 if quick else 15
    inputs: dict[str, list[tuple[str, bytes]]] = {"html": [], "docx": [], "xlsx": [], "pdf": []}
    for folder in ("pt-zrz-2024", "pt-scj-2023"):
        page = CORPUS / folder / "page.html"
        if page.is_file():
            inputs["html"].append((f"{folder}/page.html", page.read_bytes()))
    real_pdf = CORPUS / "huaian-2024" / "report.pdf"
    if real_pdf.is_file():
        inputs["pdf"].append(("huaian-2024/report.pdf (6 pages)", real_pdf.read_bytes()))
        inputs["pdf"].append(("huaian-2024 as 10 pages", _ten_page_pdf(real_pdf.read_bytes())))
    for fmt in inputs:
        inputs[fmt].extend(_generated(fmt, 1 if fmt == "pdf" else (2 if quick else 5)))

    # Warm-up: imports and first-use caches are not the reader's steady cost.
    for files in inputs.values():
        check(read_bytes(files[-1][1], files[-1][0]))

    print(
        f"{'format':<6} {'input':<36} {'KiB':>5} {'wall ms':>8} {'per s':>7} {'CPU ms':>8} {'per s':>7}"
    )
    for fmt, files in inputs.items():
        walls, cpus = [], []
        for name, data in files:
            wall, cpu = _time(name, data, repeat)
            walls.append(wall)
            cpus.append(cpu)
            print(
                f"{fmt:<6} {name:<36} {len(data) / 1024:>5.0f} {wall * 1000:>8.1f} {1 / wall:>7.1f} {cpu * 1000:>8.1f} {1 / cpu:>7.1f}"
            )
        wall, cpu = statistics.mean(walls), statistics.mean(cpus)
        label = f"mean over {len(files)} inputs"
        print(
            f"{fmt:<6} {label:<36} {'':>5} {wall * 1000:>8.1f} {1 / wall:>7.1f} {cpu * 1000:>8.1f} {1 / cpu:>7.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
