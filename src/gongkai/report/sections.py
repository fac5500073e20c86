"""Recognising the six section headings of a report and normalising printed labels.

《条例》第五十条 lists what a report contains; both formats print it as six numbered sections
(一、总体情况 … 六、其他需要报告的事项). Agencies number them 一、 or 1、 (ASCII or full-width
punctuation) and reword them (四、因政府信息公开工作被申请行政复议提起行政诉讼情况), so a heading
is recognised by its number and a few words, never by the exact official text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

NUMERALS = "一二三四五六"
_ARABIC = {str(i + 1): n for i, n in enumerate(NUMERALS)}

# Words that identify each section's heading; any one suffices (after normalisation).
SECTION_WORDS: dict[str, tuple[str, ...]] = {
    "一": ("总体情况", "基本情况", "概述"),
    "二": ("主动公开",),
    "三": ("收到和处理", "依申请", "公开申请"),
    "四": ("复议", "诉讼"),
    "五": ("存在的主要问题", "存在的问题", "主要问题", "改进情况", "改进措施"),
    "六": ("其他需要报告", "需要报告的", "其他事项", "需要说明", "其他需"),
}

_QUOTE_CHARS = "“”\"'‘’「」『』"
_QUOTES = re.compile(f"[{_QUOTE_CHARS}]")
HEADING_START = re.compile(r"\s*([一二三四五六1-6])\s*[、.．,，]\s*")
_HEADING_FIRST = frozenset(NUMERALS) | frozenset(_ARABIC)  # what HEADING_START's number can be
# A heading usually ends with one of these words; the text after it is narrative.
_HEADING_END = re.compile(
    r"(情况|事项|附表|措施|问题)(?:[及与和][^，。；\s]{0,12}?(?:情况|措施|事项|附表))?"
)


# NFKC maps each of these characters on its own and none of them combines with a neighbour
# (no combining marks, no Hangul jamo), so on text made only of them NFKC is a per-character
# replacement.
_SIMPLE_RANGES = (
    (0x00, 0x7F),
    (0x2000, 0x206F),
    (0x3000, 0x3029),
    (0x3030, 0x303F),
    (0x4E00, 0x9FFF),
    (0xFF01, 0xFF5E),
)
_ONLY_SIMPLE = re.compile(
    "[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in _SIMPLE_RANGES) + "]*\\Z"
)
_NFKC_MAP = {
    c: n
    for a, b in _SIMPLE_RANGES
    for c in map(chr, range(a, b + 1))
    if (n := unicodedata.normalize("NFKC", c)) != c
}
_NFKC_CHANGED = re.compile("[" + "".join(map(re.escape, _NFKC_MAP)) + "]")


def nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text); kept by hand for speed: read + check takes 27 % more
    instructions with unicodedata's (docs/performance.md)."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text
    if not _ONLY_SIMPLE.match(text):
        return unicodedata.normalize("NFKC", text)
    for c in set(_NFKC_CHANGED.findall(text)):
        text = text.replace(c, _NFKC_MAP[c])
    return text


@lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """Compare form of printed words: NFKC (full-width → ASCII), no spaces, no quotes."""
    return _QUOTES.sub("", "".join(nfkc(text).split()))


class Heading(NamedTuple):
    number: str  # 一 … 六
    text: str  # the heading as printed
    rest: str  # text printed after the heading on the same line


# The earliest section word in a heading names the section; where two start at the same place,
# the one listed first (regex alternatives are tried in order). Plain words, no groups: the
# regex engine then skips to the places where a word's first character is.
_SECTION_WORD = re.compile("|".join(w for keys in SECTION_WORDS.values() for w in keys))
_WORD_SECTION = {w: n for n, keys in SECTION_WORDS.items() for w in keys}


def section_of(words: str) -> str | None:
    """Which section a heading's words (after the number) name, or None."""
    m = _SECTION_WORD.search(norm(words)[:40])
    return _WORD_SECTION[m.group()] if m else None


def match_heading(text: str, max_len: int = 40) -> Heading | None:
    """A section heading at the start of `text`, split from narrative that follows it."""
    first = text[:1]
    if first not in _HEADING_FIRST and not first.isspace():
        return None  # the cheap test that HEADING_START would fail
    m = HEADING_START.match(text)
    if not m:
        return None
    printed = m.group(1)
    number = _ARABIC.get(printed)  # None: printed as 一 … 六
    if number is None:
        number = printed
    elif len(text.strip()) > max_len:
        return None  # "2、…" inside narrative is a list item, not a heading
    start = m.end()
    words = text[start : start + max_len]
    if section_of(words) != number:
        return None
    end = _HEADING_END.search(words)
    if end is not None:
        cut = start + end.end()
    elif len(text.strip()) <= max_len:
        return Heading(number, text.strip(), "")
    else:
        stop = re.search(r"[\s，。；]", text[start:])
        cut = start + stop.start() if stop else len(text)
    return Heading(number, text[:cut].strip(), text[cut:].strip())
