"""PostgreSQL: one trigram index on title, 文号 and body as one text, for the three indexes of
migration 0002 (gongkai.zfxxgk.index_sql.PG_TEXT says why)."""

from importlib import import_module

from django.db import migrations

from gongkai.zfxxgk import index_sql

VendorRunSQL = import_module("gongkai.zfxxgk.migrations.0002_search_index").VendorRunSQL


class Migration(migrations.Migration):
    dependencies = [("zfxxgk", "0004_public_facet_indexes")]

    operations = [
        VendorRunSQL(
            "postgresql",
            [index_sql.PG_TEXT_INDEX, *index_sql.PG_BACKWARD],
            [*index_sql.PG_FORWARD[1:], index_sql.PG_TEXT_DROP],
        )
    ]
