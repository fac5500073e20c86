"""The event log and published report versions cannot be changed or deleted even by raw SQL
(database triggers, on SQLite and on PostgreSQL), while flush still empties the database."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from gongkai.annualreports.models import PublishedReport, Scope
from gongkai.applications.choices import State
from gongkai.applications.models import ApplicationEvent


def _published(world) -> PublishedReport:
    return PublishedReport.objects.create(
        agency=world.office_a,
        year=2025,
        scope=Scope.SELF,
        version=1,
        report_json={"title": "x"},
        cell_records={},
        published_by=world.approver,
    )


def _refused(sql: str, params) -> str:
    with (
        pytest.raises(DatabaseError) as caught,
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)
    return str(caught.value)


@pytest.mark.django_db
def test_raw_sql_cannot_change_or_delete_an_event(world):
    app = world.application(State.IN_REVIEW)
    event = app.events.last()
    assert "办理记录只能追加" in _refused(
        "UPDATE applications_applicationevent SET kind = 'registered' WHERE id = %s", [event.pk]
    )
    assert "办理记录只能追加" in _refused(
        "DELETE FROM applications_applicationevent WHERE id = %s", [event.pk]
    )
    assert "办理记录只能追加" in _refused("DELETE FROM applications_applicationevent", [])
    event.refresh_from_db()
    assert event.kind == "review_started" and app.events.count() == 2
    # Appending goes on as before.
    from gongkai.applications import services

    services.request_correction(
        app,
        actor=world.handler,
        items="请写明文件名称",
        due_on=app.received_on.replace(day=28),
        on=app.received_on,
    )
    assert app.events.count() == 3


@pytest.mark.django_db
def test_raw_sql_cannot_change_or_delete_a_published_report(world):
    report = _published(world)
    message = _refused(
        "UPDATE annualreports_publishedreport SET report_json = %s WHERE id = %s",
        ['{"title": "y"}', report.pk],
    )
    assert "已发布的年度报告不能修改" in message
    _refused("DELETE FROM annualreports_publishedreport WHERE id = %s", [report.pk])
    report.refresh_from_db()
    assert report.report_json == {"title": "x"}


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_the_database_and_the_triggers_stay(world):
    world.application(State.IN_REVIEW)
    _published(world)
    call_command("flush", "--noinput", verbosity=0)
    assert ApplicationEvent.objects.count() == 0 and PublishedReport.objects.count() == 0
    names = connection.introspection.table_names()
    assert "applications_applicationevent" in names
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        triggers = {row[0] for row in cursor.fetchall()}
    assert {t for t in triggers if "applicationevent" in t} and {
        t for t in triggers if "publishedreport" in t
    }


@pytest.mark.django_db
def test_migrate_puts_back_a_trigger_that_went_missing(world):
    from gongkai.web import appendonly

    with connection.cursor() as cursor:
        for sql in appendonly.drop_sql(connection.vendor, "applications_applicationevent"):
            cursor.execute(sql)
    appendonly.ensure_triggers(using="default")
    app = world.application(State.REGISTERED)
    _refused("DELETE FROM applications_applicationevent WHERE application_id = %s", [app.pk])
