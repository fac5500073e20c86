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
    [(None, ""), (0, "0"), (-8, "-8"), (12.5, "12.5"), (0.6548, "0.6548"), (1e-05, "0.00001"), (3.0, "3.0")],
)
def test_it_prints_figures_as_written_and_blanks_blank(value, printed):
    assert format_value(value) == printed
