"""A notice as PDF: an HTML page rendered by WeasyPrint with the Noto CJK fonts of Debian's
fonts-noto-cjk (embedded, subset with libharfbuzz-subset0), as the report's PDF writer does."""

from __future__ import annotations

import datetime as dt
import logging

from django.template.loader import render_to_string

from .compose import cn_date


class PdfUnavailable(Exception):
    pass


def letter_context(content: dict, marking: str = "") -> dict:
    """What both renderers print: the body, the last paragraph kept with the 落款, the date."""
    paragraphs = list(content["paragraphs"])
    day = content.get("date")
    return {
        "c": content,
        "body": paragraphs[:-1],
        "last": paragraphs[-1] if paragraphs else "",
        "date": cn_date(dt.date.fromisoformat(day)) if day else "",
        "marking": marking,
    }


def render(content: dict, marking: str = "") -> bytes:
    try:
        from weasyprint import HTML  # loads Pango at import time; only needed here
    except (ImportError, OSError) as exc:
        raise PdfUnavailable(f"无法生成 PDF：缺少 WeasyPrint 或其系统库（{exc}）") from None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return HTML(
        string=render_to_string("notices/letter.html", letter_context(content, marking))
    ).write_pdf()
