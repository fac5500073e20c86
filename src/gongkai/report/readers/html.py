"""Reports as government sites publish them: one web page, the report inside the site's chrome.

The page is parsed with selectolax (lexbor), then:

1. decoded by its declared charset (GBK/GB2312 pages are read as GB18030, a superset), else
   UTF-8, else GB18030 (`encoding.decode_text`); a UTF-8 page goes to lexbor as its own bytes;
2. the report's content region is found: the common container of its data tables, widened while
   that takes in more report markers (section headings, table labels); without data tables, the
   innermost element holding the most markers. Menus, footers and lists of other reports stay out;
3. the region is walked in document order into text blocks (paragraphs, <br> lines) and table
   blocks. Each <tr> gives the cells that start in it (a rowspan/colspan cell once); a table that
   holds other tables is layout, walked as a container, so only the innermost data tables count.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..errors import NotAReportError, ReportReadError
from ..model import Report
from ._blocks import (
    Block,
    TableBlock,
    TextBlock,
    assemble,
    clean_cell,
    clean_line,
    drop_empty_rows,
    is_text_box,
)
from .base import register
from .encoding import decode_text, looks_binary, without_bom

_MARKUP = re.compile(rb"<(!doctype\s+html|html|body|table|head|meta|div|p)[\s>/]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
_GB = {"gbk", "gb2312", "gb18030", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "hz-gb-2312"}

# Words only the report itself prints: section headings of 《条例》第五十条 and table labels.
MARKERS = (
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议",
    "存在的主要问题",
    "其他需要报告的事项",
    "信息内容",
    "本年新收政府信息公开申请数量",
    "结转下年度继续办理",
    "结果维持",
)
_MIN_MARKERS = 3

_REGION_TAGS = {"body", "div", "td", "article", "section", "main", "center", "form", "font", "span"}
_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "main",
    "blockquote", "center", "pre", "dl", "dt", "dd", "form", "header", "footer", "caption", "address",
    "hr", "figure", "figcaption", "tr", "td", "th", "tbody", "thead", "tfoot",
}  # fmt: skip
_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "select",
    "button",
    "input",
    "textarea",
    "head",
    "title",
    "svg",
    "object",
}


# lexbor's ids of <td> and <th>: comparing ids is cheaper than building each cell's tag name.
_CELL_IDS = frozenset(node.tag_id for node in LexborHTMLParser("<table><tr><td><th>").css("td, th"))


def decode_html(data: bytes, source: str) -> str | bytes:
    """The page for lexbor: UTF-8 pages as their own bytes (lexbor parses UTF-8; handing it a str
    would only encode the text back), anything else decoded to text."""
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        if name in _GB:
            # The declared charset is what the browser uses; a few mis-encoded bytes are shown
            # as U+FFFD there too rather than refusing the page.
            return data.decode("gb18030", errors="replace")
    utf8 = without_bom(data)
    try:
        utf8.decode("utf-8")  # only to know that it is UTF-8
    except UnicodeDecodeError:
        return decode_text(data, source)
    return utf8


# lexbor, like every HTML5 parser, walks its stack of open elements for many tags: a start tag
# that may close a <p> (<div>, <li>, <table>, <hr> ...) looks for an open <p>, and an end tag
# whose element is not the innermost one looks for it, both down through every open inline
# element. A page nesting tens of thousands of elements costs time quadratic in its depth (20,000
# nested divs: 0.6 s; 120,000: 54 s; 30,000 tables, then 30,000 stray </table>, under 30,000
# spans: 4.7 s, fuzz 2:915372) inside C, where nothing can stop it. Such pages are refused
# before parsing. Pages of fewer tags than _FEW_TAGS cannot cost much and are not scanned.
_FEW_TAGS = 10_000
_MAX_PARSE_COST = 50_000_000  # open elements walked (about 0.15 s of parsing)
_TAG = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9]*)")
_CLOSES_P = frozenset(
    b"address article aside blockquote center details dialog dir div dl fieldset figcaption figure "
    b"footer header hgroup main menu nav ol p section summary ul h1 h2 h3 h4 h5 h6 pre form li dd dt".split()
)
# Other start tags measured walking the open elements in lexbor (5,000 of them under 30,000 spans:
# 0.15 to 0.8 s, against 0.01 s for <span>, <td> or <img>).
_WALKS = _CLOSES_P | frozenset(
    b"table hr option optgroup rb rp rt rtc listing input select body html template".split()
)
# Void elements and those whose end tag is implied by the next one never deepen the page.
_FLAT = frozenset(
    b"area base br col embed hr img input link meta source track wbr p li dd dt tr td th option "
    b"thead tbody tfoot colgroup html head body".split()
)


def _parse_cost(data: bytes) -> int:
    """How many open elements the parser will walk, estimated from the tags: each walk is counted
    to the bottom of the stack (the parser often stops earlier, at a table cell or a block). Linear:
    an end tag pops its element and those above it, each pushed and popped once."""
    stack: list[bytes] = []  # the open elements that deepen the page, innermost last
    where: dict[bytes, list[int]] = {}  # name -> its places on the stack
    flat_open: set[bytes] = set()  # flat elements started and not ended since
    in_cell: set[int] = set()  # places of the tables with a cell open

    def pop() -> None:
        where[stack.pop()].pop()
        in_cell.discard(len(stack))

    cost = 0
    for m in _TAG.finditer(data):
        name = m.group(2).lower()
        table = len(stack) - 1 if stack and stack[-1] == b"table" else None  # innermost, if a table
        if not m.group(1):  # a start tag
            if name in _WALKS:
                cost += len(stack)
            if table is not None:
                if name == b"table" and table not in in_cell:
                    pop()  # a table straight inside a table ends it: the new one is its sibling
                elif name in (b"td", b"th"):
                    in_cell.add(table)
                elif name == b"tr":
                    in_cell.discard(table)
            if name in _FLAT:
                flat_open.add(name)
            else:
                where.setdefault(name, []).append(len(stack))
                stack.append(name)
        elif name in _FLAT:
            if table is not None and name in (b"td", b"th"):
                in_cell.discard(table)
            if name in flat_open:
                flat_open.discard(name)
            else:  # nothing to close: looked for all the way down, then ignored
                cost += len(stack)
        elif where.get(name):
            place = where[name][-1]
            cost += len(stack) - place
            while len(stack) > place:
                pop()
        else:
            cost += len(stack)
    return cost


def html_blocks(data: bytes, source: str) -> list[Block]:
    """The report's blocks, in page order. ReportReadError when the page holds no report."""
    if data.count(b"<") > _FEW_TAGS and _parse_cost(data) > _MAX_PARSE_COST:
        raise ReportReadError(source, "网页结构异常：元素层层嵌套上万层，无法读取")
    tree = LexborHTMLParser(decode_html(data, source))
    region = _content_region(tree)
    if region is None:
        raise NotAReportError(
            source, "网页中没有找到政府信息公开工作年度报告的正文（没有报告的章节标题或表格）"
        )
    walker = _Walker()
    walker.walk(region)
    walker.flush()
    blocks = walker.blocks
    title = _page_title(tree)
    first_text = next((b.text for b in blocks if isinstance(b, TextBlock)), "")
    if title and not ("年度报告" in first_text and len(first_text) < 100):
        blocks.insert(0, TextBlock(title))
    return blocks


_MARKER_QUERY = ", ".join(f'*:lexbor-contains("{m}")' for m in MARKERS)
_TABLE_MARKERS = ("信息内容", "申请人情况", "本年新收", "结果维持", "予以公开")


def _markers(node: LexborNode) -> int:
    # text_lexbor(): the text of every text node inside, as text(deep=True) gives, for less work.
    text = node.text_lexbor()
    return sum(1 for m in MARKERS if m in text)


def _content_region(tree: LexborHTMLParser) -> LexborNode | None:
    """The innermost element holding the report: its data tables and section headings."""
    root = tree.body or tree.root
    if root is None:
        return None
    region = _around_tables(root) or _around_markers(root)
    return region if region is not None and _markers(region) >= _MIN_MARKERS else None


def _around_tables(root: LexborNode) -> LexborNode | None:
    """The common ancestor of the report's data tables, widened while that adds markers (the
    section headings printed beside the tables). Cheap: a few ancestors' text, not every node's."""
    tables = root.css("table")
    holds_table = _tables_holding_a_table(tables)
    data_tables = []
    for table in tables:
        if table.mem_id in holds_table:
            continue
        text = table.text(deep=True)
        if any(m in text for m in _TABLE_MARKERS):
            data_tables.append(table)
    if not data_tables:
        return None
    common = _common_ancestor(data_tables)
    node = common
    while node is not None and node.tag not in _REGION_TAGS:
        node = node.parent
    if node is None:
        return None
    score = _markers(node)
    while node.parent is not None and node.parent.tag in _REGION_TAGS:
        parent_score = _markers(node.parent)
        if parent_score <= score:
            break
        node, score = node.parent, parent_score
    return node


# The two helpers below climb from many elements towards the root, and each element is climbed
# through once: a climb stops at an element an earlier climb passed and takes its answer. Climbing
# from every table to the root took time quadratic in the page's depth (1,000 sibling tables under
# 30,000 unclosed <b>: 2.2 s of CPU; 30,000 tables under 30,000 spans, fuzz 2:915372: 75 s).


def _tables_holding_a_table(tables: list[LexborNode]) -> set[int]:
    """The mem_ids of the tables holding a table: each table's nearest table ancestor."""
    nearest: dict[int, int | None] = {}  # element -> the nearest table at or above it
    holders = set()
    for table in tables:
        climbed = []
        node = table.parent
        while node is not None and node.tag != "table" and node.mem_id not in nearest:
            climbed.append(node.mem_id)
            node = node.parent
        if node is None:
            found = None
        elif node.tag == "table":
            found = node.mem_id
        else:
            found = nearest[node.mem_id]
        for key in climbed:
            nearest[key] = found
        if found is not None:
            holders.add(found)
    return holders


def _common_ancestor(nodes: list[LexborNode]) -> LexborNode:
    """The innermost element holding all of `nodes` (a node holds itself). The first node's
    ancestors are the line; every other node climbs until it meets the line or an earlier climb."""
    line = []  # the first node, then its ancestors up to the document
    node = nodes[0]
    while node is not None:
        line.append(node)
        node = node.parent
    on_line = {n.mem_id: i for i, n in enumerate(line)}
    met: dict[int, int] = {}  # climbed element -> the place on the line where its climb met it
    highest = 0
    for start in nodes[1:]:
        climbed = []
        node = start
        while node is not None and node.mem_id not in on_line and node.mem_id not in met:
            climbed.append(node.mem_id)
            node = node.parent
        if node is None:  # not in the same document: only the document holds both
            place = len(line) - 1
        else:
            place = on_line[node.mem_id] if node.mem_id in on_line else met[node.mem_id]
        for key in climbed:
            met[key] = place
        highest = max(highest, place)
    return line[highest]


def _around_markers(root: LexborNode) -> LexborNode | None:
    """Without data tables: the innermost element holding the most markers. One lexbor query
    finds the elements whose own text holds a marker; each counts for its ancestors. A marker
    split over inline elements is missed there, so with too few a full scan decides."""
    # Each hit's ancestors are walked only up to the first one walked before, and its markers
    # climb only until an ancestor holds them: walking every hit's whole chain took time
    # quadratic in the depth (19 copies of a report each under 30,000 unclosed spans: minutes).
    found: dict[int, set[str]] = {}  # mem_id -> the markers inside it
    nodes: dict[int, tuple[int, LexborNode]] = {}  # mem_id -> (depth, node)
    parent: dict[int, int | None] = {}  # mem_id -> its parent's
    for hit in root.css(_MARKER_QUERY):
        text = hit.text(deep=True)
        markers = {m for m in MARKERS if m in text}
        chain = []
        node = hit
        while node is not None and node.mem_id not in nodes:
            chain.append(node)
            node = node.parent
        depth, above = (0, None) if node is None else (nodes[node.mem_id][0] + 1, node.mem_id)
        for node in reversed(chain):
            nodes[node.mem_id] = (depth, node)
            parent[node.mem_id] = above
            depth, above = depth + 1, node.mem_id
        key = hit.mem_id
        while key is not None and not markers <= found.setdefault(key, set()):
            found[key] |= markers
            key = parent[key]
    candidates = [
        (len(found[i]), depth, node)
        for i, (depth, node) in nodes.items()
        if node.tag in _REGION_TAGS
    ]
    if max((c[0] for c in candidates), default=0) < _MIN_MARKERS:
        if _markers(root) < _MIN_MARKERS:
            return None  # no element holds more than the page: the full scan cannot find a region
        candidates = _full_scan(root)
    best = max(candidates, key=lambda c: (c[0], c[1]), default=None)
    # Ties go to the deepest (or, in the full scan, the shortest) element: the innermost wrapper.
    return best[2] if best is not None else None


# A marker may run from one text node into the next: the last _SEAM characters of one text and the
# first of the next are where it can be found.
_SEAM = max(len(m) for m in MARKERS) - 1


class _Text(NamedTuple):
    """What the full scan needs of an element's text (`text(deep=True)`), without the text."""

    markers: frozenset[str]
    length: int
    head: str  # its first _SEAM characters
    tail: str  # its last _SEAM characters

    def __add__(self, after: _Text) -> _Text:
        if not after.length:
            return self
        if not self.length:
            return after
        seam = self.tail + after.head
        return _Text(
            self.markers | after.markers | {m for m in MARKERS if m in seam},
            self.length + after.length,
            (self.head + after.head)[:_SEAM],
            (self.tail + after.tail)[-_SEAM:],
        )


_NO_TEXT = _Text(frozenset(), 0, "", "")


def _full_scan(root: LexborNode) -> list[tuple[int, int, LexborNode]]:
    """(markers, -length of its text, element) of each region element under `root`, in page order,
    built from the text nodes up in one pass: asking every element for its text took time
    quadratic in the depth (20,000 nested spans, a heading split by an inline element: 6.5 s)."""
    nodes = list(root.traverse(include_text=True))
    inner: dict[int, _Text] = {}  # element -> the text of the children seen so far
    texts: dict[int, _Text] = {}  # region element -> its text
    for node in reversed(nodes):  # each node after everything inside it, children last to first
        if node.tag == "-text":
            text = node.text_content or ""
            own = _Text(
                frozenset(m for m in MARKERS if m in text), len(text), text[:_SEAM], text[-_SEAM:]
            )
        else:  # an element (or a comment: no text)
            own = inner.pop(node.mem_id, _NO_TEXT)
            if node.tag in _REGION_TAGS:
                texts[node.mem_id] = own
        if node.parent is not None:
            key = node.parent.mem_id
            inner[key] = own + inner.get(key, _NO_TEXT)
    return [
        (len(texts[n.mem_id].markers), -texts[n.mem_id].length, n)
        for n in nodes
        if n.mem_id in texts
    ]


def _page_title(tree: LexborHTMLParser) -> str | None:
    meta = tree.css_first('meta[name="ArticleTitle"]')
    if meta is not None and meta.attributes.get("content"):
        return clean_line(meta.attributes["content"])
    for selector in ("h1", "title"):
        node = tree.css_first(selector)
        if node is not None:
            text = clean_line(node.text())
            # "<report title>_<column>_<site>" is how site titles are built.
            text = re.split(r"\s*[_|]\s*|\s+-\s+", text)[0]
            if "报告" in text:
                return text
    return None


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._buffer: list[str] = []

    def flush(self) -> None:
        line = clean_line("".join(self._buffer))
        self._buffer.clear()
        if line:
            self.blocks.append(TextBlock(line))

    def walk(self, node: LexborNode) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self._buffer.append(child.text_content or "")
            elif tag == "br":
                self.flush()
            elif tag is None or tag in _SKIP_TAGS or tag.startswith("-") or tag.startswith("!"):
                # (lexbor gives no tag name for an element whose name a damaged file garbled)
                continue
            elif tag == "table":
                self.flush()
                self.table(child)
            elif tag in _BLOCK_TAGS:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)

    def table(self, table: LexborNode) -> None:
        for child in table.iter():
            if child.tag == "caption":  # printed above the table, e.g. 表三 收到和处理…
                self.walk(child)
                self.flush()
        rows = _own_rows(table)
        if any(inner.mem_id != table.mem_id for inner in table.css("table")):
            # A layout table around the content: its cells are containers.
            for tr in rows:
                for cell in _cells(tr):
                    self.walk(cell)
                    self.flush()
            return
        grid = drop_empty_rows(_rows_with_spanned_zeros(rows, _spans(table)))
        if not grid:
            return
        if is_text_box(grid):
            self.blocks.extend(TextBlock(row[0]) for row in grid if row)
        else:
            self.blocks.append(TableBlock(grid))


def _own_rows(table: LexborNode) -> list[LexborNode]:
    """The table's rows, not those of tables nested in its cells."""
    rows = []
    for tr in table.css("tr"):
        parent = tr.parent
        if parent is not None and parent.tag in ("tbody", "thead", "tfoot"):
            parent = parent.parent
        if parent is not None and parent.mem_id == table.mem_id:
            rows.append(tr)
    return rows


def _spans(table: LexborNode) -> dict[int, tuple[int, int]]:
    """(colspan, rowspan) of the table's merged cells, by mem_id. One lexbor query finds the few
    cells that carry the attributes; reading attributes costs far more than the cell's text."""
    spans = {}
    for cell in table.css("[colspan], [rowspan]"):
        if cell.tag_id in _CELL_IDS:
            attrs = cell.attributes
            spans[cell.mem_id] = (_int_attr(attrs, "colspan"), _int_attr(attrs, "rowspan"))
    return spans


def _rows_with_spanned_zeros(
    rows: list[LexborNode], spans: dict[int, tuple[int, int]]
) -> list[list[str]]:
    """Each row's cells, as printed; a 0 merged down over several rows is repeated in each.

    Some sites merge one "0" over the rows of a group (e.g. the three 其他处理 rows): zero in one
    merged cell is zero in each row. Any other merged cell is given once, in the row it starts.
    """
    carried: dict[int, tuple[str | None, int]] = {}  # grid column -> (text, rows still to fill)
    out: list[list[str]] = []
    for tr in rows:
        row: list[str] = []
        col = 0
        for cell in _cells(tr):
            if col in carried:
                col = _fill_carried(row, carried, col)
            text = clean_cell(cell.text_lexbor())  # all text nodes inside, as text() joins them
            row.append(text)
            span, down = spans.get(cell.mem_id, (1, 1)) if spans else (1, 1)
            if down > 1:
                for c in range(col, col + span):
                    carried[c] = (text if text == "0" and c == col else None, down)
            col += span
        _fill_carried(row, carried, col)
        out.append(row)
        if carried:
            carried = {c: (text, left - 1) for c, (text, left) in carried.items() if left - 1 > 0}
    return out


def _fill_carried(row: list[str], carried: dict[int, tuple[str | None, int]], col: int) -> int:
    """Steps over the columns a cell merged down from an earlier row covers, repeating a zero."""
    while col in carried:
        text = carried[col][0]
        if text is not None:
            row.append(text)
        col += 1
    return col


# Browsers cap colspan at 1000 and rowspan at 65534 (HTML §4.9.11); no report's table comes near
# 100 columns, and each spanned column is a step of every row it covers.
_MAX_SPAN = {"colspan": 100, "rowspan": 65534}


def _int_attr(attrs: dict, name: str) -> int:
    try:
        return min(_MAX_SPAN[name], max(1, int((attrs.get(name) or "1").strip())))
    except ValueError:
        return 1


def _cells(tr: LexborNode) -> list[LexborNode]:
    return [c for c in tr.iter() if c.tag_id in _CELL_IDS]


class HtmlReader:
    name = "html"

    def sniff(self, head: bytes) -> int:
        # Markup first: most heads hold none, and the search is cheaper than the binary test. The
        # regex (case-insensitive) scans byte by byte, so it starts at the first "<".
        first = head.find(b"<", 0, 4096)
        if first < 0 or not _MARKUP.search(head, first, 4096):
            return 0
        return 0 if looks_binary(head) else 90

    def read(self, data: bytes, source: str) -> Report:
        return assemble(html_blocks(data, source), source)


register(HtmlReader())
