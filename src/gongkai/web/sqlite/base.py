"""Django's SQLite backend with one change: flush (wiping every table, as `manage.py flush` and
the test suite's transactional tests do) lifts the append-only triggers for the wipe and puts
them back, in the same transaction, as TRUNCATE bypasses row triggers on PostgreSQL."""

from __future__ import annotations

from django.db.backends.sqlite3 import base, operations

from gongkai.web import appendonly


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        wipe = super().sql_flush(
            style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        protected = [t for t in appendonly.PROTECTED if t in tables]
        lift = [sql for t in protected for sql in appendonly.drop_sql("sqlite", t)]
        restore = [sql for t in protected for sql in appendonly.create_sql("sqlite", t)]
        return [*lift, *wipe, *restore] if wipe else wipe


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
