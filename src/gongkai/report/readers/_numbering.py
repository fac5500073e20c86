"""Word list numbering: the "一、" or "（二）" Word prints before a paragraph but does not store in it.

numbering.xml maps a paragraph's w:numId to an abstract list whose levels each have a start value,
a number format (chineseCounting → 一二三, decimal → 1 2 3 …) and a text pattern ("%1、",
"（%2）"). Counting the numbered paragraphs in order gives the label Word shows.
"""

from __future__ import annotations

import re

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_VAL = f"{{{W}}}val"
_DIGITS = "〇一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (as Word's chineseCounting prints)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = (
            ""
            if rest == 0
            else (
                "零" + _DIGITS[rest]
                if rest < 10
                else (chinese_number(rest) if rest >= 20 else "一" + chinese_number(rest))
            )
        )
        return _DIGITS[n // 100] + "百" + tail
    return str(n)


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += numeral
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    if n >= 4000:
        return str(n)  # beyond what a list counts to: Roman numerals and letters grow with n
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "chineseLegalSimplified",
        "ideographLegalTraditional",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
    ):
        return chinese_number(n)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class Numbering:
    """Labels of numbered paragraphs. numbering.xml and styles.xml (often 300 KB of built-in
    styles) are parsed only as far as a paragraph needs them: most reports number nothing."""

    def __init__(self, read_part, parse):
        self._read_part = read_part  # part name -> bytes or None, read when first needed
        self._parse = parse  # bytes, part name -> element (raises ReportReadError when damaged)
        self._parts: dict[str, bytes | None] = {}
        self._loaded = False
        self._abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        self._num: dict[str, str] = {}
        self._overrides: dict[str, dict[int, int]] = {}
        self._style_num: dict[str, tuple[str, int] | None] = {}
        self._counters: dict[str, dict[int, int]] = {}

    def _part(self, name: str) -> bytes | None:
        if name not in self._parts:
            self._parts[name] = self._read_part(name)
        return self._parts[name]

    def _load(self) -> None:
        self._loaded = True
        data = self._part("word/numbering.xml")
        if not data:
            return
        numbering = self._parse(data, "word/numbering.xml")
        for abstract in numbering.iter(f"{{{W}}}abstractNum"):
            levels = {}
            for lvl in abstract.iter(f"{{{W}}}lvl"):
                ilvl = _int(lvl.get(f"{{{W}}}ilvl"), 0)
                levels[ilvl] = (
                    _int(_child_val(lvl, "start"), 1),
                    _child_val(lvl, "numFmt") or "decimal",
                    _child_val(lvl, "lvlText") or "",
                )
            self._abstract[abstract.get(f"{{{W}}}abstractNumId", "")] = levels
        for num in numbering.iter(f"{{{W}}}num"):
            num_id = num.get(f"{{{W}}}numId", "")
            self._num[num_id] = _child_val(num, "abstractNumId") or ""
            for override in num.iter(f"{{{W}}}lvlOverride"):
                start = override.find(f"{{{W}}}startOverride")
                if start is not None:
                    ilvl = _int(override.get(f"{{{W}}}ilvl"), 0)
                    self._overrides.setdefault(num_id, {})[ilvl] = _int(start.get(_VAL), 1)

    def _style(self, style_id: str) -> tuple[str, int] | None:
        """The list a paragraph style numbers its paragraphs with, if any."""
        if style_id not in self._style_num:
            self._style_num[style_id] = None
            styles = self._part("word/styles.xml")
            found = styles and re.search(
                rb'w:styleId="' + re.escape(style_id.encode()) + rb'".*?</w:style>', styles, re.S
            )
            # Only the style's own numPr is needed: read it from the text rather than parsing
            # the whole 300 KB part.
            num_id = found and re.search(rb'<w:numId w:val="(\d+)"', found.group(0))
            if num_id:
                ilvl = re.search(rb'<w:ilvl w:val="(\d+)"', found.group(0))
                self._style_num[style_id] = (
                    num_id.group(1).decode(),
                    int(ilvl.group(1)) if ilvl else 0,
                )
        return self._style_num[style_id]

    def label(self, paragraph: etree._Element) -> str:
        """The number Word prints before this paragraph ("" when it is not numbered)."""
        ppr = paragraph.find(f"{{{W}}}pPr")
        if ppr is None:
            return ""
        num_id, ilvl = None, 0
        style = ppr.find(f"{{{W}}}pStyle")
        if style is not None and style.get(_VAL):
            num_id, ilvl = self._style(style.get(_VAL)) or (None, 0)
        num_pr = ppr.find(f"{{{W}}}numPr")
        if num_pr is not None:
            num_id = _child_val(num_pr, "numId") or num_id
            ilvl = _int(_child_val(num_pr, "ilvl"), ilvl)
        if not num_id or num_id == "0":
            return ""
        if not self._loaded:
            self._load()
        if num_id not in self._num:
            return ""
        levels = self._abstract.get(self._num[num_id], {})
        if ilvl not in levels:
            return ""
        # Word counts per abstract list: every w:num pointing at it continues the same sequence.
        counters = self._counters.setdefault(self._num[num_id], {})
        start = self._overrides.get(num_id, {}).get(ilvl, levels[ilvl][0])
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if levels[ilvl][1] in ("bullet", "none"):
            return ""
        text = levels[ilvl][2]
        for level, (lstart, fmt, _) in levels.items():
            placeholder = f"%{level + 1}"
            if placeholder in text:
                text = text.replace(placeholder, format_number(counters.get(level, lstart), fmt))
        return text


def _int(value: str | None, default: int) -> int:
    """A number attribute; a damaged file's ("x", "1.5") counts as absent."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _child_val(element: etree._Element, name: str) -> str | None:
    child = element.find(f"{{{W}}}{name}")
    return None if child is None else child.get(_VAL)
