"""Django admin for reference data: agencies, memberships, the holiday table."""

from __future__ import annotations

import datetime as dt
import re

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
    assert (
        world.office_a.name
        in client.get(reverse("admin:agencies_agency_changelist")).content.decode()
    )


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
    response = _holiday_post(
        client, [("2027-01-01", "holiday", "元旦"), ("2027-02-07", "workday", "春节调休")]
    )
    assert response.status_code == 302
    cal = working_calendar()
    assert not cal.is_workday(dt.date(2027, 1, 1))
    assert cal.is_workday(dt.date(2027, 2, 7))


def test_it_lets_an_agency_administrator_in_with_the_normal_login(client, world):
    response = client.post(
        reverse("admin:login"), {"username": "a_administrator", "password": "pw"}
    )
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
    assert client.post(
        url, {"user": world.other_handler.pk, "agency": world.office_a.pk, "role": "approver"}
    ).status_code in (302, 404)
    b_membership.refresh_from_db()
    assert (b_membership.agency, b_membership.role) == (world.office_b, "handler")
    assert client.get(
        reverse("admin:agencies_agency_change", args=[world.office_b.pk])
    ).status_code in (302, 404)
    users = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert "a_handler" in users and "b_handler" not in users and "d_supervisor" not in users


def _membership_form(client, url, **data):
    return client.post(url, {"role": "handler", **data})


def test_it_lets_an_administrator_grant_roles_only_to_colleagues_of_their_agency(client, world):
    from gongkai.agencies.models import Membership

    client.force_login(world.administrator)
    newcomer = get_user_model().objects.create_user("newcomer")  # no role anywhere yet
    root = get_user_model().objects.create_superuser("root", password="pw")
    Membership.objects.create(user=root, agency=world.office_a, role="supervisor")
    add = reverse("admin:agencies_membership_add")
    form = client.get(add).content.decode()
    offered = re.search(r'<select name="user".*?</select>', form, re.S)[0]
    assert "a_registrar" in offered
    for hidden in ("b_handler", "d_supervisor", "newcomer", ">root<", "a_administrator"):
        assert hidden not in offered, hidden
    before = Membership.objects.count()
    for user, agency in (
        (world.administrator, world.office_a),  # themselves
        (world.other_handler, world.office_a),  # a user of another agency
        (newcomer, world.office_a),  # nobody's colleague yet
        (root, world.office_a),  # a superuser
        (world.registrar, world.office_b),  # another agency
    ):
        refused = _membership_form(client, add, user=user.pk, agency=agency.pk)
        assert refused.status_code == 200, (user, agency)
    assert Membership.objects.count() == before
    assert (
        _membership_form(client, add, user=world.registrar.pk, agency=world.office_a.pk).status_code
        == 302
    )
    assert Membership.objects.filter(
        user=world.registrar, agency=world.office_a, role="handler"
    ).exists()


def test_it_keeps_an_administrators_own_roles_out_of_their_reach(client, world):
    from gongkai.agencies.models import Membership

    client.force_login(world.administrator)
    own = Membership.objects.get(user=world.administrator)
    change = reverse("admin:agencies_membership_change", args=[own.pk])
    assert client.get(reverse("admin:agencies_membership_changelist")).status_code == 200
    assert (
        client.post(
            change,
            {"user": world.administrator.pk, "agency": world.office_a.pk, "role": "approver"},
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("admin:agencies_membership_delete", args=[own.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    own.refresh_from_db()
    assert own.role == "administrator"
    # The agency page's inline lists the colleagues' roles only; saving it cannot add one for them.
    page = client.get(
        reverse("admin:agencies_agency_change", args=[world.office_a.pk])
    ).content.decode()
    assert "a_handler" in page and 'name="memberships-INITIAL_FORMS" value="4"' in page
    assert not re.search(rf'name="memberships-\d+-id" value="{own.pk}"', page)
    assert not Membership.objects.filter(user=world.administrator).exclude(pk=own.pk).exists()


def test_it_creates_a_colleague_with_their_first_role(client, world):
    from gongkai.agencies.models import Membership

    client.force_login(world.administrator)
    add = reverse("admin:auth_user_add")
    data = {
        "username": "new_clerk",
        "password1": "Gk-2026-long-pass",
        "password2": "Gk-2026-long-pass",
        "agency": world.office_a.pk,
        "role": "registrar",
    }
    assert client.post(add, {**data, "agency": world.office_b.pk}).status_code == 200
    assert not get_user_model().objects.filter(username="new_clerk").exists()
    response = client.post(add, {**data, "is_superuser": "on", "is_staff": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    clerk = get_user_model().objects.get(username="new_clerk")
    assert not clerk.is_superuser and not clerk.is_staff
    assert list(Membership.objects.filter(user=clerk).values_list("agency_id", "role")) == [
        (world.office_a.pk, "registrar")
    ]


def test_it_lets_an_administrator_edit_only_accounts_wholly_inside_their_agencies(client, world):
    from gongkai.agencies.models import Membership

    client.force_login(world.administrator)
    handler = reverse("admin:auth_user_change", args=[world.handler.pk])
    assert client.get(handler).status_code == 200
    response = client.post(
        handler,
        {
            "username": "a_handler",
            "first_name": "承办",
            "last_name": "甲",
            "email": "",
            "is_active": "on",
            "is_superuser": "on",
            "is_staff": "on",
        },
    )
    assert response.status_code == 302
    world.handler.refresh_from_db()
    assert (
        world.handler.first_name == "承办"
        and not world.handler.is_superuser
        and not world.handler.is_staff
    )
    # A person who also works at office B: their account (password) is the system administrator's.
    Membership.objects.create(user=world.handler, agency=world.office_b, role="registrar")
    assert client.post(handler, {"username": "taken_over", "is_active": "on"}).status_code == 403
    assert (
        client.post(
            reverse("admin:auth_user_password_change", args=[world.handler.pk]),
            {"password1": "Gk-2026-long-pass", "password2": "Gk-2026-long-pass"},
        ).status_code
        == 403
    )
    for other in (world.other_handler, world.administrator):
        assert client.post(
            reverse("admin:auth_user_change", args=[other.pk]), {"username": "x", "is_active": "on"}
        ).status_code in (302, 403)
    world.handler.refresh_from_db()
    world.other_handler.refresh_from_db()
    assert world.handler.username == "a_handler" and world.other_handler.username == "b_handler"
    assert (
        client.post(
            reverse("admin:auth_user_delete", args=[world.registrar.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert get_user_model().objects.filter(pk=world.registrar.pk).exists()


def test_it_keeps_the_holiday_table_from_agency_administrators(client, world):
    client.force_login(world.administrator)
    assert client.get(reverse("admin:holidays_holidayyear_changelist")).status_code == 403
    assert _holiday_post(client, [("2027-01-01", "holiday", "元旦")]).status_code == 403
    assert not HolidayYear.objects.exists()
    assert "holidays" not in client.get(reverse("admin:index")).content.decode()


def test_it_lets_the_calendar_group_keep_the_holiday_table_and_nothing_else(client, world):
    from django.contrib.auth.models import Group

    from gongkai.agencies.access import CALENDAR_GROUP, build_access

    keeper = get_user_model().objects.create_user("calendar_keeper", password="pw")
    keeper.groups.add(Group.objects.get(name=CALENDAR_GROUP))
    assert (
        build_access(keeper).manages_calendar
        and not build_access(world.administrator).manages_calendar
    )
    response = client.post(
        reverse("admin:login"), {"username": "calendar_keeper", "password": "pw"}
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:holidays_holidayyear_changelist")).status_code == 200
    assert _holiday_post(client, [("2027-01-01", "holiday", "元旦")]).status_code == 302
    assert HolidayYear.objects.filter(year=2027).exists()
    for name in ("agencies_agency", "agencies_membership", "auth_user"):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 403, name
    assert (
        'href="/admin/">基础数据</a>'
        in client.get(reverse("staff:application_list")).content.decode()
    )


def test_it_links_the_admin_from_the_header_only_for_those_who_use_it(client, world):
    link = 'href="/admin/">基础数据</a>'
    for user, shown in (
        (world.administrator, True),
        (world.handler, False),
        (world.district_supervisor, False),
    ):
        client.force_login(user)
        assert (link in client.get(reverse("staff:application_list")).content.decode()) == shown, (
            user
        )


def test_it_lets_the_system_administrator_keep_the_topics_that_registration_offers(client, world):
    """主题分类 and 体裁 are data of the deployment (the admin, superusers only): a topic added
    there is offered when an item is registered; once inactive it is offered no more."""
    from gongkai.catalogue.models import Topic

    root = get_user_model().objects.create_superuser("root", password="pw")
    client.force_login(world.handler)
    form = reverse("catalogue:item_create")
    offered = ">乡村振兴</option>"  # the admin's own message names the topic too
    assert offered not in client.get(form).content.decode()
    client.force_login(root)
    added = client.post(
        reverse("admin:catalogue_topic_add"),
        {"code": "XCZX", "name": "乡村振兴", "position": "5", "active": "on"},
    )
    assert added.status_code == 302
    topic = Topic.objects.get(code="XCZX")
    client.force_login(world.handler)
    assert offered in client.get(form).content.decode()
    client.force_login(root)
    changed = client.post(
        reverse("admin:catalogue_topic_change", args=[topic.pk]),
        {"code": "XCZX", "name": "乡村振兴", "position": "5"},  # 启用 unticked
    )
    assert changed.status_code == 302 and not Topic.objects.get(pk=topic.pk).active
    client.force_login(world.handler)
    assert offered not in client.get(form).content.decode()
    # An agency's administrator keeps its own people, not the deployment's lists.
    client.force_login(world.administrator)
    assert client.get(reverse("admin:catalogue_topic_changelist")).status_code == 403
    assert (
        client.post(
            reverse("admin:catalogue_genre_add"), {"code": "X", "name": "新体裁", "position": "1"}
        ).status_code
        == 403
    )
