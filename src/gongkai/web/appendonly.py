"""Rows the database itself refuses to change or delete: the applications' event log and the
published annual-report versions. Python's save()/delete() already refuse; these triggers also
stop raw SQL, a script with its own connection, or a future bug.

PostgreSQL: one BEFORE UPDATE OR DELETE row trigger per table calling gongkai_refuse_change().
SQLite: a BEFORE UPDATE and a BEFORE DELETE trigger per table raising ABORT. Emptying the whole
database (manage.py flush: TRUNCATE on PostgreSQL; on SQLite gongkai.web.sqlite lifts the
triggers for the flush) and DROP stay possible for whoever owns the database, as with any
trigger; docs/deployment.md says how to keep the application's own role from doing that.

The triggers are created by each app's migration (protect()), and again after every migrate
(ensure_triggers) because SQLite drops a table's triggers when a later migration rebuilds it.

An event model inherits gongkai.web.models.AppendOnlyModel, whose save() of an existing row,
delete(), and the queryset's update() and delete() refuse with the table's message from PROTECTED.
"""

from __future__ import annotations

from django.db import migrations

# table -> the message a refused change reports
PROTECTED = {
    "applications_applicationevent": "办理记录只能追加，不能修改或删除。",
    "annualreports_publishedreport": "已发布的年度报告不能修改或删除，请发布新版本。",
    "catalogue_itemevent": "目录变更记录只能追加，不能修改或删除。",
    "rectifications_rectificationevent": "通报整改记录只能追加，不能修改或删除。",
    "evaluations_release": "考评结果发布记录只能追加，不能修改或删除。",
}

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION gongkai_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END
$$
"""


def create_sql(vendor: str, table: str) -> list[str]:
    message = PROTECTED[table].replace("'", "''")
    if vendor == "postgresql":
        return [
            _PG_FUNCTION,
            f"CREATE OR REPLACE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION gongkai_refuse_change('{message}')",
        ]
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            for op in ("UPDATE", "DELETE")
        ]
    return []


def drop_sql(vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}"]
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {table}_no_{op}" for op in ("update", "delete")]
    return []


def protect(table: str) -> migrations.RunPython:
    """The migration operation that creates (and on reverse drops) the triggers of one table."""

    def forwards(apps, schema_editor):
        for sql in create_sql(schema_editor.connection.vendor, table):
            schema_editor.execute(sql, params=None)

    def backwards(apps, schema_editor):
        for sql in drop_sql(schema_editor.connection.vendor, table):
            schema_editor.execute(sql, params=None)

    return migrations.RunPython(forwards, backwards, elidable=False)


def ensure_triggers(using="default", **kwargs) -> None:
    """post_migrate: recreate any trigger a table rebuild removed (no-op when all are there)."""
    from django.db import connections

    connection = connections[using]
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in PROTECTED:
            if table in existing:
                for sql in create_sql(connection.vendor, table):
                    cursor.execute(sql)
