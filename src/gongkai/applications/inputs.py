"""Input hygiene before anything is stored: text without control characters, every value within
its column on every supported database.

SQLite stores a 300-character name in a VARCHAR(200) and 2**40 in an INTEGER; PostgreSQL refuses
both with an error (a 500 in a view), and a SQLite dump holding them cannot be loaded into
PostgreSQL. So values are bounded by PostgreSQL's limits everywhere, before saving. Control
characters (U+0001 in a name) are invisible on screen and make letters fail: XML, hence DOCX,
cannot carry them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations

# Unbounded text columns (descriptions, reasons) still get a bound: a page of text is about
# 1,000 characters; ten pages is more than any application or reply reason needs.
TEXT_MAX = 10_000

# PostgreSQL's integer ranges per field type (the base operations' table, which PostgreSQL uses).
INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges

_LINE_BREAKS = re.compile(r"[\t\r\n]+")


def _keep(char: str, multiline: bool) -> bool:
    if char in "\t\n\r":
        return multiline
    if char in "\ufffe\uffff":
        return False
    return unicodedata.category(char) not in ("Cc", "Cs")


def clean_text(value: str, multiline: bool = True) -> str:
    """`value` without control characters (C0, DEL, C1), lone surrogates and U+FFFE/U+FFFF; on one
    line, tabs and line breaks become a space. Typed text is unchanged."""
    if value.isprintable() and (multiline or not _LINE_BREAKS.search(value)):
        return value  # the common case, decided in C
    if not multiline:
        value = _LINE_BREAKS.sub(" ", value)
    return "".join(c for c in value if _keep(c, multiline))


def clean_payload(value):
    """clean_text applied to every string inside a JSON-like value (event payloads)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {k: clean_payload(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_payload(v) for v in value]
    return value


def bound_text_fields(fields, names=("description", "purpose")) -> None:
    """Give the form fields of text columns the bound the column lacks (TEXT_MAX)."""
    from django.core.validators import MaxLengthValidator

    for name in names:
        if name in fields:
            fields[name].max_length = TEXT_MAX
            fields[name].validators.append(MaxLengthValidator(TEXT_MAX))
            fields[name].widget.attrs["maxlength"] = str(TEXT_MAX)


def text_limit(field: models.Field) -> int | None:
    if isinstance(field, models.CharField):
        return field.max_length
    if isinstance(field, models.TextField):
        return TEXT_MAX
    return None


def out_of_bounds(instance: models.Model, names: Iterable[str] | None = None) -> list[str]:
    """Clean the text fields of `instance` in place; the problems (Chinese) of values that do not
    fit their column: too long, or an integer outside PostgreSQL's range for the field."""
    problems = []
    for field in instance._meta.concrete_fields:
        if names is not None and field.name not in names:
            continue
        value = getattr(instance, field.attname)
        label = str(field.verbose_name)
        if isinstance(value, str):
            value = clean_text(value, multiline=isinstance(field, models.TextField))
            setattr(instance, field.attname, value)
            limit = text_limit(field)
            if limit is not None and len(value) > limit:
                problems.append(f"{label}最多{limit}个字符（现为{len(value)}个）")
        elif isinstance(value, int) and not isinstance(value, bool) and not field.is_relation:
            low, high = INTEGER_RANGES.get(field.get_internal_type(), (None, None))
            if low is not None and not low <= value <= high:
                problems.append(f"{label}应在{low}至{high}之间")
    return problems
