"""What every format reader hands to the one shared assembler: text and table blocks.

Readers only find blocks (paragraphs, tables with their visual rows); `assemble` decides what
the blocks mean. The helpers here normalise cell text the same way for every format, so that
HTML, DOCX, PDF and XLSX tables reach `assemble` alike.
"""

from __future__ import annotations

import re

from ..assemble import Block, TableBlock, TextBlock, assemble

_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
# A space the layout put between two CJK characters or CJK punctuation ("商业企\n业",
# "结 果", "2024 年") is not part of the words; a space between two Latin words or numbers is.
_CJK = "\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’"
_CJK_SPACE = re.compile(
    rf"(?<=[{_CJK}]) (?=[{_CJK}0-9A-Za-z(（])|(?<=[{_CJK}0-9A-Za-z)）.]) (?=[{_CJK}])"
)


def clean_cell(text: str | None) -> str:
    """Whitespace-normalised cell text: one line, no layout spaces inside Chinese words."""
    if not text:
        return ""
    if text.isalnum():  # most cells: a number or a label without spaces or punctuation
        return text
    # Most of the rest are such a cell in the markup's indentation. str.strip() strips what \s
    # matches; \u200b and \ufeff stay and are not alphanumeric, so they take the long way.
    stripped = text.strip()
    if stripped.isalnum():
        return stripped
    text = _SPACES.sub(" ", stripped).strip()
    return _CJK_SPACE.sub("", text) if " " in text else text


def clean_line(text: str) -> str:
    """A narrative line with &nbsp; and runs of spaces collapsed (Chinese spacing kept as printed)."""
    return _SPACES.sub(" ", text).strip()


def drop_empty_rows(rows: list[list[str]]) -> list[list[str]]:
    return [row for row in rows if any(cell for cell in row)]


_TITLE_WORDS = ("年度报告", "年报")


def join_title_lines(blocks: list[Block]) -> list[Block]:
    """A title printed on two or three lines (agency, then "2024年…年度报告") is one title."""
    for n in (2, 3):
        head = blocks[:n]
        if len(head) < n or not all(isinstance(b, TextBlock) and len(b.text) <= 40 for b in head):
            return blocks
        last = head[-1].text
        if any(w in last for w in _TITLE_WORDS) and not any(
            w in b.text for b in head[:-1] for w in _TITLE_WORDS
        ):
            return [TextBlock("".join(b.text for b in head), head[0].line), *blocks[n:]]
    return blocks


def is_text_box(rows: list[list[str]]) -> bool:
    """A one-column "table" is a framed paragraph or a layout box, not one of the report's tables."""
    return all(len(row) <= 1 for row in rows)


__all__ = [
    "Block",
    "TableBlock",
    "TextBlock",
    "assemble",
    "clean_cell",
    "clean_line",
    "drop_empty_rows",
    "is_text_box",
    "join_title_lines",
]
