"""The catalogue's substring index: FTS5 trigram on SQLite, pg_trgm GIN on PostgreSQL
(gongkai.zfxxgk.index_sql holds the statements; each runs only on its database)."""

from django.db import migrations

from gongkai.zfxxgk import index_sql


class VendorRunSQL(migrations.RunSQL):
    """RunSQL for one database vendor only; a no-op on the others."""

    def __init__(self, vendor, sql, reverse_sql):
        super().__init__(sql, reverse_sql)
        self.vendor = vendor

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, args, {**kwargs, "vendor": self.vendor}

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("zfxxgk", "0001_disclosure_pages"),
        ("catalogue", "0001_initial"),
    ]

    operations = [
        VendorRunSQL("sqlite", index_sql.SQLITE_FORWARD, index_sql.SQLITE_BACKWARD),
        VendorRunSQL("postgresql", index_sql.PG_FORWARD, index_sql.PG_BACKWARD),
    ]
