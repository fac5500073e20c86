"""The access module's decisions, per role (gongkai.agencies.access)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from gongkai.agencies.access import ANONYMOUS, access_for, build_access
from gongkai.agencies.models import Role


def test_it_gives_a_handler_their_own_agency_only(world):
    access = build_access(world.handler)
    assert access.reads == {world.office_a.pk}
    assert access.can_handle(world.office_a.pk)
    assert access.sees_personal_data(world.office_a.pk)
    assert not access.can_read(world.office_b.pk)
    assert not access.can_publish(world.office_a.pk)


def test_it_lets_a_supervisor_read_below_but_not_handle(world):
    access = build_access(world.district_supervisor)
    assert access.reads == {world.district.pk, world.office_a.pk, world.office_b.pk, world.street.pk}
    assert not access.handles
    assert not access.sees_personal_data(world.office_a.pk)


def test_it_lets_approver_and_administrator_publish(world):
    assert build_access(world.approver).can_publish(world.office_a.pk)
    admin = build_access(world.users[Role.ADMINISTRATOR])
    assert admin.can_publish(world.office_a.pk)
    assert admin.administers == {world.office_a.pk}
    assert not admin.manages_calendar


def test_it_gives_a_superuser_every_agency_to_read_and_administer_but_no_case(world):
    root = get_user_model().objects.create_superuser("root", password="pw")
    access = build_access(root)
    everything = {world.district.pk, world.office_a.pk, world.office_b.pk, world.street.pk}
    assert access.reads == everything and access.administers == everything
    assert not access.handles and not access.publishes
    assert access.manages_calendar


def test_it_gives_anonymous_and_inactive_users_nothing(world, rf):
    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert access_for(request) is ANONYMOUS
    world.handler.is_active = False
    assert build_access(world.handler) is ANONYMOUS


def test_it_builds_access_once_per_request(world, rf, django_assert_num_queries):
    request = rf.get("/")
    request.user = world.handler
    first = access_for(request)
    with django_assert_num_queries(0):
        assert access_for(request) is first
