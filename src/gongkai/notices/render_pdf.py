"""A notice as PDF: an HTML page rendered by WeasyPrint with the Noto CJK fonts of Debian's
fonts-noto-cjk (embedded, subset with libharfbuzz-subset0), as the report's PDF writer does."""

from __future__ import annotations

import datetime as dt
import logging

from django.template.loader import render_to_string

from .compose import cn_date


class PdfUnavailable(Exception):
    pass


def render(content: dict) -> bytes:
    try:
        from weasyprint import HTML  # loads Pango at import time; only needed here
    except (ImportError, OSError) as exc:
        raise PdfUnavailable(f"无法生成 PDF：缺少 WeasyPrint 或其系统库（{exc}）") from None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    html = render_to_string(
        "notices/letter.html", {"c": content, "date": cn_date(dt.date.fromisoformat(content["date"]))}
    )
    return HTML(string=html).write_pdf()
