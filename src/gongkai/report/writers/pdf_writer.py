"""The report as PDF: the HTML writer's page rendered by WeasyPrint.

Fonts come from the system through fontconfig: Debian's fonts-noto-cjk supplies the Noto CJK
families the style sheet falls back to, and WeasyPrint embeds the glyphs it uses (subset with
libharfbuzz-subset0; without that library subsetting is slow). See docs/deployment.md.
"""

from __future__ import annotations

from ..model import Report
from .base import Writer, WriterUnavailable, register
from .html_writer import render
from .layout import document


def write(report: Report) -> bytes:
    # Imported here: WeasyPrint loads Pango at import time, which the other formats never need.
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Pango missing from the system
        raise WriterUnavailable(f"无法生成 PDF：缺少 WeasyPrint 或其系统库（{exc}）") from None

    # The page's <title> becomes the PDF's title; the page has no external assets to fetch.
    return HTML(string=render(document(report))).write_pdf()


register(Writer("pdf", "pdf", "application/pdf", write, "PDF（A4，内嵌字体）"))
