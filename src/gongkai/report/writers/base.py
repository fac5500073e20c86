"""The writer registry: each writer module registers one `Writer` on import."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..errors import GongkaiError
from ..model import Report


class WriterUnavailable(GongkaiError):
    """A writer's system libraries are missing (e.g. Pango for PDF); the reason says which."""


@dataclass(frozen=True)
class Writer:
    name: str  # the --to name: "html", "docx", "pdf", "xlsx", "md"
    extension: str  # file name suffix without the dot
    media_type: str
    write: Callable[[Report], bytes]
    description: str = ""


WRITERS: dict[str, Writer] = {}


def register(writer: Writer) -> Writer:
    WRITERS[writer.name] = writer
    return writer


def writer_for(fmt: str) -> Writer:
    try:
        return WRITERS[fmt]
    except KeyError:
        raise ValueError(
            f"unknown output format {fmt!r}; known: {', '.join(sorted(WRITERS))}"
        ) from None
