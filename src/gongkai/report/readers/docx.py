"""Reports written in Word (DOCX), read from the package's XML directly (lxml, as python-docx does).

- Paragraphs in body order; a heading numbered by Word's list numbering prints "一、" that is not in
  its text: the number is recomputed from numbering.xml (counters per list and level).
- Tables: each row gives the cells that start in it. A cell continuing a vertical merge
  (w:vMerge without "restart") or an old horizontal merge (w:hMerge) is not repeated; a gridSpan
  cell appears once.
- A table broken across pages is often saved as two Word tables with only empty paragraphs between
  them: adjacent tables with the same column grid are joined, a repeated header row dropped.
"""

from __future__ import annotations

import zipfile

from lxml import etree

from ..errors import ReportReadError
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
    join_title_lines,
)
from ._numbering import Numbering
from ._zip import DOCX_MAIN, open_zip, read_zip, zip_format, zip_kind, zip_member
from .base import register

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _TBL, _TR, _TC, _SDT = (f"{{{W}}}{t}" for t in ("p", "tbl", "tr", "tc", "sdt"))
_T, _TAB, _BR, _CR = (f"{{{W}}}{t}" for t in ("t", "tab", "br", "cr"))
_VAL = f"{{{W}}}val"
_GRID_SPAN, _VMERGE, _HMERGE, _GRID_BEFORE, _GRID_COL = (
    f"{{{W}}}{t}" for t in ("gridSpan", "vMerge", "hMerge", "gridBefore", "gridCol")
)
_CELL_PROPERTIES = (_GRID_SPAN, _VMERGE, _HMERGE)
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _parse_xml(data: bytes, name: str, source: str) -> etree._Element:
    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, huge_tree=True))
    except etree.XMLSyntaxError as exc:
        raise ReportReadError(source, f"文件已损坏：{name} 不是有效的 XML（{exc.msg}）") from None


def docx_blocks(data: bytes | zipfile.ZipFile, source: str) -> list[Block]:
    """The blocks of a DOCX file (its bytes, or the archive the caller already opened)."""
    archive = data if isinstance(data, zipfile.ZipFile) else open_zip(data, source)
    document = _parse_xml(zip_member(archive, DOCX_MAIN, source), DOCX_MAIN, source)
    numbering = Numbering(
        lambda name: zip_member(archive, name, source, required=False),
        lambda data, name: _parse_xml(data, name, source),
    )
    # Shapes and text boxes are saved twice (mc:Choice for new Word, mc:Fallback VML for old);
    # reading both would print their text twice.
    for fallback in list(document.iter(_FALLBACK)):
        fallback.getparent().remove(fallback)
    body = document.find(f"{{{W}}}body")
    if body is None:
        raise ReportReadError(source, "文件已损坏：word/document.xml 中没有正文（w:body）")
    items: list[Block | tuple[int, list[list[str]]]] = []
    _walk(body, numbering, items)
    return join_title_lines(_join_split_tables(items))


def _walk(parent: etree._Element, numbering: Numbering, out: list) -> None:
    for child in parent:
        tag = child.tag
        if tag == _P:
            text = _paragraph_text(child)
            label = numbering.label(child)
            if label and text.strip() and not text.lstrip().startswith(label):
                text = label + text
            out.extend(
                TextBlock(line) for line in (clean_line(s) for s in text.split("\n")) if line
            )
        elif tag == _TBL:
            _table(child, numbering, out)
        elif tag == _SDT:
            content = child.find(f"{{{W}}}sdtContent")
            if content is not None:
                _walk(content, numbering, out)


def _paragraph_text(p: etree._Element) -> str:
    parts = []
    for node in p.iter(_T, _TAB, _BR, _CR):
        if node.tag == _T:
            parts.append(node.text or "")
        elif node.tag == _TAB:
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _own(element: etree._Element, tag: str) -> list[etree._Element]:
    """Direct children with the tag, looking through content controls (w:sdt)."""
    found = []
    for child in element:
        if child.tag == tag:
            found.append(child)
        elif child.tag == _SDT:
            content = child.find(f"{{{W}}}sdtContent")
            if content is not None:
                found.extend(_own(content, tag))
    return found


def _table(tbl: etree._Element, numbering: Numbering, out: list) -> None:
    found = _grid(tbl)
    if found is None:
        # A layout table holding the report's tables: walk its cells as containers.
        for tr in _own(tbl, _TR):
            for tc in _own(tr, _TC):
                _walk(tc, numbering, out)
        return
    columns, grid = found
    grid = drop_empty_rows(grid)
    if not grid:
        return
    if is_text_box(grid):
        out.extend(TextBlock(row[0]) for row in grid if row)
    else:
        out.append((columns, grid))


def _grid(tbl: etree._Element) -> tuple[int, list[list[str]]] | None:
    """The table's grid columns and visual rows, or None when it holds tables of its own.

    One pass over the elements that matter, in document order (a cell's tcPr comes before its
    text; a row's trPr before its cells): asking each row and cell for its parts separately
    made this the slowest step of reading a DOCX (~20 µs a cell)."""
    rows: list[list[str]] = []
    cells: list[str] = []
    texts: list[str] | None = None  # the text runs of the open cell
    started: dict[int, str] = {}  # grid column -> text of the vertical merge it continues
    col = span = columns = 0
    vmerge = hmerge = False  # the open cell continues a vertical / an old horizontal merge

    def close_cell() -> None:
        if vmerge:
            # Continuation of a vertical merge: given once, where it starts; a merged "0"
            # is zero in every row it covers (see html.py).
            if started.get(col) == "0":
                cells.append("0")
        elif not hmerge:
            text = clean_cell("".join(texts))
            cells.append(text)
            started[col] = text

    for el in tbl.iter(_TR, _TC, _T, _GRID_SPAN, _VMERGE, _HMERGE, _GRID_BEFORE, _GRID_COL, _TBL):
        tag = el.tag
        if tag == _T:
            if texts is not None:
                texts.append(el.text or "")
                if el.tail:
                    texts.append(el.tail)  # as itertext gives it (whitespace between runs)
        elif tag == _TC:
            if texts is not None:
                close_cell()
                col += span
            texts, span, vmerge, hmerge = [], 1, False, False
        elif tag == _TR:
            if texts is not None:
                close_cell()
            cells, texts, col = [], None, 0
            rows.append(cells)
        elif tag == _TBL:
            if el is not tbl:
                return None  # a nested table
        elif not _property_of(
            el, _TC if tag in _CELL_PROPERTIES else _TR if tag == _GRID_BEFORE else _TBL
        ):
            continue  # the old value kept by a tracked change (w:tcPrChange, w:tblGridChange …)
        elif tag == _GRID_SPAN:
            span = _int(el, 1)
        elif tag == _VMERGE:
            vmerge = el.get(_VAL) != "restart"
        elif tag == _HMERGE:
            hmerge = el.get(_VAL) != "restart"
        elif tag == _GRID_BEFORE:
            col = _int(el, 0)
        else:
            columns += 1
    if texts is not None:
        close_cell()
    return columns, rows


def _property_of(element: etree._Element, owner: str) -> bool:
    """The element is a property of an `owner` element itself (tc/tcPr/x, tr/trPr/x, tbl/tblGrid/x)."""
    holder = element.getparent()
    return holder is not None and holder.getparent() is not None and holder.getparent().tag == owner


def _int(element: etree._Element | None, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(_VAL, default))
    except ValueError:
        return default


def _join_split_tables(items: list) -> list[Block]:
    """Tables separated by nothing but empty paragraphs, with the same grid, are one table."""
    blocks: list[Block] = []
    last_columns = None
    for item in items:
        if isinstance(item, tuple):
            columns, rows = item
            previous = blocks[-1] if blocks else None
            if isinstance(previous, TableBlock) and columns and columns == last_columns:
                header = 0
                while (
                    header < min(len(rows), len(previous.rows))
                    and rows[header] == previous.rows[header]
                ):
                    header += 1  # header rows Word repeats on the next page
                previous.rows.extend(rows[header:])
            else:
                blocks.append(TableBlock(rows))
            last_columns = columns
        else:
            blocks.append(item)
    return blocks


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97–2003 (.doc, .xls, .wps, .et)


class DocxReader:
    name = "docx"

    def sniff(self, head: bytes) -> int:
        if head.startswith(_OLE_MAGIC):
            return 20  # only to say clearly what the file is (see read)
        kind = zip_kind(head)
        # A ZIP whose first entries name neither part is tried as DOCX; read() sends an XLSX on.
        return {"docx": 90, "zip": 30}.get(kind or "", 0)

    def read(self, data: bytes, source: str) -> Report:
        if data.startswith(_OLE_MAGIC):
            raise ReportReadError(
                source,
                "这是旧版 Office 文件（.doc/.xls/.wps 格式），无法直接读取；请另存为 DOCX 或 XLSX 后再试",
            )
        return read_zip(data, source, DOCX_MAIN)


def _read_archive(archive: zipfile.ZipFile, data: bytes, source: str) -> Report:
    return assemble(docx_blocks(archive, source), source)


zip_format(
    DOCX_MAIN, _read_archive, f"不是 Word 文档：压缩包中没有 {DOCX_MAIN}（DOCX 文件可能已损坏）"
)
register(DocxReader())
