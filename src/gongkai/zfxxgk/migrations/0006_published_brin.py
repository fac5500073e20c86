"""PostgreSQL: a BRIN index on the publication date, which bounds a search of common terms to
the newest publications (gongkai.zfxxgk.index_sql.PG_PUBLISHED_BRIN says why)."""

from importlib import import_module

from django.db import migrations

from gongkai.zfxxgk import index_sql

VendorRunSQL = import_module("gongkai.zfxxgk.migrations.0002_search_index").VendorRunSQL


class Migration(migrations.Migration):
    dependencies = [("zfxxgk", "0005_one_text_index")]

    operations = [
        VendorRunSQL(
            "postgresql",
            # ANALYZE: an expression index has no statistics before it, and without them the
            # planner guesses a third of the table for the bound and does not use the index.
            [index_sql.PG_PUBLISHED_BRIN, "ANALYZE catalogue_item"],
            [index_sql.PG_PUBLISHED_BRIN_DROP],
        )
    ]
