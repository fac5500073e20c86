"""Search of the public catalogue: one function, used by the 专栏's search page and by every
agency's 目录 (`?q=`).

Chinese is written without spaces, so there are no words to index without a word list; the
index holds character trigrams instead (gongkai.zfxxgk.index_sql) and any substring of three or
more characters of a title, 文号 or body is found through it:
- SQLite: the FTS5 trigram table (MATCH, in a sub-query);
- PostgreSQL: ILIKE served by pg_trgm GIN indexes.
Both rank alike: a hit in the title first, then in the 文号, then the body only; newest first
within each (bm25 would rank SQLite's hits differently from PostgreSQL's, and costs a look-up in
the FTS table for every hit).
A term of one or two characters is below the trigram length and is matched with LIKE (no index;
the newest first). Terms separated by spaces must all be found. Everything starts from
`Item.objects.public()`: nothing unapproved, not 主动公开 or not yet published is ever searched.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, CharField, F, Lookup, Q, QuerySet, TextField, When
from django.db.models.expressions import RawSQL

from gongkai.catalogue.models import Item

from .index_sql import FTS

TRIGRAM = 3
MAX_TERMS = 8
MAX_QUERY = 100  # characters; a longer query is cut (a search box, not a document)
RESULT_LIMIT = 1000  # the newest matches ranked and shown (see `search`)
DENSE = 5000  # SQLite: hits from which the newest are found by date, not by id (see `_sqlite`)


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


@CharField.register_lookup
@TextField.register_lookup
class LikePattern(Lookup):
    """`column LIKE pattern` with the pattern as given (see `_like`): ILIKE on PostgreSQL, which
    pg_trgm's GIN index serves; Django's icontains wraps the column in UPPER(), which it does not."""

    lookup_name = "zfxxgk_like"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if (
            connection.vendor == "postgresql"
        ):  # backslash is its escape already; ESCAPE would hide the pattern
            return f"{lhs} ILIKE {rhs}", [*lhs_params, *rhs_params]
        return f"{lhs} LIKE {rhs} ESCAPE '\\'", [*lhs_params, *rhs_params]


def _contains(term: str) -> Q:
    like = _like(term)
    return Q(title__zfxxgk_like=like) | Q(doc_number__zfxxgk_like=like) | Q(body__zfxxgk_like=like)


def _short(qs: QuerySet, term: str) -> QuerySet:
    return qs.filter(_contains(term))


def _fts_phrase(term: str) -> str:
    # An FTS5 string: the whole term as one phrase, which the trigram tokenizer matches as a substring.
    return '"' + term.replace('"', '""') + '"'


def _rank(term: str) -> Case:
    """Where the term was found: in the title (4), the 文号 (2), only the body (0); this runs on
    at most RESULT_LIMIT rows."""
    like = _like(term)
    return Case(When(title__zfxxgk_like=like, then=4), default=0) + Case(
        When(doc_number__zfxxgk_like=like, then=2), default=0
    )


def _sqlite(qs: QuerySet, long_terms: list[str]) -> QuerySet:
    match = " AND ".join(_fts_phrase(t) for t in long_terms)
    # The FTS5 table answers which rows contain every term (a sub-query SQLite runs once); the
    # rest of the query is the ordinary one on catalogue_item.
    hits = RawSQL(f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s", [match])
    if _many_hits(match):
        # SQLite would look every hit up by id and sort them all by date; with this many, walking
        # the public items newest first and keeping the hits stops after RESULT_LIMIT of them
        # (`id + 0` is not the primary key to SQLite's planner).
        return qs.alias(zfxxgk_id=F("id") + 0).filter(zfxxgk_id__in=hits)
    return qs.filter(id__in=hits)


def _many_hits(match: str) -> bool:
    """More than DENSE hits in the FTS table (counting stops there)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {FTS} WHERE {FTS} MATCH %s LIMIT %s)",
            [match, DENSE + 1],
        )
        return cursor.fetchone()[0] > DENSE


def _postgresql(qs: QuerySet, long_terms: list[str]) -> QuerySet:
    for term in long_terms:
        qs = qs.filter(_contains(term))  # three ILIKEs, each served by its GIN index (BitmapOr)
    return qs


def _matching(qs: QuerySet, long_terms: list[str]) -> QuerySet:
    """`qs` narrowed to the rows containing every long term, through the database's index."""
    if connection.vendor == "postgresql":
        return _postgresql(qs, long_terms)
    if connection.vendor == "sqlite":
        return _sqlite(qs, long_terms)
    for term in long_terms:  # another database: correct, unindexed
        qs = _short(qs, term)
    return qs


def search(q: str, filters: Filters = Filters()) -> QuerySet:
    """The public catalogue items matching every term of `q` and the filters, best first; with
    no terms, the newest first.

    With terms, the newest RESULT_LIMIT matches are ranked (title hits, then 文号 hits, then the
    rest, newest first within each): ranking every match of a common phrase among a million items
    would sort tens of thousands of rows per request, while a person reads the first pages and
    narrows the search (the page says when the limit was reached).
    """
    qs = filters.apply(Item.objects.public())
    found = terms(q)
    if not found:
        return qs.order_by("-published_on", "-id")
    for term in found:
        if len(term) < TRIGRAM:
            qs = _short(qs, term)
    long_terms = [t for t in found if len(t) >= TRIGRAM]
    if long_terms:
        qs = _matching(qs, long_terms)
    newest = qs.order_by("-published_on", "-id").values("id")[:RESULT_LIMIT]
    ranked = (
        Item.objects.public().filter(id__in=newest).annotate(rank=_rank((long_terms or found)[0]))
    )
    return ranked.order_by("-rank", "-published_on", "-id")
