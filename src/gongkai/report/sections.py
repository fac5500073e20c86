"""Recognising the six section headings of a report and normalising printed labels.

《条例》第五十条 lists what a report contains; both formats print it as six numbered sections
(一、总体情况 … 六、其他需要报告的事项). Agencies number them 一、 or 1、 (ASCII or full-width
punctuation) and reword them (四、因政府信息公开工作被申请行政复议提起行政诉讼情况), so a heading
is recognised by its number and a few words, never by the exact official text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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

_QUOTES = str.maketrans("", "", "“”\"'‘’「」『』")
_SPACE = re.compile(r"\s+")
HEADING_START = re.compile(r"\s*([一二三四五六1-6])\s*[、.．,，]\s*")
# A heading usually ends with one of these words; the text after it is narrative.
_HEADING_END = re.compile(r"(情况|事项|附表|措施|问题)(?:[及与和][^，。；\s]{0,12}?(?:情况|措施|事项|附表))?")


def norm(text: str) -> str:
    """Compare form of printed words: NFKC (full-width → ASCII), no spaces, no quotes."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).translate(_QUOTES)


@dataclass(frozen=True)
class Heading:
    number: str  # 一 … 六
    text: str  # the heading as printed
    rest: str  # text printed after the heading on the same line


def section_of(words: str) -> str | None:
    """Which section a heading's words (after the number) name, or None."""
    w = norm(words)[:40]
    for number, keys in SECTION_WORDS.items():
        if any(k in w for k in keys):
            return number
    return None


def match_heading(text: str, max_len: int = 40) -> Heading | None:
    """A section heading at the start of `text`, split from narrative that follows it."""
    m = HEADING_START.match(text)
    if not m:
        return None
    number = _ARABIC.get(m.group(1), m.group(1))
    body = text[m.end() :]
    words = body[:max_len]
    found = section_of(words)
    if found != number:
        return None
    stripped = text.strip()
    if len(stripped) <= max_len:
        return Heading(number, stripped, "")
    end = _HEADING_END.search(body[:max_len])
    if end is None:
        stop = re.search(r"[\s，。；]", body)
        cut = m.end() + (stop.start() if stop else len(body))
    else:
        cut = m.end() + end.end()
    return Heading(number, text[:cut].strip(), text[cut:].strip())
