"""Text copied from a web page with every table cell on a line of its own (a crawler's page text).

The layout has no tab, no pipe and no blank line: a table is a run of lines, label words then
the row's numbers, each on its own line, and the text around it is cut at every change of font
in the page's markup, so words, headings and numbers are broken anywhere:

- header cells and row labels over several lines (``自``/``然人``, ``三、本``/``年度办``/``理结果``,
  ``(``/``一``/``)``/``予以公开``, ``1.``/``属于国家秘密``): the lines between two rows' numbers
  are one label, joined as printed; a number followed by a line starting with ``.`` or ``、``
  numbers a label, it is no cell;
- a number broken over two lines (``1``/``62``): the row then holds one number too many, and
  the table's arithmetic decides which neighbours belong together (cellmerge.py);
- units and signs on lines of their own inside a cell (``11``/``批``, ``增``/``7``);
- section headings broken (``一、``/``总体情况``, ``一``/``、``/``总体情况``);
- a crawler's header (``发布时间：``, ``来源：``, ``正文:``) above the report;
- a 总计 column printed blank: every 表三 row holds six numbers, read with 总计 blank.

Here the lines are only cut into blocks, as every reader does: the tables are found by the
labels the run-together reader looks for (第二十条第…项, 本列数据/申请人情况, 结转下年度, 结果维持), the
narrative between them is joined back into paragraphs and headings, and `assemble()` maps the
tables' cells by their labels as for every other format.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from ..assemble import Block, TableBlock, TextBlock
from ..sections import match_heading, nfkc, norm

_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_NUMBER_START = "+-0123456789＋－０１２３４５６７８９"
# Units and signs a web table prints inside a cell ("11批", "129323元", "增7"): on lines of their
# own next to the number they belong to, they are not cells.
_UNITS = frozenset(
    {"件", "个", "项", "次", "人", "家", "条", "批", "元", "万元", "份", "宗", "起", "户", "人次"}
)
_SIGNS = {"增": "", "增加": "", "+": "", "减": "-", "减少": "-", "-": "-"}
# A cell printed as a dash or slash: a blank cell, said so by the table mapper.
_DASHES = frozenset({"—", "——", "–", "－", "/", "／", "…", "\\"})
# Lines a crawler prints above the page's text (page furniture, not the report).
_CRAWLER = re.compile(
    r"^(?:标题|发布时间|发布日期|成文日期|来源|信息来源|发布机构|文号|索引号|栏目|原文链接|页面链接|本地目录|主题分类|浏览次数|"
    r"访问次数|点击数|作者|字号|时间|【?字体)\s*[:：]|^=*\s*正文\s*[:：]?\s*=*$"
)
_HEAD_LINES = 12  # the crawler's header is within the first lines
_CHROME_LINES = 200  # a site's menus above the report's title
_YEAR = re.compile(r"(?:19|20)\d\d")
# 表三's own rows are numbered like headings ("一、本年新收…", "四、结转下年度继续办理").
_T3_ROW_HEAD = re.compile(r"[一二三四][、.,]?(?:本年|上年|本年度|结转)")
_CAPTION = re.compile(r"第二十条第[（(]?[一二三四五六七八九十]+[）)]?项")
_NEW_RECEIVED = re.compile(r"本年度?新收")
_T3_LAST = re.compile(r"结转下[一年]")
_HEADING_END = re.compile(r"(?:情况|事项|问题|措施)[。.]?$")
_NOT_A_HEADING_END = "（(一二三四五六0123456789"  # a sub-heading or a number starts the text
_TITLE_WORDS = ("年度报告", "年报")
# A number just before one of these is narrative ("2019"/"年"), not a table's last cell.
_NARRATIVE_AFTER = tuple("年月日号件个项次%％")


@dataclass(slots=True)
class _Line:
    text: str  # stripped
    no: int  # 1-based line in the source
    num: str | None  # the number the line prints alone ("+1" as "1"), else None


def looks_cell_per_line(lines: list[str]) -> bool:
    """Whether `lines` print tables one cell per line: a run of five numbers or more on
    lines of their own (表三 rows hold seven, 表四 fifteen), with no tab or pipe layout."""
    longest = run = numbers = grid = 0
    for line in lines:
        if "\t" in line or line.count("|") >= 2:
            grid += 1  # a tab-separated, tab-indented or pipe table row: the line layouts'
            if grid >= 3:
                return False
        s = line.strip()
        if not s:
            continue
        if _number(s) is None:
            run = 0
            continue
        run += 1
        numbers += 1
        longest = max(longest, run)
        if longest >= 5 and numbers >= 15:
            return True  # decided: the rest need not be looked at
    return False


def _number(line: str) -> str | None:
    """The number a stripped line prints alone ("+1" as "1", full-width digits as ASCII)."""
    if len(line) > 24 or line[0] not in _NUMBER_START:
        return None  # most lines are words: no need to normalise them
    t = nfkc(line)
    return t.lstrip("+") if _NUMBER.fullmatch(t) else None


def cell_line_blocks(lines: list[str], offset: int) -> list[Block]:
    """The blocks of a cell-per-line text; `offset` is the source line number of lines[0] - 1."""
    items = _without_page_chrome(_items(lines, offset))
    headings = _headings(items)
    blocks: list[Block] = []
    pos = 0
    totals_blank = None  # whether 表三 printed its 总计 column blank (表四 is printed alike)
    for a, b, kind in _table_spans(items, headings):
        blocks.extend(_narrative(items, pos, a, headings, first=not blocks))
        rows, blank = _blank_totals(_rows(items[a:b]), kind, totals_blank)
        totals_blank = blank if kind == "t3" else totals_blank
        blocks.append(TableBlock(rows, items[a].no))
        pos = b
    blocks.extend(_narrative(items, pos, len(items), headings, first=not blocks))
    return blocks


def _items(lines: list[str], offset: int) -> list[_Line]:
    items: list[_Line] = []
    for i, line in enumerate(lines):
        s = line.strip()
        if not s or (len(items) < _HEAD_LINES and _CRAWLER.match(s)):
            continue
        items.append(_Line(s, offset + i + 1, _number(s)))
    for a, b in zip(items, items[1:], strict=False):
        if a.num is not None and b.text[:1] in ".．、":
            a.num = None  # "1." / "属于国家秘密": the number of a label
    return items


def _without_page_chrome(items: list[_Line]) -> list[_Line]:
    """A whole page copied starts with the site's menus and breadcrumbs, and has the crawler's
    fields (来源：, 时间：) under the report's title: the report starts at its title, the first
    short line naming a year's 年度报告 before the text begins (a number or a section heading).
    One or two short lines before it are the title's own first lines (an agency's name), kept."""
    t = None
    for i, item in enumerate(items[:_CHROME_LINES]):
        if item.num is not None or match_heading(item.text):
            return items
        if (
            len(item.text) <= 80
            and _YEAR.search(item.text)
            and any(w in item.text for w in _TITLE_WORDS)
        ):
            t = i
            break
    if t is None:
        return items
    if t <= 2 and all(len(it.text) <= 40 for it in items[:t]):
        return items
    after = [it for it in items[t + 1 : t + 1 + _HEAD_LINES] if not _CRAWLER.match(it.text)]
    return [items[t], *after, *items[t + 1 + _HEAD_LINES :]]


# -- headings -------------------------------------------------------------------------------


def _headings(items: list[_Line]) -> dict[int, tuple[int, str, str]]:
    """Section headings: item index -> (lines it takes, heading text, text after it)."""
    out: dict[int, tuple[int, str, str]] = {}
    for i, item in enumerate(items):
        if item.num is not None or item.text[:1] not in "一二三四五六123456":
            continue
        joined = ""
        for k in range(i, min(i + 4, len(items))):
            part = items[k]
            if k > i and (
                part.num is not None or len(part.text) > 40 or part.text[:1] in "一二三四五六"
            ):
                break
            joined += part.text
            if _T3_ROW_HEAD.match(norm(joined)):
                break  # a row of 表三, not a section
            h = match_heading(joined)
            if h:
                out[i] = _completed(items, k + 1, joined, (k - i + 1, h.text, h.rest))
                break
    return out


def _completed(
    items: list[_Line], k: int, joined: str, found: tuple[int, str, str]
) -> tuple[int, str, str]:
    """A heading cut before its last words ("五、存在的主要问题" / "及改进情况", "三、收到和处理" /
    "政府信息公开申请情况"): up to two short lines after it belong to it when with them the
    heading ends with 情况, 事项, 问题 or 措施 and nothing follows."""
    for j in range(k, min(k + 2, len(items))):
        part = items[j]
        if part.num is not None or len(part.text) > 12 or part.text[:1] in _NOT_A_HEADING_END:
            break
        joined += part.text
        h = match_heading(joined)
        if h and not h.rest and _HEADING_END.search(h.text):
            return found[0] + j - k + 1, h.text, ""
    return found


# -- tables ---------------------------------------------------------------------------------


def _table_spans(
    items: list[_Line], headings: dict[int, tuple[int, str, str]]
) -> list[tuple[int, int, str]]:
    """(first item, end item, kind) of 表二, 表三 and 表四, found by their labels in the text of
    all lines joined (a label broken over lines is whole there)."""
    text = "".join(it.text for it in items)
    starts = list(accumulate((len(it.text) for it in items[:-1]), initial=0))

    def item_at(pos: int) -> int:
        return bisect_right(starts, pos) - 1

    def heading_after(i: int) -> int:
        return min((h for h in headings if h > i), default=len(items))

    spans: list[tuple[int, int, str]] = []
    t3_anchor = min(
        (p for p in (text.find("本列数据"), text.find("申请人情况")) if p >= 0), default=-1
    )
    if t3_anchor < 0:
        found = _NEW_RECEIVED.search(text)
        t3_anchor = found.start() if found else -1
    t3_start = item_at(t3_anchor) if t3_anchor >= 0 else len(items)
    if t3_anchor > 0 and text[t3_anchor - 1] in "（(":
        t3_start = item_at(t3_anchor - 1)
    caption = _CAPTION.search(text)
    lo = 0
    if caption and item_at(caption.start()) < t3_start:
        a = item_at(caption.start())
        limit = min(heading_after(a), t3_start)
        b = _after_last_number(items, a, limit)
        spans.append((a, b, "t2"))
        lo = b
    if t3_anchor >= 0:
        a = max(t3_start, lo)
        last = _T3_LAST.search(text, starts[a])
        b = _numbers_end(items, item_at(last.start()), 7, 12) if last else heading_after(a)
        spans.append((a, b, "t3"))
        lo = b
    upheld = text.find("结果维持", starts[lo] if lo < len(items) else len(text))
    if upheld >= 0:
        review = text.rfind("行政复议", starts[lo] if lo < len(items) else 0, upheld)
        a = item_at(review if review >= 0 else upheld)
        spans.append((a, _numbers_end(items, item_at(upheld), 15, 200), "t4"))
    return spans


def _after_last_number(items: list[_Line], a: int, limit: int) -> int:
    """Where a table starting at `a` ends before `limit`: after its last number (and unit)."""
    end = a
    for k in range(a, limit):
        if items[k].num is not None or (end == k and items[k].text in _UNITS):
            end = k + 1
    return end if end > a else limit


def _numbers_end(items: list[_Line], k: int, width: int, label_chars: int) -> int:
    """The end of a table's last row, whose label starts at item `k`: past its label lines (at
    most `label_chars` characters after item k; a label with no numbers after it ends there) and
    its numbers (with units and signs). A number more than the row's `width` followed by a date
    or a count's unit starts the narrative below the table."""
    n = len(items)
    start, chars = k, 0
    k += 1
    while k < n and items[k].num is None:
        chars += len(items[k].text)
        if chars > label_chars:
            return start + 1
        k += 1
    count = 0
    while k < n:
        it = items[k]
        if it.num is not None:
            count += 1
        elif not _inside_cell(items, k):
            break
        k += 1
    if (
        count > width
        and k < n
        and items[k].text.startswith(_NARRATIVE_AFTER)
        and items[k - 1].num is not None
    ):
        k -= 1
    return k


def _inside_cell(items: list[_Line], k: int) -> bool:
    """A unit after a number, a sign or a dash between numbers: part of a cell, not a label."""
    text = items[k].text
    before = items[k - 1].num is not None if k else False
    after = items[k + 1].num is not None if k + 1 < len(items) else False
    if text in _UNITS:
        return before
    if text in _SIGNS or text in _DASHES:
        return before and after
    return False


def _rows(items: list[_Line]) -> list[list[str]]:
    """The rows of a table: the label lines before each run of numbers, then its numbers."""
    rows: list[list[str]] = []
    label: list[str] = []
    values: list[str] = []
    sign = ""
    for k, it in enumerate(items):
        if it.num is not None:
            values.append(_signed(sign, it.num))
            sign = ""
            continue
        after = k + 1 < len(items) and items[k + 1].num is not None
        if it.text in _UNITS and values:
            continue  # "11" / "批"
        if it.text in _SIGNS and after and (values or it.text in ("增", "减")):
            sign = _SIGNS[it.text]  # "增" / "7"
            continue
        if it.text in _DASHES and (values or after):
            values.append(it.text)  # a blank cell printed as a dash
            continue
        if values:
            rows.append(["".join(label), *values])
            label, values = [], []
        label.append(it.text)
    if label or values:
        rows.append(["".join(label), *values])
    return rows


def _signed(sign: str, number: str) -> str:
    return sign + number if sign and not number.startswith("-") else number


def _blank_totals(
    rows: list[list[str]], kind: str, t3_blank: bool | None
) -> tuple[list[list[str]], bool]:
    """A 总计 column printed blank leaves 表三 rows of six numbers and a 表四 of twelve: the
    blank cells are put back in their places (read as blank, not guessed; the rules then say
    that 总计 is blank), and whether they were. Not in 表三 when in every row the last number is
    the sum of the ones before it and some are not 0: 总计 is printed and another cell is
    missing, which the splitter cannot place and says so. 表四 follows 表三 (`t3_blank`); its
    few small numbers add up by chance too often to tell on their own."""
    valued = [r for r in rows if len(r) > 1]
    if kind == "t3" and valued and all(len(r) == 7 for r in valued):
        if not _totals_printed([(r[1:6], r[6]) for r in valued]):
            return [[*r, ""] if len(r) == 7 else r for r in rows], True
    if kind == "t4" and len(valued) == 1 and len(valued[0]) == 13:
        label, *v = valued[0]
        if (
            t3_blank
            if t3_blank is not None
            else not _totals_printed([(v[i : i + 3], v[i + 3]) for i in (0, 4, 8)])
        ):
            filled = [label, *v[0:4], "", *v[4:8], "", *v[8:12], ""]
            return [filled if r is valued[0] else r for r in rows], True
    return rows, False


def _totals_printed(rows: list[tuple[list[str], str]]) -> bool:
    """Whether in every (parts, last) the last number is the sum of the parts, not all 0."""
    try:
        sums = [(sum(map(float, parts)), float(last)) for parts, last in rows]
    except ValueError:
        return True  # a dash or a unit among them: leave the row to the table mapper
    return all(a == b for a, b in sums) and any(b for _, b in sums)


# -- narrative ------------------------------------------------------------------------------


def _narrative(
    items: list[_Line], a: int, b: int, headings: dict[int, tuple[int, str, str]], first: bool
) -> list[Block]:
    """Headings, and the lines between them joined into one paragraph each (the lines are the
    page's text runs, cut anywhere, so they are joined without a space). The report's title,
    the first line of the page, is a paragraph of its own."""
    out: list[Block] = []
    para: list[_Line] = []

    def flush() -> None:
        if para:
            out.append(TextBlock("".join(p.text for p in para), para[0].no))
            para.clear()

    k = a
    if (
        first
        and a < b
        and len(items[a].text) <= 80
        and any(w in items[a].text for w in _TITLE_WORDS)
        and a not in headings
    ):
        out.append(TextBlock(items[a].text, items[a].no))
        k += 1
    while k < b:
        if k in headings:
            flush()
            size, heading, rest = headings[k]
            out.append(TextBlock(heading, items[k].no))
            if rest:
                out.append(TextBlock(rest, items[k].no))
            k += size
            continue
        para.append(items[k])
        k += 1
    flush()
    return out
