"""Tracking codes (查询码) given to online applicants.

Thirteen characters from a 23-symbol alphabet without look-alikes (0/O/D is kept as D only,
1/I/L, 2/Z, 5/S, 8/B, U/V dropped) drawn with `secrets`: about 59 bits, so a code cannot be guessed
within the rate limits. It is shown grouped as XXXX-XXXX-XXXX-X and accepted with or without
dashes, in either case.
"""

from __future__ import annotations

import secrets

ALPHABET = "34679ACDEFGHJKMNPQRTWXY"
LENGTH = 13  # 23**13 ≈ 2**58.8


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(text: str) -> str:
    """The stored form of what an applicant typed: upper case, separators removed."""
    return "".join(c for c in text.upper() if c.isalnum())


def display(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
