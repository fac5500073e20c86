"""Application.objects.for_user: own agencies only; supervisors read everything below theirs."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from gongkai.agencies.models import Agency, Level, Membership, Role
from gongkai.applications.choices import State
from gongkai.applications.models import Application


def test_it_scopes_by_membership_and_reaches_down_for_supervisors(world):
    unit = Agency.objects.create(
        code="D01-02-01", name="住建局下属中心", level=Level.OTHER, parent=world.office_b
    )
    a = world.application(State.REGISTERED)
    b = world.application(State.REGISTERED, agency=world.office_b)
    Membership.objects.create(user=world.other_handler, agency=unit, role=Role.REGISTRAR)
    from gongkai.applications import services
    from tests.web.conftest import person_data

    deep = services.register(actor=world.other_handler, agency=unit, data=person_data())
    b_supervisor = get_user_model().objects.create_user("b_supervisor")
    Membership.objects.create(user=b_supervisor, agency=world.office_b, role=Role.SUPERVISOR)

    def seen(user):
        return set(Application.objects.for_user(user))

    assert seen(world.handler) == {a}
    assert seen(world.other_handler) == {b, deep}
    assert seen(world.district_supervisor) == {a, b, deep}
    assert seen(b_supervisor) == {b, deep}
    assert seen(AnonymousUser()) == set()
    assert seen(get_user_model().objects.create_user("nobody")) == set()
