"""Reports in the layout a crawler gives a web page's text: every table cell on a line of its own.

`copied_text` writes a report so (writers/text.py "cellline") with the variants real copies
show, each chosen by a flag: header cells and row labels broken over lines or one character per
line, section headings broken (一、/总体情况, 一/、/总体情况), a number broken over two lines (1/62),
CRLF line endings, a crawler's header above the report. `with_blank_totals` gives the report
with its 总计 column printed blank. `html_cell_lines` turns any HTML page into this layout (each
text run of the markup on its own line), for the corpus's page.html files and the HTML writer.
"""

from __future__ import annotations

import copy
import random
from html.parser import HTMLParser

from gongkai.report import Report
from gongkai.report.writers.text import cell_line_parts

_NUMBER_CHARS = set("0123456789.-")


def copied_text(
    report: Report,
    rng: random.Random,
    *,
    broken_cells: bool = True,
    one_char_per_line: bool = False,
    broken_headings: bool = True,
    broken_text: bool = True,
    broken_number: bool = False,
    crlf: bool = False,
    crawler: bool = False,
) -> str:
    lines: list[str] = []
    parts = cell_line_parts(report)
    if crawler and parts and parts[0][0] == "title":
        lines += [
            parts[0][1],
            "发布时间：2025-01-20 09:56",
            f"来源：{report.agency or ''}",
            "正文:",
        ]
        parts = parts[1:]
    numbers = [
        i
        for i, (what, text) in enumerate(parts)
        if what in ("cell:三", "cell:四") and text.isdigit() and len(text) >= 2
    ]
    broken = rng.choice(numbers) if broken_number and numbers else None
    for i, (what, text) in enumerate(parts):
        if i == broken:
            cut = rng.randrange(1, len(text))
            lines += [text[:cut], text[cut:]]
        elif (
            what.startswith("cell")
            and not set(text) <= _NUMBER_CHARS
            and (broken_cells or one_char_per_line)
        ):
            lines += list(text) if one_char_per_line and rng.random() < 0.3 else _pieces(text, rng)
        elif what == "heading" and broken_headings:
            lines += _broken_heading(text, rng)
        elif what == "text" and broken_text:
            lines += _pieces(text, rng, most=4)
        else:
            lines.append(text)
    return ("\r\n" if crlf else "\n").join(lines) + "\n"


def _pieces(text: str, rng: random.Random, most: int = 3) -> list[str]:
    """`text` cut at up to `most - 1` random places (as a page's font changes cut it)."""
    if len(text) < 2 or rng.random() < 0.5:
        return [text]
    cuts = sorted(rng.sample(range(1, len(text)), min(len(text) - 1, rng.randrange(1, most))))
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]


def _broken_heading(text: str, rng: random.Random) -> list[str]:
    """一、总体情况 as 一、/总体情况, 一/、/总体情况 or cut inside its words."""
    how = rng.randrange(4)
    if how == 0 or len(text) < 4:
        return [text]
    if how == 1:
        return [text[:2], text[2:]]
    if how == 2:
        return [text[0], text[1], text[2:]]
    cut = rng.randrange(3, len(text))
    return [text[:cut], text[cut:]]


def with_blank_totals(report: Report) -> Report:
    """The report with every 表三 and 表四 总计 cell printed blank."""
    out = copy.deepcopy(report)
    for cells in out.t3.values():
        cells["total"] = None
    for cells in out.t4.values():
        cells["total"] = None
    return out


class _TextRuns(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        text = " ".join(data.replace("\xa0", " ").split())
        if text and not self._skip:
            self.lines.append(text)


def html_cell_lines(html: str) -> str:
    """The page's text one text run per line: every <td>, and every span inside one, on a line."""
    parser = _TextRuns()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.lines) + "\n"


def generated_copies(count: int, seed: int = 12) -> list[tuple[Report, str, set[str]]]:
    """`count` generated valid reports (tests/strategies.py, no blank cell) each written one cell
    per line with a random mix of the variants, a third of them with a number broken in two and
    a fifth with the 总计 column blank: (the report as written, the text, the variants used).
    For benchmarks."""
    from hypothesis import HealthCheck, given, settings

    from .strategies import reports

    rng = random.Random(seed)
    out: list[tuple[Report, str, set[str]]] = []

    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        derandomize=True,  # the same reports on every run, so that figures can be compared
        suppress_health_check=list(HealthCheck),
    )
    @given(reports(blanks=False))
    def collect(report):
        i = len(out)
        if i % 5 == 4:
            report = with_blank_totals(report)
        flags = {
            k: rng.random() < 0.5
            for k in (
                "broken_cells",
                "one_char_per_line",
                "broken_headings",
                "broken_text",
                "crlf",
                "crawler",
            )
        }
        broken = i % 3 == 2 and i % 5 != 4
        text = copied_text(report, rng, broken_number=broken, **flags)
        used = {k for k, on in flags.items() if on} | ({"blank_totals"} if i % 5 == 4 else set())
        numbers = [
            v for t in (report.t3, report.t4) for cells in t.values() for v in cells.values()
        ]
        if broken and any(isinstance(v, int) and v >= 10 for v in numbers):
            used.add("broken_number")  # (a report with no number of two digits has none to break)
        out.append((report, text, used))

    collect()
    return out[:count]
