"""The HTML reader's blocks: pages we write here the way government sites publish them."""

from __future__ import annotations

import pytest

from gongkai.report import ReportReadError
from gongkai.report.readers import reader_for
from gongkai.report.readers._blocks import TableBlock, TextBlock
from gongkai.report.readers.html import html_blocks

T4_TABLE = """
<table border="1">
  <tr><td colspan="5"><p><span>行政复议</span></p></td><td colspan="10"><font>行政诉讼</font></td></tr>
  <tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td>
      <td rowspan="2">尚未审结</td><td rowspan="2">总计</td>
      <td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
  <tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>
      <td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
  <tr><td><p><span>1</span></p></td><td>0</td><td>&nbsp;</td><td>1</td><td>2</td>
      <td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
</table>"""

REPORT_BODY = f"""
<p>一、总体情况</p><p>本年度&nbsp;&nbsp;我局主动公开信息 38 条。</p>
<p>二、主动公开政府信息情况</p>
<p>三、收到和处理政府信息公开申请情况</p>
<p>四、政府信息公开行政复议、行政诉讼情况</p>{T4_TABLE}
<p>五、存在的主要问题及改进情况</p><p>问题<br>改进</p>
<p>六、其他需要报告的事项</p><p>无。</p>
"""

CHROME = """
<div class="nav"><ul><li><a href="/a">首页</a></li><li><a href="/b">政务公开</a></li></ul></div>
<div class="list"><ul>
  <li><a href="/r/2023">某局2023年政府信息公开工作年度报告</a></li>
  <li><a href="/r/2022">某局2022年政府信息公开工作年度报告</a></li>
</ul></div>"""

FOOTER = '<div class="footer"><p>主办单位：某局　网站标识码 3590000001</p></div>'


def _page(body: str, head: str = '<meta charset="utf-8">') -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>某局2024年政府信息公开工作年度报告_政府信息公开年报_某局</title></head><body>{body}</body></html>"


def _tables(blocks) -> list[TableBlock]:
    return [b for b in blocks if isinstance(b, TableBlock)]


def _texts(blocks) -> list[str]:
    return [b.text for b in blocks if isinstance(b, TextBlock)]


def test_it_lists_each_spanned_cell_once_in_the_row_it_starts():
    blocks = html_blocks(_page(REPORT_BODY).encode(), "t.html")
    (table,) = _tables(blocks)
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
    assert len(table.rows[2]) == 10
    # &nbsp; is a blank cell, kept in its place so the columns do not shift.
    assert table.rows[3][:5] == ["1", "0", "", "1", "2"]
    assert len(table.rows[3]) == 15


def test_it_keeps_the_report_and_leaves_out_the_site_chrome():
    page = _page(
        f'{CHROME}<div class="main"><h1>某局2024年政府信息公开工作年度报告</h1><div class="content">{REPORT_BODY}</div></div>{FOOTER}'
    )
    texts = _texts(html_blocks(page.encode(), "t.html"))
    assert texts[0] == "某局2024年政府信息公开工作年度报告"
    assert "一、总体情况" in texts and "无。" in texts
    assert not any("2023年" in t or "首页" in t or "主办单位" in t for t in texts)
    # <br> splits lines; &nbsp; runs collapse to one space.
    assert "问题" in texts and "改进" in texts
    assert "本年度 我局主动公开信息 38 条。" in texts


def test_it_takes_the_innermost_tables_inside_layout_tables():
    page = _page(
        f'<table width="100%"><tr><td>{CHROME}</td></tr>'
        f'<tr><td><table class="article"><tr><td>{REPORT_BODY}</td></tr></table></td></tr>'
        f"<tr><td>{FOOTER}</td></tr></table>"
    )
    blocks = html_blocks(page.encode(), "t.html")
    (table,) = _tables(blocks)
    assert table.rows[0] == ["行政复议", "行政诉讼"]
    texts = _texts(blocks)
    assert "五、存在的主要问题及改进情况" in texts
    assert not any("首页" in t or "主办单位" in t for t in texts)


@pytest.mark.parametrize("charset", ["gbk", "gb2312", "GB18030"])
def test_it_decodes_a_gbk_page_by_its_meta_charset(charset):
    page = _page(
        REPORT_BODY, f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    )
    blocks = html_blocks(page.encode("gb18030"), "t.html")
    assert "四、政府信息公开行政复议、行政诉讼情况" in _texts(blocks)
    assert _tables(blocks)[0].rows[0] == ["行政复议", "行政诉讼"]


def test_it_decodes_a_gbk_page_that_declares_no_charset():
    page = _page(REPORT_BODY, head="")
    assert "六、其他需要报告的事项" in _texts(html_blocks(page.encode("gbk"), "t.html"))


def test_it_repeats_a_zero_merged_down_over_rows_but_no_other_merged_value():
    table = """<p>一、总体情况</p><p>三、收到和处理政府信息公开申请情况</p><table>
    <tr><td rowspan="3">（六）其他处理</td><td>1.申请人无正当理由逾期不补正</td><td rowspan="3">0</td><td rowspan="2">5</td></tr>
    <tr><td>2.申请人逾期未按收费通知要求缴纳费用</td></tr>
    <tr><td>3.其他</td><td>7</td></tr></table><p>四、政府信息公开行政复议、行政诉讼情况</p>"""
    (block,) = _tables(html_blocks(_page(table).encode(), "t.html"))
    assert block.rows == [
        ["（六）其他处理", "1.申请人无正当理由逾期不补正", "0", "5"],
        ["2.申请人逾期未按收费通知要求缴纳费用", "0"],
        ["3.其他", "0", "7"],
    ]


def test_it_refuses_a_page_that_holds_no_report():
    page = _page(CHROME + "<p>欢迎访问本网站。</p>" + FOOTER)
    with pytest.raises(ReportReadError) as err:
        html_blocks(page.encode(), "news.html")
    assert err.value.source == "news.html"
    assert "没有找到" in err.value.reason


def test_it_is_chosen_by_content_not_by_extension():
    assert reader_for(_page(REPORT_BODY).encode(), "report.pdf").name == "html"
    assert reader_for(b"<table><tr><td>1</td></tr></table>", "x.txt").name == "html"


def test_it_finds_a_report_printed_without_tables_inside_the_chrome():
    body = REPORT_BODY.replace(T4_TABLE, '<p><img src="t4.png"></p>')
    page = _page(f'{CHROME}<div class="main"><div class="content">{body}</div></div>{FOOTER}')
    blocks = html_blocks(page.encode(), "t.html")
    assert _tables(blocks) == []
    texts = _texts(blocks)
    assert "一、总体情况" in texts and "无。" in texts
    assert not any("首页" in t or "主办单位" in t for t in texts)


def test_it_finds_headings_split_over_inline_elements():
    body = "".join(
        f"<p><span>{h[:4]}</span><span>{h[4:]}</span></p><p>内容</p>"
        for h in (
            "一、总体情况",
            "二、主动公开政府信息情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        )
    )
    page = _page(f'{CHROME}<div class="content">{body}</div>{FOOTER}')
    texts = _texts(html_blocks(page.encode(), "t.html"))
    assert "五、存在的主要问题及改进情况" in texts
    assert not any("首页" in t for t in texts)


def test_it_keeps_a_table_caption_as_text_before_the_table():
    table = T4_TABLE.replace(
        '<table border="1">',
        '<table border="1"><caption>表四 政府信息公开行政复议、行政诉讼情况</caption>',
    )
    blocks = html_blocks(_page(REPORT_BODY.replace(T4_TABLE, table)).encode(), "t.html")
    index = next(i for i, b in enumerate(blocks) if isinstance(b, TableBlock))
    assert blocks[index - 1] == TextBlock("表四 政府信息公开行政复议、行政诉讼情况")
