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
    assert access.reads == {
        world.district.pk,
        world.office_a.pk,
        world.office_b.pk,
        world.street.pk,
    }
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


def test_it_names_the_agencies_a_user_registers_at_and_approves_for(world):
    assert build_access(world.registrar).registers == {world.office_a.pk}
    assert build_access(world.handler).registers == {world.office_a.pk}
    assert not build_access(world.approver).registers
    assert build_access(world.approver).approves == {world.office_a.pk}
    assert not build_access(world.handler).approves


def test_it_opens_the_admin_to_administrators_calendar_keepers_and_superusers_only(world):
    from django.contrib.auth.models import Group

    from gongkai.agencies.access import CALENDAR_GROUP

    keeper = get_user_model().objects.create_user("keeper")
    keeper.groups.add(Group.objects.get(name=CALENDAR_GROUP))
    keeper = get_user_model().objects.get(pk=keeper.pk)  # no cached permissions
    assert build_access(keeper).manages_calendar and build_access(keeper).uses_admin
    assert not build_access(keeper).administers and not build_access(keeper).reads
    assert (
        build_access(world.administrator).uses_admin
        and not build_access(world.administrator).manages_calendar
    )
    for user in (world.handler, world.supervisor, world.district_supervisor):
        assert not build_access(user).uses_admin


def test_it_reads_roles_afresh_for_services(world):
    from gongkai.agencies.access import roles_at
    from gongkai.agencies.models import Membership

    assert roles_at(world.handler, world.office_b.pk) == frozenset()
    Membership.objects.create(user=world.handler, agency=world.office_b, role=Role.REGISTRAR)
    assert roles_at(world.handler, world.office_b.pk) == {Role.REGISTRAR}
    world.handler.is_active = False
    assert roles_at(world.handler, world.office_a.pk) == frozenset()
