"""ID card and unified social credit code check digits, and masking."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from gongkai.applications.identifiers import mask_id_number, validate_credit_code, validate_id_card


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",  # the example code commonly cited for the GB 32100-2015 format
        "91440300708461136T",  # a published business licence code (check character a letter)
    ],
)
def test_it_accepts_credit_codes_with_the_right_check_character(code):
    validate_credit_code(code)
    validate_credit_code(code.lower())


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91350100M000100Y4", "18位"),
        ("91350100M000100Y44", "校验位"),
        ("91350100M000I00Y43", "不允许的字符"),  # I is not in the GB 32100 alphabet
        ("913501A0M000100Y43", "行政区划码"),
    ],
)
def test_it_refuses_bad_credit_codes_saying_why(code, message):
    with pytest.raises(ValidationError, match=message):
        validate_credit_code(code)


def test_it_checks_the_id_card_check_digit_including_x():
    validate_id_card("11010519491231002X")  # GB 11643-1999's worked example
    validate_id_card("11010519491231002x")
    with pytest.raises(ValidationError, match="校验位"):
        validate_id_card("110105194912310021")
    with pytest.raises(ValidationError, match="18位"):
        validate_id_card("11010519491231002")


def test_it_masks_birth_date_and_sequence():
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_id_number("E12345678") == "E1*****78"
    assert mask_id_number("") == ""
    assert "1234" not in mask_id_number("12345")
