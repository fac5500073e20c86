"""Searches for literal words in long texts, shared by the narrative reader and the rules."""

from __future__ import annotations

from collections.abc import Iterable


def find_all(text: str, literals: Iterable[str]) -> list[int]:
    """Sorted offsets in `text` of every occurrence of any of `literals` (none of which may
    overlap another). str.find skips ahead in C; a regular expression scanning a character
    class costs some sixty machine instructions per character of text, the greater part of
    checking a whole narrative."""
    out = []
    for literal in literals:
        at = text.find(literal)
        while at >= 0:
            out.append(at)
            at = text.find(literal, at + 1)
    out.sort()
    return out


def occurring(literals: Iterable[str], whole: str) -> list[str]:
    """Those of `literals` that occur in `whole` (several texts joined): searching each text only
    for these spares a call per text for every literal that is nowhere (most of them, most of the
    time)."""
    return [literal for literal in literals if literal in whole]
