"""A notice as a Word document (python-docx): A4, title, number, addressee, body, issuer, date."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from gongkai.applications.inputs import clean_text

from .compose import cn_date

BODY_FONT = "仿宋_GB2312"  # the official-document body face (GB/T 9704); Word substitutes if absent
TITLE_FONT = "方正小标宋简体"


def _run(paragraph, text: str, font: str, size: float, bold: bool = False):
    run = paragraph.add_run(clean_text(text))  # XML cannot carry control characters (U+0001)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = font
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def render(content: dict) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    doc.core_properties.title = content["title"]

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, content["title"], TITLE_FONT, 22)
    number = doc.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(number, content["number"], BODY_FONT, 16)
    _run(doc.add_paragraph(), f"{content['recipient']}：", BODY_FONT, 16)
    for text in content["paragraphs"]:
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(32)
        _run(p, text, BODY_FONT, 16)
    for text in (content["issuer"], cn_date(dt.date.fromisoformat(content["date"]))):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(p, text, BODY_FONT, 16)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
