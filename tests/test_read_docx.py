"""The DOCX reader's blocks: Word files we build here with python-docx."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from gongkai.report import ReportReadError
from gongkai.report.readers import reader_for
from gongkai.report.readers._blocks import TableBlock, TextBlock
from gongkai.report.readers._numbering import chinese_number
from gongkai.report.readers.docx import DocxReader, docx_blocks

# One list: level 0 prints 一、二、…, level 1 prints （一）（二）….
ABSTRACT = f"""<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>"""
NUM = f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'


def _numbered(document, text: str, level: int):
    p = document.add_paragraph(text)
    p._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
        )
    )
    return p


def _document_with_numbering():
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(ABSTRACT))
    numbering.append(parse_xml(NUM))
    return document


def _bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _t4_table(document, values):
    table = document.add_table(rows=4, cols=15)
    table.cell(0, 0).merge(table.cell(0, 4)).text = "行政复议"
    table.cell(0, 5).merge(table.cell(0, 14)).text = "行政诉讼"
    for i, label in enumerate(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]):
        table.cell(1, i).merge(table.cell(2, i)).text = label
        table.cell(2, 5 + i).text = label
        table.cell(2, 10 + i).text = label
    table.cell(1, 5).merge(table.cell(1, 9)).text = "未经复议直接起诉"
    table.cell(1, 10).merge(table.cell(1, 14)).text = "复议后起诉"
    for i, value in enumerate(values):
        table.cell(3, i).text = value
    return table


def test_it_recovers_heading_numbers_that_word_list_numbering_prints():
    document = _document_with_numbering()
    for number, heading in enumerate(["总体情况", "主动公开政府信息情况"], 1):
        _numbered(document, heading, 0)
        _numbered(document, f"第{number}节第一小节", 1)
        _numbered(document, f"第{number}节第二小节", 1)
    _numbered(document, "三、收到和处理政府信息公开申请情况", 0)  # number also typed: not doubled
    texts = [b.text for b in docx_blocks(_bytes(document), "t.docx")]
    assert texts == [
        "一、总体情况",
        "（一）第1节第一小节",
        "（二）第1节第二小节",
        "二、主动公开政府信息情况",
        "（一）第2节第一小节",
        "（二）第2节第二小节",
        "三、收到和处理政府信息公开申请情况",
    ]


def test_it_counts_in_chinese_as_word_does():
    assert [chinese_number(n) for n in (1, 10, 11, 20, 23, 100, 105, 110)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十三",
        "一百",
        "一百零五",
        "一百一十",
    ]


def test_it_lists_merged_cells_once_in_the_row_they_start():
    document = docx.Document()
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    _t4_table(document, ["1", "0", "", "1", "2", *["0"] * 10])
    (table,) = [b for b in docx_blocks(_bytes(document), "t.docx") if isinstance(b, TableBlock)]
    assert table.rows[0] == ["行政复议", "行政诉讼"]
    assert table.rows[1] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
        "未经复议直接起诉",
        "复议后起诉",
    ]
    assert len(table.rows[2]) == 10  # the vertically merged labels are not repeated
    assert table.rows[3][:5] == ["1", "0", "", "1", "2"] and len(table.rows[3]) == 15


def test_it_joins_a_table_split_across_pages_and_drops_the_repeated_header():
    document = docx.Document()
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    for part, rows in enumerate(
        [["（一）予以公开", "（二）部分公开"], ["（七）总计", "四、结转下年度继续办理"]]
    ):
        table = document.add_table(rows=1 + len(rows), cols=3)
        for c, head in enumerate(["项目", "自然人", "总计"]):
            table.cell(0, c).text = head
        for r, label in enumerate(rows, 1):
            table.cell(r, 0).text = label
            table.cell(r, 1).text = str(part * 10 + r)
            table.cell(r, 2).text = str(part * 10 + r)
        if part == 0:
            document.add_paragraph("")  # what Word leaves between the two halves
    blocks = docx_blocks(_bytes(document), "t.docx")
    tables = [b for b in blocks if isinstance(b, TableBlock)]
    assert len(tables) == 1
    assert [row[0] for row in tables[0].rows] == [
        "项目",
        "（一）予以公开",
        "（二）部分公开",
        "（七）总计",
        "四、结转下年度继续办理",
    ]


def test_it_keeps_tables_apart_when_text_stands_between_them():
    document = docx.Document()
    for heading in ("三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"):
        document.add_paragraph(heading)
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(1, 0).text, table.cell(1, 1).text = (
            "项目",
            heading[:2],
            "1",
        )
    blocks = docx_blocks(_bytes(document), "t.docx")
    assert [type(b) for b in blocks] == [TextBlock, TableBlock, TextBlock, TableBlock]


def test_it_refuses_a_truncated_docx():
    document = docx.Document()
    document.add_paragraph("一、总体情况")
    data = _bytes(document)
    with pytest.raises(ReportReadError) as err:
        reader_for(data[: len(data) // 2], "t.docx").read(data[: len(data) // 2], "t.docx")
    assert "损坏" in err.value.reason


def test_it_refuses_a_zip_without_the_word_document():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", "<styles/>")
    with pytest.raises(ReportReadError) as err:
        DocxReader().read(out.getvalue(), "t.docx")
    assert "word/document.xml" in err.value.reason


def test_it_refuses_a_docx_whose_document_is_not_xml():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><unclosed>")
    with pytest.raises(ReportReadError) as err:
        docx_blocks(out.getvalue(), "t.docx")
    assert "不是有效的 XML" in err.value.reason


def test_it_recovers_numbers_a_numbered_heading_style_prints():
    document = _document_with_numbering()
    style = document.styles["Heading 1"]
    style.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>')
    )
    for heading in ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况"):
        document.add_paragraph(heading, style="Heading 1")
        document.add_paragraph("正文。")
    texts = [b.text for b in docx_blocks(_bytes(document), "t.docx")]
    assert texts == [
        "一、总体情况",
        "正文。",
        "二、主动公开政府信息情况",
        "正文。",
        "三、收到和处理政府信息公开申请情况",
        "正文。",
    ]


def test_it_repeats_a_zero_merged_down_but_no_other_merged_value():
    document = docx.Document()
    table = document.add_table(rows=3, cols=4)
    table.cell(0, 0).merge(table.cell(2, 0)).text = "（六）其他处理"
    for r, label in enumerate(["1.逾期不补正", "2.逾期未缴费", "3.其他"]):
        table.cell(r, 1).text = label
    table.cell(0, 2).merge(table.cell(2, 2)).text = "0"
    table.cell(0, 3).merge(table.cell(1, 3)).text = "5"
    table.cell(2, 3).text = "7"
    (block,) = [b for b in docx_blocks(_bytes(document), "t.docx") if isinstance(b, TableBlock)]
    assert block.rows == [
        ["（六）其他处理", "1.逾期不补正", "0", "5"],
        ["2.逾期未缴费", "0"],
        ["3.其他", "0", "7"],
    ]


def test_it_reads_a_text_box_saved_with_a_fallback_once():
    document = docx.Document()
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    box = (
        f'<w:r {nsdecls("w")} xmlns:mc="{mc}"><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:t>某局2024年政府信息公开工作年度报告</w:t></mc:Choice>'
        "<mc:Fallback><w:t>某局2024年政府信息公开工作年度报告</w:t></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    document.add_paragraph()._p.append(parse_xml(box))
    document.add_paragraph("一、总体情况")
    texts = [b.text for b in docx_blocks(_bytes(document), "t.docx")]
    assert texts == ["某局2024年政府信息公开工作年度报告", "一、总体情况"]


def _document_xml(body: str) -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "word/document.xml", f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>'
        )
    return out.getvalue()


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def test_it_reads_cell_properties_of_the_cell_itself_not_those_a_tracked_change_kept():
    old_span = '<w:tcPrChange w:id="1" w:author="a"><w:tcPr><w:gridSpan w:val="3"/><w:vMerge/></w:tcPr></w:tcPrChange>'
    grid = '<w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:tblGridChange w:id="2"><w:tblGrid><w:gridCol/></w:tblGrid></w:tblGridChange></w:tblGrid>'
    rows = [
        "<w:tr>"
        + _tc("项目", '<w:vMerge w:val="restart"/>')
        + _tc("自然人", old_span)
        + _tc("0", '<w:vMerge w:val="restart"/>')
        + "</w:tr>",
        "<w:tr>" + _tc("", "<w:vMerge/>") + _tc("1") + _tc("", "<w:vMerge/>") + "</w:tr>",
        '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>'
        + _tc("合", '<w:gridSpan w:val="2"/><w:hMerge w:val="restart"/>')
        + "</w:tr>",
        "<w:tr>" + _tc("a") + _tc("b", '<w:hMerge w:val="continue"/>') + _tc("c") + "</w:tr>",
    ]
    more = "<w:tr>" + _tc("d") + _tc("2") + _tc("3") + "</w:tr>"
    data = _document_xml(
        f"<w:tbl>{grid}{''.join(rows)}</w:tbl><w:p/><w:tbl>{grid}{rows[0]}{more}</w:tbl>"
    )
    blocks = docx_blocks(data, "t.docx")
    # The second table has the same grid and nothing but an empty paragraph before it: joined,
    # its repeated header row dropped; a grid of three columns, not the tracked change's one.
    (table,) = [b for b in blocks if isinstance(b, TableBlock)]
    assert table.rows == [["项目", "自然人", "0"], ["1", "0"], ["合"], ["a", "c"], ["d", "2", "3"]]


def test_it_walks_a_layout_table_holding_the_report_tables_as_containers():
    inner = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>"
        + _tc("规章")
        + _tc("3")
        + "</w:tr></w:tbl>"
    )
    outer = (
        "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>"
        + inner
        + "</w:tc></w:tr></w:tbl>"
    )
    blocks = docx_blocks(_document_xml(outer), "t.docx")
    assert [(type(b).__name__, b.text if isinstance(b, TextBlock) else b.rows) for b in blocks] == [
        ("TextBlock", "一、总体情况"),
        ("TableBlock", [["规章", "3"]]),
    ]
