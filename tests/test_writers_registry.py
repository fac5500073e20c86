import pytest

from gongkai.report import Report
from gongkai.report.writers import formats, write
from gongkai.report.writers.layout import format_value


def test_it_registers_every_format_the_cli_offers():
    assert {"html", "md", "docx", "pdf", "xlsx"} <= set(formats())


def test_it_names_the_known_formats_when_asked_for_an_unknown_one():
    with pytest.raises(ValueError, match="html"):
        write(Report(year=2021, template="2021"), "rtf")


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (None, ""),
        (0, "0"),
        (-8, "-8"),
        (12.5, "12.5"),
        (0.6548, "0.6548"),
        (1e-05, "0.00001"),
        (3.0, "3.0"),
    ],
)
def test_it_prints_figures_as_written_and_blanks_blank(value, printed):
    assert format_value(value) == printed


@pytest.mark.parametrize("fmt", ["html", "md", "docx", "xlsx", "pdf"])
def test_it_writes_a_report_with_nothing_read_but_its_year(fmt):
    # A reader that found no tables still yields a report; writing it prints just the title.
    data = write(Report(year=2023), fmt)
    assert data
    if fmt in ("html", "md"):
        text = data.decode("utf-8")
        assert "2023年政府信息公开工作年度报告" in text
        assert "第二十条" not in text and "申请人情况" not in text
