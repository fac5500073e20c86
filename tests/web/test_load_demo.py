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
