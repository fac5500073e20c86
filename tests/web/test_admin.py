"""Django admin for reference data: agencies, memberships, the holiday table."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.urls import reverse

from gongkai.holidays.models import HolidayYear
from gongkai.holidays.table import working_calendar


def _admin(client):
    user = get_user_model().objects.create_superuser("root", password="pw")
    client.force_login(user)


def test_it_offers_reference_data_in_the_admin(client, world):
    _admin(client)
    for name in ("agencies_agency", "agencies_membership", "holidays_holidayyear"):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200, name
    assert world.office_a.name in client.get(reverse("admin:agencies_agency_changelist")).content.decode()


def _holiday_post(client, days):
    data = {
        "year": "2027",
        "source": "国办发明电〔2026〕测试号",
        "days-TOTAL_FORMS": str(len(days)),
        "days-INITIAL_FORMS": "0",
        "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
    }
    for i, (date, kind, name) in enumerate(days):
        data.update({f"days-{i}-date": date, f"days-{i}-kind": kind, f"days-{i}-name": name})
    return client.post(reverse("admin:holidays_holidayyear_add"), data)


def test_it_refuses_a_make_up_working_day_on_a_weekday(client, db):
    _admin(client)
    response = _holiday_post(client, [("2027-02-08", "workday", "春节调休")])  # a Monday
    assert response.status_code == 200
    assert "调休上班日只能是周六或周日" in response.content.decode()
    assert not HolidayYear.objects.exists()


def test_it_saves_a_valid_year_the_deadlines_then_use(client, db):
    _admin(client)
    response = _holiday_post(client, [("2027-01-01", "holiday", "元旦"), ("2027-02-07", "workday", "春节调休")])
    assert response.status_code == 302
    cal = working_calendar()
    assert not cal.is_workday(dt.date(2027, 1, 1))
    assert cal.is_workday(dt.date(2027, 2, 7))
