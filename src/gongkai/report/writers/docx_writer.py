"""The report as a Word document (python-docx) in the layout of Chinese official documents.

Page and type follow GB/T 9704-2012 (党政机关公文格式): A4, margins 37 mm top, 35 mm bottom,
28 mm left (订口), 26 mm right; title in 小标宋 二号 (22pt) centred; first-level headings in 黑体
三号; body in 仿宋 三号 (16pt) with a two-character first-line indent. Chinese font names are set
as East-Asian fonts (w:eastAsia), Latin text stays in Times New Roman. The title and headings use
Word's own Title and Heading 1 styles, so outlines and readers find them.

Tables are real Word tables: merged cells (gridSpan/vMerge through cell.merge) exactly as the
template prints them, header rows repeated on every page, each cell holding exactly its label or
figure in one paragraph.
"""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..model import Report
from .base import Writer, register
from .layout import TEXT_WIDTH_MM, Document, Grid, Heading, Paragraph, Table, document

MARGINS_MM = {"top_margin": 37, "bottom_margin": 35, "left_margin": 28, "right_margin": 26}
LATIN = "Times New Roman"
TITLE_FONT, HEADING_FONT, BODY_FONT, TABLE_FONT = "方正小标宋简体", "黑体", "仿宋_GB2312", "宋体"
TABLE_STYLE = "Table Cell"


def _set_fonts(rpr_owner, east_asian: str, size_pt: float, bold: bool = False) -> None:
    """Latin and East-Asian font names, size, weight and language on a style."""
    font = rpr_owner.font
    font.name = LATIN
    font.size = Pt(size_pt)
    font.bold = bold
    font.italic = False
    font.color.rgb = RGBColor(0, 0, 0)
    rpr = rpr_owner.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)  # a theme font would override the names below
    rfonts.set(qn("w:ascii"), LATIN)
    rfonts.set(qn("w:hAnsi"), LATIN)
    rfonts.set(qn("w:eastAsia"), east_asian)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _paragraph_format(
    style, *, indent_chars: float = 0, line_pt: float | None = None, align=None, before=0, after=0
):
    pf = style.paragraph_format
    pf.first_line_indent = Pt(16 * indent_chars) if indent_chars else Pt(0)
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    if line_pt:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line_pt)
    else:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if align is not None:
        pf.alignment = align


def _styles(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    _set_fonts(normal, BODY_FONT, 16)
    # 28.9pt ≈ 22 lines in the 225 mm type area (GB/T 9704 §5.2.2).
    _paragraph_format(normal, indent_chars=2, line_pt=28.9, align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    title = styles["Title"]
    _set_fonts(title, TITLE_FONT, 22)
    _paragraph_format(title, line_pt=36, align=WD_ALIGN_PARAGRAPH.CENTER, after=16)
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):  # the default template underlines the title
        ppr.remove(border)

    heading = styles["Heading 1"]
    _set_fonts(heading, HEADING_FONT, 16)
    _paragraph_format(heading, indent_chars=2, line_pt=28.9, align=WD_ALIGN_PARAGRAPH.LEFT)
    heading.paragraph_format.keep_with_next = True

    cell = styles.add_style(TABLE_STYLE, 1)  # 1 = paragraph style
    cell.base_style = normal
    _set_fonts(cell, TABLE_FONT, 10.5)
    # Exact leading: CJK fallback fonts (Noto CJK) have tall line boxes that would push 表三 past a page.
    _paragraph_format(cell, line_pt=13.5, align=WD_ALIGN_PARAGRAPH.CENTER)


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for name, mm in MARGINS_MM.items():
        setattr(section, name, Mm(mm))
    # Page number centred in the footer as "— 1 —" (GB/T 9704 §7.5 places it at the outer edge
    # for two-sided print; centred reads right on one-sided print and on screen).
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.first_line_indent = Pt(0)
    footer.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    footer._p.append(field)
    footer.add_run(" —")


def _flag(row, tag: str) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement(tag)
    trpr.append(el)


def _table(doc, grid: Grid) -> None:
    table = doc.add_table(rows=grid.rows, cols=grid.columns)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")  # widths as set, never grown past the right margin
    tblpr.append(layout)
    # Narrow cell margins: 表三 and 表四 have columns of about 1 cm that must hold 5 digits.
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", 0), ("left", 40), ("bottom", 0), ("right", 40)):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), str(twips))
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    tblpr.append(margins)
    widths = [Mm(TEXT_WIDTH_MM * w) for w in grid.widths]
    # One _Cell per grid position, taken once before any merge: table.cell() rebuilds this list
    # on every call. A merge only removes cells inside its own span, never a corner used later.
    flat = table._cells
    style_id = doc.styles[TABLE_STYLE].style_id
    for i, col in enumerate(table.columns):
        col.width = widths[i]
    for i, cell in enumerate(flat):
        cell.width = widths[i % grid.columns]
    for r, row in enumerate(table.rows):
        if r < grid.header_rows:
            _flag(row, "w:tblHeader")  # repeat on every page
        _flag(row, "w:cantSplit")
    for c in grid.cells:
        cell = flat[c.row * grid.columns + c.col]
        if c.rowspan > 1 or c.colspan > 1:
            cell = cell.merge(flat[(c.row + c.rowspan - 1) * grid.columns + c.col + c.colspan - 1])
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        # A merge leaves one empty paragraph per swallowed cell; keep exactly one.
        for extra in cell.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        p = cell.paragraphs[0]
        p._p.style = style_id  # by id: assigning the style object looks it up every time
        if c.align == "left":
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        # Keep the table on one page where it fits, as the PDF does (Word moves it whole).
        p.paragraph_format.keep_with_next = c.row + c.rowspan < grid.rows
        if c.text:
            run = p.add_run(c.text)
            run.bold = c.strong or None
            if grid.font_scale < 1 and not c.header:
                run.font.size = Pt(round(10.5 * grid.font_scale * 2) / 2)


def render(doc_layout: Document) -> bytes:
    doc = new_docx()
    _styles(doc)
    _page(doc)
    doc.core_properties.title = doc_layout.title
    doc.core_properties.language = "zh-CN"
    doc.core_properties.comments = (
        f"gongkai; 表格格式 {doc_layout.template.key}（{doc_layout.template.document}）"
    )
    doc.add_paragraph(doc_layout.title, style="Title")
    for block in doc_layout.blocks:
        if isinstance(block, Heading):
            doc.add_paragraph(block.text, style="Heading 1")
        elif isinstance(block, Paragraph):
            doc.add_paragraph(block.text)
        elif isinstance(block, Table):
            _table(doc, block.grid)
            # Word needs a paragraph between consecutive tables; it also spaces the next heading.
            doc.add_paragraph().paragraph_format.line_spacing = Pt(12)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def write(report: Report) -> bytes:
    return render(document(report))


register(
    Writer(
        "docx",
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        write,
        "Word 文档（DOCX）",
    )
)
