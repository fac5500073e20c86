"""Tracking codes (查询码) given to online applicants and to complainants (gongkai.rectifications).

Thirteen characters from a 23-symbol alphabet without look-alikes (0/O/D is kept as D only,
1/I/L, 2/Z, 5/S, 8/B, U/V dropped) drawn with `secrets`: about 59 bits, so a code cannot be guessed
within the rate limits. It is shown grouped as XXXX-XXXX-XXXX-X and accepted with or without
dashes, in either case.
"""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction

ALPHABET = "34679ACDEFGHJKMNPQRTWXY"
LENGTH = 13  # 23**13 ≈ 2**58.8
ATTEMPTS = 8


class CodeSpaceExhausted(Exception):
    pass


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(text: str) -> str:
    """The stored form of what an applicant typed: upper case, separators removed."""
    return "".join(c for c in text.upper() if c.isalnum())


def display(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def save_with_new_code(instance, field: str = "tracking_code") -> None:
    """Save a new `instance` with a fresh code in its unique `field`.

    The unique constraint decides: a collision (about 2**-59 per pair) rolls back only the savepoint
    and a new code is drawn, so two concurrent saves can never share a code.
    """
    model = type(instance)
    for _ in range(ATTEMPTS):
        setattr(instance, field, new_code())
        try:
            with transaction.atomic():
                instance.save()
        except IntegrityError:
            if model.objects.filter(**{field: getattr(instance, field)}).exists():
                continue
            raise
        return
    raise CodeSpaceExhausted("无法生成查询码，请稍后再试。")
