"""The two statutory templates, each declared once, and how to look them up."""

from .base import Column, Row, Section, SubTable, Template
from .t2019 import TEMPLATE_2019
from .t2021 import TEMPLATE_2021

TEMPLATES: dict[str, Template] = {t.key: t for t in (TEMPLATE_2019, TEMPLATE_2021)}


def get_template(key: str) -> Template:
    try:
        return TEMPLATES[key]
    except KeyError:
        raise KeyError(f"unknown template {key!r}; known: {', '.join(TEMPLATES)}") from None


def template_for_year(year: int) -> Template:
    """The template prescribed for a report year (60号 for 2019–2020, 30号 from 2021)."""
    return TEMPLATE_2019 if year <= 2020 else TEMPLATE_2021


__all__ = [
    "Column",
    "Row",
    "Section",
    "SubTable",
    "Template",
    "TEMPLATES",
    "TEMPLATE_2019",
    "TEMPLATE_2021",
    "get_template",
    "template_for_year",
]
