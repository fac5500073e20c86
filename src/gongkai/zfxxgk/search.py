"""Search of the public catalogue: one function, used by the 专栏's search page and by every
agency's 目录 (`?q=`).

Chinese is written without spaces, so there are no words to index without a word list; the
index holds character trigrams instead (gongkai.zfxxgk.index_sql) and any substring of three or
more characters of a title, 文号 or body is found through it:
- SQLite: the FTS5 trigram table, ranked by bm25 with the title weighing most, then the 文号;
- PostgreSQL: ILIKE served by pg_trgm GIN indexes, ranked by where the text was found.
A term of one or two characters is below the trigram length and is matched with LIKE (no index;
the newest first). Terms separated by spaces must all be found. Everything starts from
`Item.objects.public()`: nothing unapproved, not 主动公开 or not yet published is ever searched.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet

from gongkai.catalogue.models import Item

from .index_sql import FTS

TRIGRAM = 3
MAX_TERMS = 8
MAX_QUERY = 100  # characters; a longer query is cut (a search box, not a document)


@dataclass(frozen=True)
class Filters:
    """What a search or a 目录 list is narrowed to; empty values mean everything."""

    agency_id: int | None = None
    year: int | None = None  # of 发布日期
    topic: str = ""  # Topic.code
    genre: str = ""  # Genre.code
    validity: str = ""  # Validity value
    art20: str = ""  # 《条例》第二十条 item

    def apply(self, qs: QuerySet) -> QuerySet:
        if self.agency_id:
            qs = qs.filter(agency_id=self.agency_id)
        if self.year:
            qs = qs.filter(published_on__year=self.year)
        if self.topic:
            qs = qs.filter(topic__code=self.topic)
        if self.genre:
            qs = qs.filter(genre__code=self.genre)
        if self.validity:
            qs = qs.filter(validity=self.validity)
        if self.art20:
            qs = qs.filter(art20_item=self.art20)
        return qs


def terms(q: str) -> list[str]:
    """The query's terms: split on spaces (full-width too), each kept whole."""
    return q[:MAX_QUERY].replace("\u3000", " ").split()[:MAX_TERMS]


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _short(qs: QuerySet, term: str) -> QuerySet:
    return qs.filter(Q(title__icontains=term) | Q(doc_number__icontains=term) | Q(body__icontains=term))


def _fts_phrase(term: str) -> str:
    # An FTS5 string: the whole term as one phrase, which the trigram tokenizer matches as a substring.
    return '"' + term.replace('"', '""') + '"'


def _sqlite(qs: QuerySet, long_terms: list[str]) -> QuerySet:
    match = " AND ".join(_fts_phrase(t) for t in long_terms)
    # A join with the FTS table: SQLite starts from the MATCH and looks each hit up by id.
    return qs.extra(
        tables=[FTS],
        where=[f"{FTS}.rowid = catalogue_item.id", f"{FTS} MATCH %s"],
        params=[match],
        select={"rank": f"bm25({FTS}, 10.0, 5.0, 1.0)"},
        order_by=["rank", "-published_on", "-id"],
    )


def _postgresql(qs: QuerySet, long_terms: list[str]) -> QuerySet:
    where, params = [], []
    for term in long_terms:
        like = _like(term)
        where.append(
            "(catalogue_item.title ILIKE %s OR catalogue_item.doc_number ILIKE %s OR catalogue_item.body ILIKE %s)"
        )
        params += [like, like, like]
    like = _like(long_terms[0])
    rank = (
        "(CASE WHEN catalogue_item.title ILIKE %s THEN 4 ELSE 0 END"
        " + CASE WHEN catalogue_item.doc_number ILIKE %s THEN 2 ELSE 0 END)"
    )
    return qs.extra(
        where=where, params=params, select={"rank": rank}, select_params=[like, like],
        order_by=["-rank", "-published_on", "-id"],
    )


def search(q: str, filters: Filters = Filters()) -> QuerySet:
    """The public catalogue items matching every term of `q` and the filters, best first (the
    newest first when `q` is empty or has only short terms)."""
    qs = filters.apply(Item.objects.public())
    found = terms(q)
    long_terms = [t for t in found if len(t) >= TRIGRAM]
    for term in found:
        if len(term) < TRIGRAM:
            qs = _short(qs, term)
    if not long_terms:
        return qs.order_by("-published_on", "-id")
    if connection.vendor == "postgresql":
        return _postgresql(qs, long_terms)
    if connection.vendor == "sqlite":
        return _sqlite(qs, long_terms)
    for term in long_terms:  # another database: correct, unindexed
        qs = _short(qs, term)
    return qs.order_by("-published_on", "-id")
