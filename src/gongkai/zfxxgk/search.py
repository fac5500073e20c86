"""Search of the public catalogue: one function, used by the 专栏's search page and by every
agency's 目录 (`?q=`).

Chinese is written without spaces, so there are no words to index without a word list; the
index holds character trigrams instead (gongkai.zfxxgk.index_sql) and any substring of three or
more characters of a title, 文号 or body is found through it:
- SQLite: the FTS5 trigram table (MATCH, in a sub-query);
- PostgreSQL: ILIKE served by a pg_trgm GIN index on the three columns as one text.
Both rank alike: a hit in the title first, then in the 文号, then the body only; newest first
within each (bm25 would rank SQLite's hits differently from PostgreSQL's, and costs a look-up in
the FTS table for every hit).
A term that is in very many items is found faster by reading the public items
newest first and keeping the matches, stopping at RESULT_LIMIT, than through the index (which
reads every hit before sorting them); a term of one or two characters is below the trigram
length and has no index: it is found the same way, among the newest WINDOW items. Terms
separated by spaces must all be found. Everything starts from
`Item.objects.public()`: nothing unapproved, not 主动公开 or not yet published is ever searched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import CharField, DateField, F, Func, Lookup, Q, QuerySet, TextField
from django.db.models.expressions import RawSQL

from gongkai.catalogue.models import Item

from .index_sql import FTS, PG_DAY

TRIGRAM = 3
MAX_TERMS = 8
MAX_QUERY = 100  # characters; a longer query is cut (a search box, not a document)
RESULT_LIMIT = 200  # the newest matches ranked and shown: ten pages (see `search`)
LIST_CAP = 1000  # a list without terms counts this far (an agency's items are spread out)
JOINT_IDS = 5000  # 联合发文 of one agency passed to the database as a list of ids (`parts`)
SAMPLE = 1000  # newest public items read first to tell a common term from a rare one (`_newest`)
WINDOW = 30_000  # newest public items read at most by a walk by date (see `_walk`)
WALK = 5000  # rows a walk for terms the index holds is expected to read at most (`_newest`)
WIDEN = 4  # each time the index finds too few matches among the newest ids (`_through_index`)
FIRST_SPAN = 100_000  # ids read first at most: a round that finds too few read few hits
MARGIN = 3  # a first round reads as many ids as hold MARGIN x RESULT_LIMIT at the sample's rate
LATE_CAP = 1000  # older ids published later than the matches kept, tested apart (`_late`)


@dataclass(frozen=True)
class Filters:
    """What a search or a 目录 list is narrowed to; empty values mean everything."""

    agency_id: int | None = None
    year: int | None = None  # of 发布日期
    topic: str = ""  # Topic.code
    genre: str = ""  # Genre.code
    validity: str = ""  # Validity value
    art20: str = ""  # 《条例》第二十条 item

    def parts(self, qs: QuerySet) -> list[QuerySet]:
        """`qs` narrowed by the filters, in parts that an index gives newest first: with an
        agency, the items it issued and those it issued jointly with the lead agency (联合发文:
        listed under every co-publisher too) apart; one OR of both would read every item of the
        agency to sort them."""
        qs = self._apply(qs)
        if not self.agency_id:
            return [qs]
        own = qs.filter(agency_id=self.agency_id)
        # The ids first: a join would let the planner walk every public item by date looking
        # for the few the agency co-published.
        joint = Item.co_publishers.through.objects.filter(agency_id=self.agency_id)
        ids = list(joint.values_list("item_id", flat=True)[: JOINT_IDS + 1])
        if not ids:
            return [own]
        if len(ids) > JOINT_IDS:  # too many to pass as values: the sub-query, as it comes
            return [own, qs.filter(pk__in=joint.values("item_id"))]
        return [own, qs.filter(pk__in=ids)]

    def _apply(self, qs: QuerySet) -> QuerySet:
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


def _cased(text) -> bool:
    """Whether `text` has letters with a case (Latin…): without, a case-blind match is a plain one."""
    return isinstance(text, str) and text.lower() != text.upper()


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
        if connection.vendor == "postgresql":
            # Backslash is its escape already; ESCAPE would hide the pattern. ILIKE only when
            # case matters: it lowers every row's text first, twice the cost of LIKE.
            like = "ILIKE" if any(_cased(p) for p in rhs_params) else "LIKE"
            return f"{lhs} {like} {rhs}", [*lhs_params, *rhs_params]
        return f"{lhs} LIKE {rhs} ESCAPE '\\'", [*lhs_params, *rhs_params]


def _contains(term: str) -> Q:
    like = _like(term)
    return Q(title__zfxxgk_like=like) | Q(doc_number__zfxxgk_like=like) | Q(body__zfxxgk_like=like)


def _short(qs: QuerySet, term: str) -> QuerySet:
    return qs.filter(_contains(term))


def _fts_phrase(term: str) -> str:
    # An FTS5 string: the whole term as one phrase, which the trigram tokenizer matches as a substring.
    return '"' + term.replace('"', '""') + '"'


def _sqlite(qs: QuerySet, long_terms: list[str], floor: int = 0) -> QuerySet:
    # The FTS5 table answers which rows contain every term (a sub-query SQLite runs once); each
    # hit is then looked up by id. The floor goes inside: FTS5 then reads its lists from there.
    hits = RawSQL(
        f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s AND rowid >= %s",
        [_fts_match(long_terms), floor],
    )
    return qs.filter(id__in=hits)


def _fts_match(long_terms: list[str]) -> str:
    return " AND ".join(_fts_phrase(t) for t in long_terms)


class _Text(Func):
    """Title, 文号 and body as one text: the expression of PostgreSQL's trigram index
    (gongkai.zfxxgk.index_sql.PG_TEXT)."""

    template = "(%(expressions)s)"
    arg_joiner = " || ' ' || "
    output_field = TextField()

    def __init__(self):
        super().__init__(F("title"), F("doc_number"), F("body"))


def _postgresql(qs: QuerySet, long_terms: list[str]) -> QuerySet:
    qs = qs.alias(zfxxgk_text=_Text())
    for term in long_terms:  # every term on the one index: one index scan for them all
        qs = qs.filter(zfxxgk_text__zfxxgk_like=_like(term))
    return qs


def _indexed(qs: QuerySet, long_terms: list[str], floor: int = 0) -> QuerySet:
    """`qs` narrowed to the rows containing every long term, through the database's index; on
    SQLite, among the ids from `floor` up (`_through_index`)."""
    if connection.vendor == "postgresql":
        return _postgresql(qs, long_terms)
    if connection.vendor == "sqlite":
        return _sqlite(qs, long_terms, floor)
    for term in long_terms:  # another database: correct, unindexed
        qs = _short(qs, term)
    return qs


Row = tuple[int, str, str, object]  # id, title, 文号, 发布日期


def _holds(term: str) -> tuple[str, list[str]]:
    """SQL true when a row of a walk holds `term` in its title, 文号 or body."""
    columns = ("title", "doc_number", "body")
    pg = connection.vendor == "postgresql"
    if not _cased(term):
        # Nothing with a case (Chinese, digits): a plain substring test finds the same rows,
        # three times faster than (I)LIKE (docs/performance-catalogue.md).
        test = "strpos({}, %s) > 0" if pg else "instr({}, %s) > 0"
        value = term
    else:
        test = "{} ILIKE %s" if pg else "{} LIKE %s ESCAPE '\\'"
        value = _like(term)
    return "(" + " OR ".join(test.format(c) for c in columns) + ")", [value] * len(columns)


def _holds_all(found: list[str]) -> tuple[str, list[str]]:
    """SQL true when a row holds every term, with its parameters."""
    tests = [_holds(term) for term in found]
    return " AND ".join(t for t, _ in tests), [v for _, values in tests for v in values]


def _walk(qs: QuerySet, found: list[str], window: int, limit: int = RESULT_LIMIT) -> list[Row]:
    """The newest `limit` rows of `qs` holding every term, reading at most `window` rows newest
    first (an index on the date gives them in order; reading stops at `limit` matches)."""
    if window <= 0 or limit <= 0:
        return []
    recent = qs.order_by("-published_on", "-id").values(
        "id", "title", "doc_number", "body", "published_on"
    )
    sql, params = recent[:window].query.sql_with_params()
    where, values = _holds_all(found)
    # No ORDER BY outside: the sub-query yields its rows newest first and the LIMIT stops the
    # reading there (an outer sort would read the whole window first).
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, title, doc_number, published_on FROM ({sql}) AS recent "
            f"WHERE {where} LIMIT {int(limit)}",
            (*params, *values),
        )
        rows = [tuple(r) for r in cursor.fetchall()]
    # A raw query: SQLite may hand the date back as text.
    return [r if not isinstance(r[3], str) else (*r[:3], dt.date.fromisoformat(r[3])) for r in rows]


def _after(qs: QuerySet, n: int) -> QuerySet | None:
    """The rows of `qs` older than its n newest (by date, then id), or None when it has no more
    than n rows: where a walk that read n rows goes on."""
    if n <= 0:
        return qs
    edge = qs.order_by("-published_on", "-id").values_list("published_on", "id")[n - 1 : n]
    found = list(edge)
    if not found:
        return None
    day, pk = found[0]
    return qs.filter(published_on__lte=day).exclude(published_on=day, id__gte=pk)


def _newest(qs: QuerySet, found: list[str]) -> tuple[list[Row], bool]:
    """The newest RESULT_LIMIT rows of `qs` holding every term, newest first; and whether only
    the newest WINDOW rows were searched (terms shorter than the index's trigrams only).

    A walk over the newest SAMPLE rows tells how common the terms are. Common enough to find
    RESULT_LIMIT within WALK rows, the walk goes on from there (up to twice as far); rarer, the
    index answers, read over as many of the newest ids as the rate found needs
    (`_through_index`). Terms too short for the index are walked over the newest WINDOW rows."""
    rows = _walk(qs, found, SAMPLE)
    if len(rows) >= RESULT_LIMIT:
        return rows, False
    rest = _after(qs, SAMPLE)
    if rest is None:  # the sample held every row
        return rows, False
    long_terms = [t for t in found if len(t) >= TRIGRAM]
    if long_terms and len(rows) * WALK < RESULT_LIMIT * SAMPLE:
        return _through_index(qs, found, long_terms, len(rows), SAMPLE), False
    window = 2 * WALK if long_terms else WINDOW
    rows += _walk(rest, found, window - SAMPLE, RESULT_LIMIT - len(rows))
    if len(rows) >= RESULT_LIMIT or _after(rest, window - SAMPLE) is None:
        return rows, False
    if long_terms:  # common among the newest, rarer further back: the index, after all
        return _through_index(qs, found, long_terms, len(rows), window), False
    return rows, True


def _through_index(
    qs: QuerySet, found: list[str], long_terms: list[str], hits: int, read: int
) -> list[Row]:
    """The newest RESULT_LIMIT rows of `qs` holding every term, through the index; `hits` of
    the newest `read` rows held them (the walk's count).

    The index hands over every hit of its terms before they are sorted by date: terms common
    alone and rarer together (two phrases each in 7 % of a million items, together in 0.4 %)
    make it read tens of thousands of hits. So it reads first only the newest ids, as many as
    the walk's rate says hold MARGIN times RESULT_LIMIT matches (counting one id per row: filters that
    keep fewer rows make it widen) up to FIRST_SPAN, widened WIDEN times while it finds too few
    (a round that finds too few looked up few rows): `_newest_from`."""
    if not hits:  # rare terms: few hits in the whole index
        return _newest_from(qs, found, long_terms, 0)
    top = max(qs.order_by("-published_on", "-id").values_list("id", flat=True)[:SAMPLE], default=0)
    span = min(MARGIN * RESULT_LIMIT * read // hits, FIRST_SPAN)
    while top - span > 0:
        rows = _newest_from(qs, found, long_terms, top - span)
        span *= WIDEN
        if rows is not None:
            return rows
    return _newest_from(qs, found, long_terms, 0)


def _newest_from(
    qs: QuerySet, found: list[str], long_terms: list[str], floor: int
) -> list[Row] | None:
    """The newest RESULT_LIMIT rows of `qs` holding every term, read through the index from
    about id `floor` up; None when fewer were found there (a wider range is needed). Floor 0:
    the whole index, whatever it holds.

    SQLite: FTS5 reads its lists from the lowest id asked. Ids follow registration, not
    publication: rows registered before `floor` but published after the last match kept are
    read apart (`_late`). PostgreSQL: the bound is the publication date of the row at `floor`,
    a second column of the trigram index (index_sql.PG_SEARCH_INDEX): every match published from
    that day on is read, so none published late is missed."""
    if not floor:
        return _index_newest(qs, found, long_terms)
    if connection.vendor == "postgresql":
        day = (
            Item.objects.filter(pk__gte=floor, published_on__isnull=False)
            .order_by("pk")
            .values_list("published_on", flat=True)
            .first()
        )
        if day is None:  # nothing published from there up
            return None
        bounded = qs.alias(zfxxgk_from=_pg_day()).filter(zfxxgk_from__gte=day)
        rows = _index_newest(bounded, found, long_terms)
        return rows if len(rows) >= RESULT_LIMIT else None
    rows = _index_newest(qs, found, long_terms, floor)
    if len(rows) < RESULT_LIMIT:
        return None
    late = _late(qs, floor, rows[-1][3])
    if late is None:
        return None
    rows += _walk(qs.filter(pk__in=late), found, len(late))
    return sorted(rows, key=lambda row: (row[3], row[0]), reverse=True)[:RESULT_LIMIT]


def _late(qs: QuerySet, floor: int, day: dt.date) -> list[int] | None:
    """Ids of the rows of `qs` below `floor` published after `day`, or None when there are more
    than LATE_CAP of them (then reading further back in the index is cheaper)."""
    # id + 0: a condition the primary key cannot serve, so the date index is read instead of
    # every older id.
    older = qs.filter(published_on__gt=day).alias(zfxxgk_id=F("id") + 0).filter(zfxxgk_id__lt=floor)
    late = list(older.order_by().values_list("id", flat=True)[: LATE_CAP + 1])
    return None if len(late) > LATE_CAP else late


def _index_newest(
    qs: QuerySet, found: list[str], long_terms: list[str], floor: int = 0
) -> list[Row]:
    qs = _indexed(qs, long_terms, floor)
    for term in found:
        if len(term) < TRIGRAM:
            qs = _short(qs, term)
    if connection.vendor == "postgresql":
        # A date the planner cannot read from an index: it sorts the hits of the trigram index
        # instead of walking the public items by date and testing each (its estimate of how
        # many rows a pattern matches is far too high for a rare one).
        qs = qs.alias(zfxxgk_day=_pg_day())
        order = ("-zfxxgk_day", "-id")
    else:
        order = ("-published_on", "-id")
    newest = qs.order_by(*order).values_list("id", "title", "doc_number", "published_on")
    return list(newest[:RESULT_LIMIT])


def _pg_day() -> RawSQL:
    """The publication date as PostgreSQL's B-trees cannot read it (index_sql.PG_DAY)."""
    return RawSQL(PG_DAY, (), output_field=DateField())


def _rank(row: Row, term: str) -> int:
    """Where the term was found: in the title (4), the 文号 (2), only the body (0)."""
    term = term.casefold()  # as LIKE and ILIKE compare
    return 4 * (term in row[1].casefold()) + 2 * (term in row[2].casefold())


def _items(ids: list[int], related: tuple) -> list[Item]:
    # public() again: the ids came from it, and a public page asks it of every row it shows.
    found = Item.objects.public().filter(id__in=ids).select_related(*related).in_bulk()
    return [found[i] for i in ids if i in found]


class Results(Sequence):
    """Matches of a search, best first: their ids, and the items of a page fetched when sliced
    (what Paginator does), with the relations of `select_related`."""

    def __init__(self, ids: list[int], window: int | None = None, related: tuple = ()):
        # window: only the newest `window` public items were searched (short terms alone)
        self.ids, self.window, self.related = ids, window, related

    def select_related(self, *fields: str) -> Results:
        return Results(self.ids, self.window, self.related + fields)

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        return _items(self.ids[index], self.related)


class Newest(Sequence):
    """The items of several querysets (`Filters.parts`) newest first, as one list counted up to
    LIST_CAP + 1: a page reads the ids and dates of its rows and of those before it from each
    part in index order, merges them, and fetches its own items."""

    window = None

    def __init__(self, parts: list[QuerySet], related: tuple = ()):
        self.parts, self.related = parts, related
        self._count = None

    def select_related(self, *fields: str) -> Newest:
        return Newest(self.parts, self.related + fields)

    def count(self) -> int:
        if self._count is None:
            total = sum(p.order_by()[: LIST_CAP + 1].count() for p in self.parts)
            self._count = min(total, LIST_CAP + 1)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        stop = len(self) if index.stop is None else index.stop
        keys = {
            key
            for part in self.parts
            for key in part.order_by("-published_on", "-id").values_list("published_on", "id")[
                :stop
            ]
        }
        ids = [pk for _, pk in sorted(keys, reverse=True)]
        return _items(ids[index], self.related)


def matching(qs: QuerySet, q: str) -> QuerySet:
    """`qs` narrowed to the rows holding every term of `q` in title, 文号 or body: for lists that
    keep their own order and count (the staff's catalogue list), not ranked and not limited.
    Terms in one row in a hundred or more (tested on SAMPLE rows of `qs`) are tested row by row
    as the list reads its rows (it stops at its page and its capped count); rarer ones go through
    the index, which would otherwise hand over every hit of a common term first."""
    found = terms(q)
    long_terms = [t for t in found if len(t) >= TRIGRAM]
    if long_terms and not _common(qs, found):
        qs = _indexed(qs, long_terms)
        found = [t for t in found if len(t) < TRIGRAM]
    for term in found:
        qs = _short(qs, term)
    return qs


def _common(qs: QuerySet, found: list[str]) -> bool:
    sample = qs.order_by().values("id", "title", "doc_number", "body")[:SAMPLE]
    sql, params = sample.query.sql_with_params()
    where, values = _holds_all(found)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql}) AS sample WHERE {where}", (*params, *values))
        return cursor.fetchone()[0] * 100 >= SAMPLE


def newest(filters: Filters) -> QuerySet | Newest:
    """The public items the filters keep, newest first."""
    parts = filters.parts(Item.objects.public())
    if len(parts) == 1:
        return parts[0].order_by("-published_on", "-id")
    return Newest(parts)


def search(q: str, filters: Filters = Filters()) -> QuerySet | Results | Newest:
    """The public catalogue items matching every term of `q` and the filters, best first; with
    no terms, every public item (filtered) newest first (`newest`).

    With terms, the newest RESULT_LIMIT matches are ranked (title hits, then 文号 hits, then the
    rest, newest first within each): ranking every match of a common phrase among a million items
    would sort tens of thousands of rows per request, while a person reads the first pages and
    narrows the search (the page says when the limit was reached). Terms of one or two characters
    alone have no index: the newest WINDOW items are searched for them (`Results.window`, which
    the page says too).
    """
    found = terms(q)
    if not found:
        return newest(filters)
    rows, partial = {}, False
    for part in filters.parts(Item.objects.public()):
        part_rows, part_partial = _newest(part, found)
        rows.update((row[0], row) for row in part_rows)
        partial = partial or part_partial
    latest = sorted(rows.values(), key=lambda row: (row[3], row[0]), reverse=True)
    first = ([t for t in found if len(t) >= TRIGRAM] or found)[0]
    # Stable: newest first within a rank.
    ranked = sorted(latest[:RESULT_LIMIT], key=lambda row: -_rank(row, first))
    return Results([row[0] for row in ranked], WINDOW if partial else None)
