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


# lexbor, like every HTML5 parser, walks the open elements when a <div>-like start tag may close
# a <p>: a page nesting tens of thousands of elements costs time quadratic in its depth (20,000
# nested divs: 0.6 s; 120,000: 54 s) inside C, where nothing can stop it. Such pages are refused
# before parsing. Pages of fewer tags than _FEW_TAGS cannot cost much and are not scanned.
_FEW_TAGS = 10_000
_MAX_PARSE_COST = 50_000_000  # open elements walked (about 0.15 s of parsing)
_TAG = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9]*)")
_CLOSES_P = frozenset(
    b"address article aside blockquote center details dialog dir div dl fieldset figcaption figure "
    b"footer header hgroup main menu nav ol p section summary ul h1 h2 h3 h4 h5 h6 pre form li dd dt".split()
)
# Void elements and those whose end tag is implied by the next one never deepen the page.
_FLAT = frozenset(
    b"area base br col embed hr img input link meta source track wbr p li dd dt tr td th option "
    b"thead tbody tfoot colgroup html head body".split()
)


def _parse_cost(data: bytes) -> int:
    """How many open elements the parser will walk, estimated from the tags."""
    depth = cost = 0
    for m in _TAG.finditer(data):
        name = m.group(2).lower()
        if m.group(1):
            if name not in _FLAT:
                depth = max(0, depth - 1)
            continue
        if name in _CLOSES_P:
            cost += depth
        if name not in _FLAT:
            depth += 1
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
    # The tables holding a table: each table's nearest table ancestor. (Asking every table for the
    # tables and the text inside it took time quadratic in their nesting: 30,000 nested tables.)
    holds_table = set()
    for table in tables:
        node = table.parent
        while node is not None and node.tag != "table":
            node = node.parent
        if node is not None:
            holds_table.add(node.mem_id)
    chains = []
    for table in tables:
        if table.mem_id in holds_table:
            continue
        text = table.text(deep=True)
        if any(m in text for m in _TABLE_MARKERS):
            chain = []
            node = table
            while node is not None:
                chain.append(node)
                node = node.parent
            chains.append(chain[::-1])
    if not chains:
        return None
    common = None
    for level in zip(*chains, strict=False):
        if any(n.mem_id != level[0].mem_id for n in level):
            break
        common = level[0]
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
