"""A notice as a Word document (python-docx): A4, title, number, addressee, body, issuer, date,
the contact line; the last paragraph is kept with the 落款 on one page."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from gongkai.applications.inputs import clean_text

from .render_pdf import letter_context

BODY_FONT = "仿宋_GB2312"  # the official-document body face (GB/T 9704); Word substitutes if absent
TITLE_FONT = "方正小标宋简体"
MARK_FONT = "黑体"


def _run(paragraph, text: str, font: str, size: float, bold: bool = False, red: bool = False):
    run = paragraph.add_run(clean_text(text))  # XML cannot carry control characters (U+0001)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = font
    if red:
        run.font.color.rgb = RGBColor(0xBB, 0, 0)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def render(content: dict, marking: str = "") -> bytes:
    ctx = letter_context(content, marking)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    doc.core_properties.title = content["title"]
    if marking:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(header, marking, MARK_FONT, 14, red=True)

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, content["title"], TITLE_FONT, 22)
    number = doc.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(
        number,
        content.get("number") or "（草稿，签发时编号）",
        BODY_FONT,
        16,
        red=not content.get("number"),
    )
    _run(doc.add_paragraph(), f"{content['recipient']}：", BODY_FONT, 16)
    for text in ctx["body"]:
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(32)
        _run(p, text, BODY_FONT, 16)
    closing = []
    if ctx["last"]:
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(32)
        _run(p, ctx["last"], BODY_FONT, 16)
        closing.append(p)
    for text, red in ((content["issuer"], False), (ctx["date"] or "（签发日期）", not ctx["date"])):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(32)
        _run(p, text, BODY_FONT, 16, red=red)
        closing.append(p)
    if content.get("contact"):
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(32)
        _run(p, content["contact"], BODY_FONT, 16)
        closing.append(p)
    # Keep with next: the last paragraph, the issuer and the date stay on one page.
    for p in closing[:-1]:
        p.paragraph_format.keep_with_next = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
