"""Generated reports written by each writer and read back are the same report.

Both templates, blank cells included. XLSX carries only the tables and the report's name, year
and format (the 基本信息 sheet), so only those are compared for it.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from gongkai.report import read_bytes
from gongkai.report.writers import write
from tests.strategies import reports

# Writing a PDF renders a page (~0.3 s), so PDF gets fewer examples than the fast formats.
EXAMPLES = {"html": 25, "md": 25, "docx": 10, "xlsx": 10, "pdf": 3}


def _canonical(report, fmt: str) -> dict:
    data = report.to_dict()
    keep = ["tables", "year", "template", "agency"] + (
        [] if fmt == "xlsx" else ["sections", "title"]
    )
    return {k: data[k] for k in keep}


@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("fmt", sorted(EXAMPLES))
def test_it_reads_back_what_each_writer_wrote(fmt, template):
    @settings(
        max_examples=EXAMPLES[fmt], deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(reports(template=template, blanks=True, local_rows=True))
    def round_trip(report):
        back = read_bytes(write(report, fmt), f"generated.{fmt}")
        assert _canonical(back, fmt) == _canonical(report, fmt)
        assert [f.rule for f in back.read_findings if f.severity == "error"] == []

    round_trip()


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_it_reads_a_row_printed_all_blank(fmt):
    """A row whose every value cell is blank is printed, blank (None), not dropped."""

    @settings(max_examples=2, deadline=None, database=None)
    @given(reports(template="2021", blanks=False))
    def blank_row(report):
        report.t2["art20_5"]["administrative_licensing"]["decisions_this_year"] = None
        back = read_bytes(write(report, fmt), f"generated.{fmt}")
        assert back.t2["art20_5"] == {"administrative_licensing": {"decisions_this_year": None}}

    blank_row()
