"""manage.py load_demo: agencies, one user per role, applications in every state."""

from __future__ import annotations

from io import StringIO

from django.contrib.auth import authenticate
from django.core.management import call_command

from gongkai.agencies.models import Agency, Role
from gongkai.applications.choices import State
from gongkai.applications.models import Application


def test_it_loads_every_state_and_prints_working_logins(db):
    out = StringIO()
    call_command("load_demo", "--count", "40", stdout=out)
    text = out.getvalue()
    assert set(Application.objects.values_list("state", flat=True)) == set(State.values)
    assert Agency.objects.filter(parent__code="DEMO", level="street").count() == 3
    for role in Role:
        assert role.label in text
    assert authenticate(username="demo_handler", password="demo1234") is not None
    # Loading again adds no duplicates.
    call_command("load_demo", "--count", "40", stdout=StringIO())
    assert Application.objects.count() == 40


def test_it_includes_a_scoped_administrator_and_a_calendar_keeper(db):
    from django.contrib.auth import get_user_model

    from gongkai.agencies.access import build_access

    out = StringIO()
    call_command("load_demo", "--count", "12", stdout=out)
    User = get_user_model()
    admin = User.objects.get(username="demo_admin")
    assert not admin.is_superuser and not admin.is_staff
    access = build_access(admin)
    assert access.uses_admin and not access.manages_calendar
    assert access.administers == {Agency.objects.get(code="DEMO-01").pk}
    keeper = build_access(User.objects.get(username="demo_calendar"))
    assert keeper.manages_calendar and not keeper.administers and not keeper.reads
    assert User.objects.get(username="demo_root").is_superuser
    for username in ("demo_admin", "demo_calendar", "demo_root"):
        assert username in out.getvalue()
        assert authenticate(username=username, password="demo1234") is not None
