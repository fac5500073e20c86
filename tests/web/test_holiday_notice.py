"""A December case due in a year whose holiday notice is not entered: a provisional date, listed,
made final when the notice is entered in one form; the holiday table knows nothing above it."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

from django.urls import reverse

from gongkai.applications.choices import State
from gongkai.applications.models import Application
from gongkai.holidays.models import DayKind, HolidayYear
from gongkai.holidays.signals import holiday_year_changed

from .test_admin import _admin

# A notice for 2027 in the State Council's wording (the real one is not out on 7 December 2026).
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至11日（周四）放假调休，共7天。2月14日（周日）、2月20日（周六）上班。
"""


def _bulk_post(client, text: str, year: str = "2027", pk: int | None = None):
    data = {
        "year": year,
        "source": "国办发明电〔2026〕测试号",
        "bulk": text,
        "days-TOTAL_FORMS": "0",
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }
    url = (
        reverse("admin:holidays_holidayyear_change", args=[pk])
        if pk
        else reverse("admin:holidays_holidayyear_add")
    )
    return client.post(url, data)


def _december_case(world, today) -> Application:
    today(dt.date(2026, 12, 7))
    app = world.application(State.IN_REVIEW, submitted_on=dt.date(2026, 12, 7))
    app.refresh_from_db()
    return app


def test_it_lists_a_provisional_case_in_the_filters_instead_of_dropping_it(client, world, today):
    app = _december_case(world, today)
    assert app.answer_due_on == dt.date(2027, 1, 5) and "2027年" in app.answer_due_provisional
    client.force_login(world.handler)
    url = reverse("staff:application_list")
    assert app.number in client.get(url, {"due": "provisional"}).content.decode()
    assert (
        app.number in client.get(url, {"due": "soon"}).content.decode()
        or app.number in client.get(url).content.decode()
    )
    today(dt.date(2027, 1, 6))
    overdue = client.get(url, {"due": "overdue"}).content.decode()
    assert app.number in overdue and "暂定" in overdue
    final = world.application(State.IN_REVIEW, submitted_on=dt.date(2026, 11, 2))
    assert final.number not in client.get(url, {"due": "provisional"}).content.decode()


def test_it_enters_a_pasted_notice_and_makes_the_provisional_date_final(
    client, world, today, django_capture_on_commit_callbacks
):
    app = _december_case(world, today)
    today(dt.date(2027, 1, 25))
    january = world.application(State.IN_REVIEW, submitted_on=dt.date(2027, 1, 25))
    january.refresh_from_db()
    # Provisionally 春节 is 除夕 to 初三 with two days made up (5 and 8–10 February off).
    assert (january.answer_due_on, bool(january.answer_due_provisional)) == (
        dt.date(2027, 2, 26),
        True,
    )
    _admin(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = _bulk_post(client, NOTICE_2027)
    assert response.status_code == 302, response.content.decode()[:2000]
    year = HolidayYear.objects.get(year=2027)
    days = {d.date: (d.kind, d.name) for d in year.days.all()}
    assert days[dt.date(2027, 1, 3)] == (DayKind.HOLIDAY, "元旦") and days[
        dt.date(2027, 2, 11)
    ] == (DayKind.HOLIDAY, "春节")
    assert {d for d, (k, _) in days.items() if k == DayKind.WORKDAY} == {
        dt.date(2027, 2, 14),
        dt.date(2027, 2, 20),
    }
    app.refresh_from_db()
    january.refresh_from_db()
    # 2 and 3 January are a weekend anyway: the December date stands, now final.
    assert (app.answer_due_on, app.answer_due_provisional) == (dt.date(2027, 1, 5), "")
    # 5–11 February off, Sunday 14 and Saturday 20 February worked: one day earlier, final.
    assert (january.answer_due_on, january.answer_due_provisional) == (dt.date(2027, 2, 25), "")
    # Pasting again replaces the year's days.
    with django_capture_on_commit_callbacks(execute=True):
        assert _bulk_post(client, "元旦：1月1日放假", pk=year.pk).status_code == 302
    assert list(year.days.values_list("date", flat=True)) == [dt.date(2027, 1, 1)]
    app.refresh_from_db()
    assert app.answer_due_on == dt.date(2027, 1, 5)


def test_it_shows_what_it_cannot_read_and_saves_nothing(client, db):
    _admin(client)
    response = _bulk_post(client, "一、元旦：1月1日放假\n二、春节：2月8日（周一）上班。")
    assert response.status_code == 200
    assert "调休上班日 2027-02-08 是星期一" in response.content.decode()
    response = _bulk_post(client, "国务院办公厅\n2026年11月4日")
    assert "第2行" in response.content.decode()
    assert not HolidayYear.objects.exists()


def test_it_tells_the_applications_through_a_signal_the_holiday_table_declares(world, today):
    app = _december_case(world, today)
    year = HolidayYear.objects.create(year=2027, source="测试")
    year.days.create(date=dt.date(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")
    assert Application.objects.get(pk=app.pk).answer_due_provisional  # not told yet
    holiday_year_changed.send(sender=HolidayYear, year=2027)
    assert Application.objects.get(pk=app.pk).answer_due_provisional == ""


def test_it_keeps_the_holiday_table_free_of_imports_from_the_apps_above_it():
    package = Path(__import__("gongkai.holidays", fromlist=["x"]).__file__).parent
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            for name in names:
                assert not name.startswith(
                    (
                        "gongkai.applications",
                        "gongkai.notices",
                        "gongkai.annualreports",
                        "gongkai.portal",
                    )
                ), (path, name)
