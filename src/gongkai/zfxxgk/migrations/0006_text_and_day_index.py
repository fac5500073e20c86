"""PostgreSQL: the trigram index on title, 文号 and body with the publication date as a second
column, which bounds a search of common terms to the newest publications inside the index
(gongkai.zfxxgk.index_sql.PG_SEARCH_INDEX says why)."""

from importlib import import_module

from django.db import migrations

from gongkai.zfxxgk import index_sql

VendorRunSQL = import_module("gongkai.zfxxgk.migrations.0002_search_index").VendorRunSQL


class Migration(migrations.Migration):
    dependencies = [("zfxxgk", "0005_one_text_index")]

    operations = [
        VendorRunSQL(
            "postgresql",
            [
                "CREATE EXTENSION IF NOT EXISTS btree_gin",
                index_sql.PG_SEARCH_INDEX,
                index_sql.PG_TEXT_DROP,
                # An expression in an index has no statistics before ANALYZE; without them the
                # planner guesses a third of the table for the date bound.
                "ANALYZE catalogue_item",
            ],
            [index_sql.PG_TEXT_INDEX, index_sql.PG_SEARCH_DROP],
        )
    ]
