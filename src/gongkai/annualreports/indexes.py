"""Indexes the annual-report aggregation needs on the application tables (benchmarks/annual_report_1m.py).

The 表三 query keeps applications not answered before 1 January (replied_on IS NULL OR
replied_on >= 1 January) and received by 31 December; with the answer date leading, the database
reads two ranges of one covering index (SQLite: MULTI-INDEX OR) instead of every past year's
rows, and groups by applicant category and outcome without touching the table. 表四 filters cases
on filing and conclusion dates.

They are created with raw SQL by migration 0002 and again after every `migrate` (post_migrate):
the models belong to the applications app, and on SQLite a later migration of that app that
rebuilds its table drops indexes it does not know of.
"""

from __future__ import annotations

INDEXES = [
    ("annual_app_t3", "applications_application", "replied_on, received_on, agency_id, applicant_type, outcome"),
    ("annual_case_t4", "applications_reviewcase", "application_id, filed_on, concluded_on, kind, result"),
]


def create_statements() -> list[str]:
    return [f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})" for name, table, columns in INDEXES]


def ensure_indexes(using: str = "default", **kwargs) -> None:
    from django.db import connections

    connection = connections[using]
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for (_, table, _), sql in zip(INDEXES, create_statements(), strict=True):
            if table in tables:
                cursor.execute(sql)
