"""The substring index of the catalogue, per database (created by migration 0002, repaired after
every migrate by `repair`). Chinese has no spaces between words, so the index is built on
character trigrams rather than words: no word list, any substring of three or more characters is
found through it (shorter ones fall back to LIKE, gongkai.zfxxgk.search)."""

from __future__ import annotations

FTS = "zfxxgk_item_fts"
TRIGGERS = ("zfxxgk_item_fts_ai", "zfxxgk_item_fts_ad", "zfxxgk_item_fts_au")

# SQLite: an FTS5 table with the trigram tokenizer whose content is catalogue_item itself
# (external content: the text is stored once), kept in step by triggers. The update trigger
# fires only when an indexed column changes, so review and publication do not rewrite it.
SQLITE_TABLE = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(
    title, doc_number, body, content='catalogue_item', content_rowid='id', tokenize='trigram'
)"""
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS zfxxgk_item_fts_ai AFTER INSERT ON catalogue_item BEGIN
    INSERT INTO {FTS}(rowid, title, doc_number, body) VALUES (new.id, new.title, new.doc_number, new.body);
END""",
    f"""CREATE TRIGGER IF NOT EXISTS zfxxgk_item_fts_ad AFTER DELETE ON catalogue_item BEGIN
    INSERT INTO {FTS}({FTS}, rowid, title, doc_number, body) VALUES ('delete', old.id, old.title, old.doc_number, old.body);
END""",
    f"""CREATE TRIGGER IF NOT EXISTS zfxxgk_item_fts_au AFTER UPDATE OF title, doc_number, body ON catalogue_item BEGIN
    INSERT INTO {FTS}({FTS}, rowid, title, doc_number, body) VALUES ('delete', old.id, old.title, old.doc_number, old.body);
    INSERT INTO {FTS}(rowid, title, doc_number, body) VALUES (new.id, new.title, new.doc_number, new.body);
END""",
]
SQLITE_REBUILD = f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')"
SQLITE_FORWARD = [SQLITE_TABLE, *SQLITE_TRIGGERS, SQLITE_REBUILD]
SQLITE_BACKWARD = [
    *(f"DROP TRIGGER IF EXISTS {t}" for t in TRIGGERS),
    f"DROP TABLE IF EXISTS {FTS}",
]

# PostgreSQL: pg_trgm GIN indexes, which serve ILIKE '%…%' directly (pg_trgm is a trusted
# extension: the database owner may create it). The database's LC_CTYPE must class CJK characters
# as letters (C.UTF-8, zh_CN.UTF-8…), or pg_trgm extracts no trigrams from them (docs/zfxxgk.md).
PG_COLUMNS = ("title", "doc_number", "body")
PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    *(
        f"CREATE INDEX IF NOT EXISTS zfxxgk_item_{c}_trgm ON catalogue_item USING gin ({c} gin_trgm_ops)"
        for c in PG_COLUMNS
    ),
]
PG_BACKWARD = [f"DROP INDEX IF EXISTS zfxxgk_item_{c}_trgm" for c in PG_COLUMNS]

# Since migration 0005, one index on the three columns as one text (search._Text builds the same
# expression): every term of a search is then one condition on one index, and PostgreSQL answers
# them all in one index scan instead of a BitmapAnd of one BitmapOr of three scans per term
# (docs/performance-catalogue.md). A term has no spaces (search.terms splits on them), so none
# is found across two columns.
PG_TEXT = "(title || ' ' || doc_number || ' ' || body)"
PG_TEXT_INDEX = f"CREATE INDEX IF NOT EXISTS zfxxgk_item_text_trgm ON catalogue_item USING gin ({PG_TEXT} gin_trgm_ops)"
PG_TEXT_DROP = "DROP INDEX IF EXISTS zfxxgk_item_text_trgm"

# Since migration 0006, that index with the publication date as a second column (the btree_gin
# extension, trusted like pg_trgm): a search of common terms bounded to the newest publications
# (search._newest_from) is then answered inside the index, the trigrams' posting lists read only
# against the dates asked, and PostgreSQL reads and rechecks only the rows that hold both (two
# common phrases over 1,000,000 items: 5 ms against 11.6 ms with a BRIN index on the date ANDed
# with the text index, whose bitmap of pages had every row of a page rechecked; 15 ms for the
# whole index). On `published_on + 0`, which only that search writes (PG_DAY): the public items'
# own `published_on <= today` would otherwise become a condition on the index in every search.
PG_DAY = "catalogue_item.published_on + 0"
PG_SEARCH_INDEX = (
    "CREATE INDEX IF NOT EXISTS zfxxgk_item_text_day_trgm ON catalogue_item "
    f"USING gin ({PG_TEXT} gin_trgm_ops, (published_on + 0))"
)
PG_SEARCH_DROP = "DROP INDEX IF EXISTS zfxxgk_item_text_day_trgm"


def repair(connection) -> bool:
    """Recreate the SQLite triggers if a later migration of the catalogue dropped them (Django
    rebuilds a SQLite table to alter it, and triggers go with the old table), then rebuild the
    index. True if anything was repaired."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE 'zfxxgk_item_fts%'"
        )
        present = {row[0] for row in cursor.fetchall()}
        if FTS not in present:
            return False  # migration 0002 not applied on this database (yet)
        if present >= set(TRIGGERS):
            return False
        for sql in [*SQLITE_TRIGGERS, SQLITE_REBUILD]:
            cursor.execute(sql)
    return True


# Both databases: the public items by date, newest first (a partial index: what public() keeps).
PUBLIC_LATEST = """CREATE INDEX zfxxgk_item_public_latest ON catalogue_item (published_on DESC, id DESC)
WHERE review = 'approved' AND attribute = 'proactive' AND published_on IS NOT NULL"""
PUBLIC_LATEST_DROP = "DROP INDEX IF EXISTS zfxxgk_item_public_latest"

# Both databases: an agency's public items by 第二十条 item, 主题 and 体裁, newest first. The
# 目录 filtered by one of them walks its index instead of testing every public item of the
# agency, and the 指南 asks each value whether it occurs (one index probe, not a count).
PUBLIC_FACETS = ("art20_item", "topic_id", "genre_id")
PUBLIC_BY_FACET = [
    f"""CREATE INDEX zfxxgk_item_public_{c} ON catalogue_item (agency_id, {c}, published_on DESC, id DESC)
WHERE review = 'approved' AND attribute = 'proactive' AND published_on IS NOT NULL"""
    for c in PUBLIC_FACETS
]
PUBLIC_BY_FACET_DROP = [f"DROP INDEX IF EXISTS zfxxgk_item_public_{c}" for c in PUBLIC_FACETS]
