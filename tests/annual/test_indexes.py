"""The report's indexes exist after migrate, even where the applications app rebuilt its table."""

from __future__ import annotations

from django.db import connection

from gongkai.annualreports.indexes import INDEXES, ensure_indexes


def _names(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, table))


def test_it_has_the_report_indexes_and_recreates_a_dropped_one(db):
    for name, table, _ in INDEXES:
        assert name in _names(table)
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX annual_app_t3")
    assert "annual_app_t3" not in _names("applications_application")
    ensure_indexes()
    assert "annual_app_t3" in _names("applications_application")
