"""Search terms marked in titles and a passage of the body around the first one found."""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from gongkai.catalogue.choices import Art20Item

register = template.Library()
SNIPPET = 60  # characters either side of the first term found


def _pattern(terms) -> re.Pattern | None:
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None


def _mark(text: str, pattern: re.Pattern | None) -> str:
    if pattern is None:
        return escape(text)
    out, last = [], 0
    for m in pattern.finditer(text):
        out += [escape(text[last : m.start()]), "<mark>", escape(m.group()), "</mark>"]
        last = m.end()
    out.append(escape(text[last:]))
    return "".join(out)


@register.simple_tag
def highlight(text, terms):
    return mark_safe(_mark(text or "", _pattern(terms)))


@register.simple_tag
def snippet(item, terms):
    """The body around the first term found in it; nothing when the body has none (the list
    shows the summary beside it, and a title or 文号 hit is marked there)."""
    pattern = _pattern(terms)
    body = " ".join((item.body or "").split())
    found = pattern.search(body) if pattern else None
    if found is None:
        return ""
    start, end = max(0, found.start() - SNIPPET), found.end() + SNIPPET
    text = ("…" if start else "") + body[start:end] + ("…" if end < len(body) else "")
    return mark_safe(_mark(text, pattern))


@register.filter
def art20_label(value):
    return "第二十条" + dict(Art20Item.choices).get(value, "")
