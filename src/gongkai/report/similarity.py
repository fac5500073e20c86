"""How much of one text repeats another: the measure behind X-YEAR-COPIED.

`copied_share(now, before)` is the share of the distinct 5-character runs of `now` that also occur
in `before`, once whitespace, digits and punctuation are taken out of both: a section whose figures
and year were updated but whose words were kept still counts as copied. Why 5 characters, why the
threshold 0.8 and the floor of 100 characters: docs/audit.md ("Copied narrative"), measured on the
corpus's consecutive reports of one agency.
"""

from __future__ import annotations

import re

SHINGLE = 5  # characters per run compared
THRESHOLD = 0.8  # share at or above which a section is called copied
MIN_CHARS = 100  # a section shorter than this (after normalising) is too short to call copied

# \W is everything but letters, digits and _ (so every punctuation mark, full-width ones too); \d
# also matches full-width digits.
_NOISE = re.compile(r"[\W\d_]+")


def normalised(text: str) -> str:
    return _NOISE.sub("", text)


def shingles(text: str) -> set[str]:
    return {text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}


def copied_share(now: str, before: str) -> float | None:
    """Share of `now`'s runs found in `before`; None when `now` is too short to judge."""
    now = normalised(now)
    if len(now) < MIN_CHARS:
        return None
    runs = shingles(now)
    return len(runs & shingles(normalised(before))) / len(runs)
