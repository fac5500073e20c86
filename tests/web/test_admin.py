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


def test_it_lets_an_agency_administrator_in_with_the_normal_login(client, world):
    response = client.post(reverse("admin:login"), {"username": "a_administrator", "password": "pw"})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_it_keeps_other_staff_out_of_the_admin(client, world):
    for username in ("a_handler", "a_supervisor", "b_approver"):
        response = client.post(reverse("admin:login"), {"username": username, "password": "pw"})
        assert response.status_code == 200  # the login form again, with an error
        client.force_login(get_user_model().objects.get(username=username))
        assert client.get(reverse("admin:index")).status_code == 302
        assert client.get(reverse("admin:agencies_membership_changelist")).status_code == 302


def test_it_scopes_an_administrator_to_their_agency(client, world):
    client.force_login(world.administrator)
    memberships = client.get(reverse("admin:agencies_membership_changelist")).content.decode()
    assert "a_handler" in memberships and "b_handler" not in memberships
    agencies = client.get(reverse("admin:agencies_agency_changelist")).content.decode()
    assert world.office_a.name in agencies and world.office_b.name not in agencies
    b_membership = world.other_handler.memberships.get()
    url = reverse("admin:agencies_membership_change", args=[b_membership.pk])
    assert client.get(url).status_code in (302, 404)
    assert client.post(url, {"user": world.other_handler.pk, "agency": world.office_a.pk, "role": "approver"}).status_code in (302, 404)
    b_membership.refresh_from_db()
    assert (b_membership.agency, b_membership.role) == (world.office_b, "handler")
    assert client.get(reverse("admin:agencies_agency_change", args=[world.office_b.pk])).status_code in (302, 404)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_it_lets_an_administrator_grant_roles_only_in_their_agency(client, world):
    from gongkai.agencies.models import Membership

    client.force_login(world.administrator)
    newcomer = get_user_model().objects.create_user("newcomer")
    add = reverse("admin:agencies_membership_add")
    refused = client.post(add, {"user": newcomer.pk, "agency": world.office_b.pk, "role": "handler"})
    assert refused.status_code == 200 and not Membership.objects.filter(user=newcomer).exists()
    assert client.post(add, {"user": newcomer.pk, "agency": world.office_a.pk, "role": "handler"}).status_code == 302
    assert Membership.objects.filter(user=newcomer, agency=world.office_a, role="handler").exists()


def test_it_lets_an_administrator_keep_the_holiday_table(client, world):
    client.force_login(world.administrator)
    assert client.get(reverse("admin:holidays_holidayyear_changelist")).status_code == 200
    assert _holiday_post(client, [("2027-01-01", "holiday", "元旦")]).status_code == 302
    assert HolidayYear.objects.filter(year=2027).exists()
