from hypothesis import given, settings
from lxml import html as lxml_html

from gongkai.report import LocalRow, Report
from gongkai.report.writers import write

from .printed_tables import Printed, Span, check_t2, check_t3, check_t4
from .strategies import reports


def html_tables(page: bytes) -> dict[str, Printed]:
    """Every <table> of the page by its data-table key, with row/colspans resolved."""
    root = lxml_html.fromstring(page)
    out = {}
    for table in root.iter("table"):
        spans, taken = [], set()
        for r, tr in enumerate(table.iter("tr")):
            c = 0
            for cell in tr:
                if cell.tag not in ("td", "th"):
                    continue
                while (r, c) in taken:
                    c += 1
                rs, cs = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
                spans.append(Span(r, c, rs, cs, cell.text_content()))
                taken |= {(r + i, c + j) for i in range(rs) for j in range(cs)}
                c += cs
        out[table.get("data-table")] = Printed(spans)
    return out


def with_local_row(report: Report) -> Report:
    parent = "other_external_services" if report.template == "2019" else "administrative_licensing"
    values = {
        "items_last_year": 3,
        "items_change": None,
        "decisions": 12,
        "decisions_this_year": 12,
    }
    report.t2_local_rows.append(LocalRow("art20_5", "行政检查", parent, values))
    return report


@settings(max_examples=25, deadline=None)
@given(reports())
def test_it_prints_every_value_of_every_table_in_its_cell(report):
    report = with_local_row(report)
    tables = html_tables(write(report, "html"))
    assert set(tables) == {"t2", "t3", "t4"}
    check_t2(tables["t2"], report)
    check_t3(tables["t3"], report)
    check_t4(tables["t4"], report)


@settings(max_examples=10, deadline=None)
@given(reports())
def test_it_prints_the_title_preamble_headings_and_narrative_in_order(report):
    page = lxml_html.fromstring(write(report, "html"))
    assert page.get("lang") == "zh-CN"
    assert page.findtext(".//h1") == report.title
    assert [h.text_content() for h in page.iter("h2")] == [s.heading for s in report.sections]
    paragraphs = [p.text_content() for p in page.iter("p")]
    expected = [report.preamble, *(s.text for s in report.sections if s.text)]
    assert paragraphs == expected
    # Tables sit under their sections: 表二 after heading 二, 表三 after 三, 表四 after 四.
    order = [
        el.tag if el.tag != "table" else el.get("data-table") for el in page.iter("h2", "table")
    ]
    assert order == ["h2", "h2", "t2", "h2", "t3", "h2", "t4", "h2", "h2"]


def test_it_is_a_standalone_a4_page_without_external_assets():
    report = Report(
        agency="某县交通运输局", year=2022, template="2021", t4={"review": {"total": 1}}
    )
    page = write(report, "html").decode("utf-8")
    assert "@page { size: A4" in page
    for external in ("<link", "<script", "src=", "url(", "@import"):
        assert external not in page
    assert "某县交通运输局2022年政府信息公开工作年度报告" in page  # title made from agency and year


def test_it_prints_a_blank_cell_blank_and_omits_rows_the_report_does_not_print():
    report = Report(
        agency="某局",
        year=2020,
        template="2019",
        t3={
            "new_received": {"natural_person": None, "total": 0},
            "granted": {"natural_person": 5, "total": 5},
        },
    )
    t3 = html_tables(write(report, "html"))["t3"]
    assert t3.rows == 5  # three header rows, two printed rows
    assert (t3.text(3, 2), t3.text(3, 3), t3.text(3, 9)) == (
        "一、本年新收政府信息公开申请数量",
        "",
        "0",
    )
    assert (t3.text(4, 0), t3.at(4, 0).rowspan, t3.text(4, 3)) == ("三、本年度办理结果", 1, "5")


def test_it_prints_the_2019_other_row_of_a_2021_report_before_the_sub_rows():
    cells = {"total": 1}
    rows = ("other", "other.no_correction", "other.other", "results_total")
    report = Report(year=2022, template="2021", t3={k: dict(cells) for k in rows})
    t3 = html_tables(write(report, "html"))["t3"]
    assert [t3.text(r, 2) for r in range(3, 7)] == [
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "3.其他",
        "（七）总计",
    ]
    assert (t3.at(4, 1).text, t3.at(4, 1).rowspan) == ("（六）其他处理", 2)
    assert t3.at(3, 0).rowspan == 4


def test_it_escapes_markup_in_narrative():
    report = Report(year=2021, template="2021", preamble="<b>依据</b> & 条例")
    page = lxml_html.fromstring(write(report, "html"))
    assert page.findtext(".//p") == "<b>依据</b> & 条例"


def test_it_prints_a_local_row_without_parent_first_and_a_parents_part_as_qizhong():
    """A row without a parent comes before the template rows (after a heading's rows it would
    read as one of them); a row under a parent with figures of its own is printed "其中：…"."""
    report = Report(
        year=2021,
        template="2021",
        t2={
            "art20_6": {
                "administrative_penalty": {"decisions_this_year": 4},
                "administrative_coercion": {"decisions_this_year": None},
            }
        },
        t2_local_rows=[
            LocalRow("art20_6", "行政检查", None, {"decisions_this_year": 9}),
            LocalRow("art20_6", "行政征收", "administrative_penalty", {"decisions_this_year": 2}),
        ],
    )
    t2 = html_tables(write(report, "html"))["t2"]
    assert [(t2.text(r, 0), t2.text(r, 1)) for r in range(t2.rows)] == [
        ("第二十条第（六）项", "第二十条第（六）项"),
        ("信息内容", "本年处理决定数量"),
        ("行政检查", "9"),
        ("行政处罚", "4"),
        ("其中：行政征收", "2"),
        ("行政强制", ""),
    ]


def test_it_follows_the_template_of_the_year_when_the_report_names_none():
    report = Report(
        year=2020,
        t3={"other": {"total": 2}},
        t2={"art20_9": {"government_centralized_procurement": {"procurement_items": 1}}},
    )
    tables = html_tables(write(report, "html"))
    assert tables["t3"].text(3, 2) == "（六）其他处理"  # the 2019 single row
    assert tables["t2"].text(1, 2) == "采购总金额"
