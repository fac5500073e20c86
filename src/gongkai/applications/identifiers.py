"""Validation and masking of the identifiers applicants give (《条例》第二十九条: 身份证明).

Both check digits are ISO 7064 MOD variants: GB 11643-1999 for the resident identity card
(MOD 11-2) and GB 32100-2015 for the unified social credit code (MOD 31-3).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# GB 32100-2015 excludes I, O, S, V, Z.
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def id_card_check_digit(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def validate_id_card(value: str) -> None:
    """A second-generation 18-digit resident identity card number with a correct check digit."""
    value = value.upper()
    if (
        len(value) != 18
        or not value[:17].isdigit()
        or not (value[17].isdigit() or value[17] == "X")
    ):
        raise ValidationError("居民身份证号码应为18位，前17位为数字，末位为数字或X。")
    if id_card_check_digit(value[:17]) != value[17]:
        raise ValidationError("居民身份证号码校验位不正确。")


def credit_code_check_char(first17: str) -> str:
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    """统一社会信用代码: 18 characters of the GB 32100 alphabet with a correct check character."""
    value = value.upper()
    if len(value) != 18:
        raise ValidationError("统一社会信用代码应为18位。")
    bad = sorted({c for c in value if c not in _USCC_CHARS})
    if bad:
        raise ValidationError(f"统一社会信用代码含有不允许的字符：{''.join(bad)}")
    if not value[2:8].isdigit():
        raise ValidationError("统一社会信用代码第3至8位（登记管理机关行政区划码）应为数字。")
    if credit_code_check_char(value[:17]) != value[17]:
        raise ValidationError("统一社会信用代码校验位不正确。")


def mask_id_number(value: str) -> str:
    """110101********1234: region and last four stay, the birth date and sequence are hidden."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    if len(value) == 18:
        return value[:6] + "*" * 8 + value[-4:]
    return value[:2] + "*" * (len(value) - 4) + value[-2:]


PHONE_HINT = "请填写11位手机号码或带区号的固定电话，如 13912345678 或 010-12345678。"


def normalise_phone(value: str) -> str:
    """A Chinese telephone number in one form, or ValidationError.

    Mobile: 11 digits starting 13–19 (a leading +86 or 86 is dropped). Fixed line: 0, a 2- or
    3-digit area code and a 7- or 8-digit number, written 010-12345678, with an optional extension
    (-123 or 转123). Spaces, dashes and brackets typed between digits are accepted.
    """
    text = value.strip().replace("转", "-").replace("—", "-").replace("－", "-")
    main, _, extension = text.partition("#")
    parts = [
        p
        for p in main.replace("(", " ")
        .replace(")", " ")
        .replace("（", " ")
        .replace("）", " ")
        .split(" ")
        if p
    ]
    compact = "-".join(parts)
    digits = "".join(c for c in compact if c.isdigit())
    if any(not (c.isdigit() or c in "-+") for c in compact) or (
        extension and not extension.isdigit()
    ):
        raise ValidationError(PHONE_HINT)
    if compact.startswith("+"):
        if not digits.startswith("86"):
            raise ValidationError(PHONE_HINT)
        digits = digits[2:]
    elif len(digits) == 13 and digits.startswith("861"):
        digits = digits[2:]
    if len(digits) == 11 and digits[0] == "1" and digits[1] in "3456789" and not extension:
        return digits
    # Fixed line: area code 0XX (2 digits after 0 for the big cities 10, 2X) or 0XXX.
    groups = [g for g in compact.lstrip("+").split("-") if g]
    if digits.startswith("0"):
        area_len = 3 if digits[1] in "12" else 4
        readings = [(digits[area_len:], extension)]
        if len(groups) >= 3 and not extension:  # 010-12345678-123: the last group an extension
            readings.append((digits[area_len : len(digits) - len(groups[-1])], groups[-1]))
        for rest, ext in readings:
            if 7 <= len(rest) <= 8 and len(ext) <= 6:
                return f"{digits[:area_len]}-{rest}" + (f"-{ext}" if ext else "")
    raise ValidationError(PHONE_HINT)
