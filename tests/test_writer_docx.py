import io

from docx import Document
from docx.oxml.ns import qn
from hypothesis import given, settings

from gongkai.report.writers import write

from .printed_tables import Printed, Span, check_t2, check_t3, check_t4
from .strategies import reports
from .test_writer_html import with_local_row


def docx_tables(tables) -> list[Printed]:
    """Word tables with gridSpan/vMerge resolved into spans."""
    out = []
    for table in tables:
        grid: dict[tuple[int, int], tuple] = {}  # (row, col) -> (tc, colspan, vmerge)
        for r, tr in enumerate(table._tbl.tr_lst):
            c = 0
            for tc in tr.tc_lst:
                span = tc.grid_span
                grid[(r, c)] = (tc, span, tc.vMerge)
                c += span
        spans = []
        for (r, c), (tc, colspan, vmerge) in grid.items():
            if vmerge == "continue":
                continue
            rowspan = 1
            if vmerge == "restart":
                while grid.get((r + rowspan, c), (None, 0, None))[2] == "continue":
                    rowspan += 1
            paragraphs = tc.findall(qn("w:p"))
            assert len(paragraphs) == 1, "one paragraph a cell"
            text = "".join(t.text or "" for t in paragraphs[0].iter(qn("w:t")))
            spans.append(Span(r, c, rowspan, colspan, text))
        out.append(Printed(spans))
    return out


@settings(max_examples=6, deadline=None)
@given(reports())
def test_it_writes_word_tables_with_every_value_in_its_merged_layout(report):
    report = with_local_row(report)
    doc = Document(io.BytesIO(write(report, "docx")))
    t2, t3, t4 = docx_tables(doc.tables)
    check_t2(t2, report)
    check_t3(t3, report)
    check_t4(t4, report)


@settings(max_examples=5, deadline=None)
@given(reports())
def test_it_writes_title_headings_and_narrative_as_styled_paragraphs(report):
    doc = Document(io.BytesIO(write(report, "docx")))
    styled = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    expected = [("Title", report.title), ("Normal", report.preamble)]
    for s in report.sections:
        expected.append(("Heading 1", s.heading))
        if s.text:
            expected.append(("Normal", s.text))
    assert styled == expected


@settings(max_examples=1, deadline=None)
@given(reports(template="2021"))
def test_it_sets_a4_official_margins_and_east_asian_fonts(report):
    doc = Document(io.BytesIO(write(report, "docx")))
    section = doc.sections[0]
    sizes = (
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    )
    assert [round(m.mm) for m in sizes] == [210, 297, 37, 35, 28, 26]

    def east_asian(style):
        return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))

    assert east_asian(doc.styles["Normal"]) == "仿宋_GB2312"
    assert doc.styles["Normal"].font.size.pt == 16
    assert east_asian(doc.styles["Heading 1"]) == "黑体"
    assert east_asian(doc.styles["Title"]) == "方正小标宋简体"


@settings(max_examples=1, deadline=None)
@given(reports(template="2019"))
def test_it_repeats_the_header_rows_of_tables_three_and_four_on_every_page(report):
    doc = Document(io.BytesIO(write(report, "docx")))
    for table in doc.tables[1:]:
        flags = [
            tr.trPr is not None and tr.trPr.find(qn("w:tblHeader")) is not None
            for tr in table._tbl.tr_lst
        ]
        assert flags == [True, True, True] + [False] * (len(flags) - 3)
