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

from django.db.models import Func

INDEXES = [
    (
        "annual_app_t3",
        "applications_application",
        "replied_on, received_on, agency_id, applicant_type, outcome",
    ),
    (
        "annual_case_t4",
        "applications_reviewcase",
        "application_id, filed_on, concluded_on, kind, result",
    ),
]


def create_statements() -> list[str]:
    return [
        f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})"
        for name, table, columns in INDEXES
    ]


def ensure_indexes(using: str = "default", **kwargs) -> None:
    from django.db import connections

    connection = connections[using]
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for (_, table, _), sql in zip(INDEXES, create_statements(), strict=True):
            if table in tables:
                cursor.execute(sql)


class Unindexed(Func):
    """A column's own value; on SQLite written `+column`, which keeps the planner from answering
    that term from an index (a date cannot take `+ 0`). The district-wide 表三 query hides its
    receipt term so SQLite reads the replied_on ranges of the covering index annual_app_t3
    instead of app_newest or app_agency_newest, the staff list's indexes, and the table."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="+%(expressions)s", **extra_context)


def report_plan(ids: list[int], year: int) -> list[str]:
    """The data-reading nodes of the database's plan for each 表三 query (benchmark, tests)."""
    from django.db import connection

    from gongkai.report.templates import template_for_year

    from .compute import t3_queries

    plans = []
    with connection.cursor() as cursor:
        for query in t3_queries(ids, year, template_for_year(year)):
            sql, params = query.query.sql_with_params()
            cursor.execute(
                ("EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ") + sql,
                params,
            )
            lines = [str(row[-1]).strip() for row in cursor.fetchall()]
            plans.append(
                "; ".join(
                    x for x in lines if "SCAN" in x.upper() or "SEARCH" in x or "INDEX" in x.upper()
                )
            )
    return plans
