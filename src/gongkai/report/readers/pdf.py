"""Reports published as PDF.

Everything comes from pdfium (pypdfium2, C): the text layer of every page, and, only on pages
whose text holds table labels, the ruling lines and character boxes (`_pdf_geometry`) from which
the ruled tables' cells are built (`_pdf_grid`). On those pages the text outside the tables is
taken by region, in reading order around the tables.

Hard-wrapped lines are joined into paragraphs; page numbers dropped. A table continued on the next
page is joined to its first part (same column count, nothing but a page number between), its
repeated header rows dropped and a row label cut by the page break ("（四）无" | "法提供") rejoined.

A PDF with no text layer (a scan) gives a report with the READ-PDF-NEEDS-OCR finding; an encrypted
or damaged PDF a ReportReadError.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from ..errors import ReportReadError
from ..model import Report
from ..reading_pdf import PDF_NEEDS_OCR
from ..templates import TEMPLATES
from ._blocks import (
    Block,
    TableBlock,
    TextBlock,
    assemble,
    clean_cell,
    drop_empty_rows,
    is_text_box,
    join_title_lines,
)
from ._pdf_geometry import (
    objects_walked,
    page_chars,
    page_edges,
    page_objects,
    rule_pairs,
    table_regions,
)
from ._pdf_grid import table_grid
from .base import register

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－]*(第\s*)?\d+(\s*页)?(\s*共\s*\d+\s*页)?[\s\-—–－]*$|^\d+\s*/\s*\d+$"
)
_TABLE_WORDS = (
    "信息内容",
    "申请人情况",
    "本年新收",
    "予以公开",
    "不予处理",
    "结转下年度",
    "结果维持",
    "尚未审结",
    "第二十条",
)
_PARAGRAPH_START = re.compile(
    r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|\d+[.、．]|[①-⑳])"
)
_SENTENCE_END = "。！？；：:;!?"
_NUMBER = re.compile(r"^[-+]?\d[\d,，]*(\.\d+)?$")


def _known_labels() -> set[str]:
    labels: set[str] = set()
    for t in TEMPLATES.values():
        labels.update(clean_cell(r.label) for r in (*t.t3_rows, *t.t4_groups))
        labels.update(clean_cell(r.group) for r in (*t.t3_rows, *t.t4_groups) if r.group)
        for sub in t.t2:
            labels.update(clean_cell(r.label) for r in sub.rows)
    return labels


_LABELS = _known_labels()


@dataclass
class _Table:
    grid: list[list[str | None]]  # from _pdf_grid: None where a merged cell continues
    top_of_page: bool  # nothing but page furniture above it
    bottom_of_page: bool  # nothing but page furniture below it


def _open(data: bytes, source: str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise ReportReadError(
                source, "PDF 已加密（需要密码才能打开），无法读取；请提供未加密的文件"
            ) from None
        raise ReportReadError(source, f"PDF 文件已损坏，无法打开（{exc}）") from None


# Pages may share one content stream, so a PDF of a few KB can repeat one page hundreds of times:
# a page of 25,000 paths (pdfium parses each page it loads: 15 ms), of 20,000 paths walked for rules
# (0.1 s), of 1,400 rules compared pairwise (0.15 s). What the pages cost is bounded for the whole
# document. The corpus's real PDF has 3,000 objects, 900 pairs of rules; a written report 1,200
# objects, 65,000 pairs.
_MAX_LOADED = 300_000
_MAX_WALKED = 100_000
_MAX_PAIRS = 2_000_000


@dataclass
class _PageCost:
    """What the document's pages have cost so far; past a bound, a one-line ReportReadError."""

    source: str
    loaded: int = 0
    walked: int = 0
    pairs: int = 0

    def load(self, page: pdfium.PdfPage, number: int) -> None:
        self.loaded += page_objects(page)
        if self.loaded > _MAX_LOADED:
            raise ReportReadError(
                self.source,
                f"PDF 页面内容过多：至第 {number} 页共有 {self.loaded} 个页面对象"
                f"（上限 {_MAX_LOADED}），不予读取",
            )

    def edges(self, page: pdfium.PdfPage, number: int) -> list[dict]:
        """The page's rules."""
        self.walked += objects_walked(page)
        if self.walked > _MAX_WALKED:
            raise ReportReadError(
                self.source,
                f"PDF 图形过多：至第 {number} 页，含表格的页面共有 {self.walked} 个页面对象"
                f"（上限 {_MAX_WALKED}），不予读取",
            )
        edges = page_edges(page)
        self.pairs += rule_pairs(edges)
        if self.pairs > _MAX_PAIRS:
            raise ReportReadError(
                self.source,
                f"PDF 表格线过多：至第 {number} 页，表格线需两两比对 {self.pairs} 次"
                f"（上限 {_MAX_PAIRS}），不予读取",
            )
        return edges


def pdf_blocks(data: bytes, source: str) -> tuple[list[Block], bool]:
    """The report's blocks and whether the PDF needs OCR (no text layer)."""
    document = _open(data, source)
    cost = _PageCost(source)
    try:
        if len(document) == 0:
            raise ReportReadError(source, "PDF 中没有页面")
        items: list[str | _Table] = []  # lines of text and tables, in reading order
        edges: list[str] = []  # each page's first and last line
        total_text = 0
        for index in range(len(document)):
            try:
                page = document[index]
                textpage = page.get_textpage()
            except pdfium.PdfiumError as exc:  # a page object the file damaged
                raise ReportReadError(
                    source, f"PDF 文件已损坏：第 {index + 1} 页无法读取（{exc}）"
                ) from None
            cost.load(page, index + 1)
            text = textpage.get_text_bounded()
            total_text += len(re.sub(r"\s", "", text))
            lines = _content(text.splitlines())
            edges.extend({clean_cell(lines[0]), clean_cell(lines[-1])} if lines else ())
            if any(word in text for word in _TABLE_WORDS):
                items.extend(_table_page(page, textpage, text, cost.edges(page, index + 1)))
            else:
                items.extend(text.splitlines())
        if total_text < 20:
            if not any(_has_image(document[i]) for i in range(len(document))):
                raise ReportReadError(
                    source, "PDF 中既没有文字也没有图像（空白文件），不是年度报告"
                )
            return [], True
        # A running header or footer: the same line at the top or foot of at least half the pages
        # (and of three at least) is page furniture, not the report's words.
        counts = Counter(edges)
        furniture = {line for line, n in counts.items() if n >= max(3, len(document) / 2)}
        items = [i for i in items if not (isinstance(i, str) and clean_cell(i) in furniture)]
        return join_title_lines(_blocks(items)), False
    finally:
        document.close()


def _has_image(page: pdfium.PdfPage) -> bool:
    return (
        next(page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=2), None)
        is not None
    )


def _table_page(
    page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, text: str, edges: list[dict]
) -> list[str | _Table]:
    """The page's text lines and ruled tables in reading order (top to bottom), from its rules."""
    tables = []
    regions = table_regions(edges)
    chars = page_chars(page, textpage) if regions else []
    for bbox, edges in regions:
        grid = table_grid(edges, chars, bbox)
        cleaned = drop_empty_rows([[clean_cell(c) for c in row if c is not None] for row in grid])
        if cleaned and not is_text_box(cleaned):
            tables.append((bbox, grid))
    if not tables:
        return text.splitlines()
    height = page.get_bbox()[3]
    out: list[str | _Table] = []
    y = 0.0
    for index, ((_x0, top, _x1, bottom), grid) in enumerate(tables):
        above = _lines_between(textpage, height, y, top)
        out.extend(above)
        out.append(_Table(grid, top_of_page=not _content(above), bottom_of_page=False))
        y = bottom
        if index == len(tables) - 1:
            below = _lines_between(textpage, height, y, height)
            out[-1].bottom_of_page = not _content(below)
            out.extend(below)
    return out


def _lines_between(
    textpage: pdfium.PdfTextPage, height: float, top: float, bottom: float
) -> list[str]:
    if bottom - top < 1:
        return []
    # Table regions are measured from the top of the page, pdfium's text boxes from the bottom.
    text = textpage.get_text_bounded(
        left=0, bottom=height - bottom + 0.5, right=None, top=height - top - 0.5
    )
    return text.splitlines()


def _content(lines: list[str]) -> list[str]:
    return [line for line in lines if line.strip() and not _PAGE_NUMBER.match(line.strip())]


def _blocks(items: list[str | _Table]) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []
    # The text width in characters: long lines are full lines; a paragraph's last line is short.
    lengths = sorted(
        len(clean_cell(i)) for i in items if isinstance(i, str) and len(i.strip()) > 10
    )
    width = lengths[int(len(lengths) * 0.8)] if lengths else 0
    pending: _Table | None = None  # a table that may continue on the next page

    def flush() -> None:
        if paragraph:
            blocks.append(TextBlock(clean_cell("".join(_join(paragraph)))))
            paragraph.clear()

    def close_table() -> None:
        nonlocal pending
        if pending is not None:
            rows = drop_empty_rows(
                [[clean_cell(c) for c in row if c is not None] for row in pending.grid]
            )
            blocks.append(TableBlock(rows))
            pending = None

    for item in items:
        if isinstance(item, _Table):
            flush()
            if pending is not None and item.top_of_page and _continues(pending, item):
                _append_continuation(pending, item)
            else:
                close_table()
                pending = item
            if not item.bottom_of_page:
                close_table()
            continue
        line = clean_cell(item)
        if not line or _PAGE_NUMBER.match(line):
            continue
        close_table()
        if _PARAGRAPH_START.match(line):
            flush()
        paragraph.append(line)
        # A line well short of the page's width, or ending a sentence, ends its paragraph.
        if line[-1] in _SENTENCE_END and len(line) < width * 0.9 or len(line) < width * 0.75:
            flush()
    flush()
    close_table()
    return blocks


def _join(lines: list[str]) -> list[str]:
    out = []
    for i, line in enumerate(lines):
        if (
            i
            and line[:1].isascii()
            and line[:1].isalnum()
            and out[-1][-1:].isascii()
            and out[-1][-1:].isalnum()
        ):
            out.append(" ")
        out.append(line)
    return out


def _continues(first: _Table, second: _Table) -> bool:
    return bool(first.grid and second.grid) and len(first.grid[0]) == len(second.grid[0])


def _append_continuation(first: _Table, second: _Table) -> None:
    rows = second.grid
    header = 0
    while header < min(len(rows), len(first.grid)) and rows[header] == first.grid[header]:
        header += 1
    rows = [list(r) for r in rows[header:]]
    if rows:
        _rejoin_cut_labels(first.grid, rows[0])
    first.grid.extend(rows)


def _rejoin_cut_labels(grid: list[list[str | None]], row: list[str | None]) -> None:
    """Cells left of the row's own label continue merged cells cut by the page break."""
    texts = [clean_cell(c) if c is not None else None for c in row]
    numeric = [i for i, t in enumerate(texts) if t and _NUMBER.match(t)]
    end = numeric[0] if numeric else len(texts)
    labels = [i for i in range(end) if texts[i]]
    if not labels:
        return
    for c in range(labels[-1]):
        if texts[c] is None:
            continue
        above = next((r for r in reversed(grid) if c < len(r) and r[c] is not None), None)
        if texts[c] == "":
            row[c] = None  # the merged cell above goes on
        elif (
            above is not None
            and clean_cell(above[c]) not in _LABELS
            and not _NUMBER.match(clean_cell(above[c]) or "0")
        ):
            above[c] = (above[c] or "") + texts[c]
            row[c] = None


class PdfReader:
    name = "pdf"

    def sniff(self, head: bytes) -> int:
        return 95 if head.lstrip(b"\x00\t\r\n ")[:5] == b"%PDF-" else 0

    def read(self, data: bytes, source: str) -> Report:
        blocks, needs_ocr = pdf_blocks(data, source)
        if not needs_ocr:
            return assemble(blocks, source)
        report = Report(source=source)
        report.read_findings.append(
            PDF_NEEDS_OCR.finding(
                "该 PDF 没有文字层（可能是扫描件），无法读取报告的正文和表格；请先进行文字识别（OCR）或提供可复制文字的版本。"
            )
        )
        return report


register(PdfReader())
