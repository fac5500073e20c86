"""Fixtures for the catalogue: the application system's world (agencies, a user per role at
office A, a handler and approver at office B) and an item factory going through the services."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.catalogue import services
from tests.web.conftest import World, _fast_passwords, today  # noqa: F401  (fixtures re-exported)

FORMED = dt.date(2025, 3, 3)


@pytest.fixture
def world(db) -> World:
    return World()


def make_item(world, *, agency=None, actor=None, approve=False, **fields):
    agency = agency or world.office_a
    actor = actor or (world.registrar if agency == world.office_a else world.other_handler)
    data = {
        "title": "关于做好老旧小区改造工作的通知",
        "doc_number": "示办〔2025〕7号",
        "formed_on": FORMED,
    }
    data.update(fields)
    item = services.register(actor, agency, **data)
    if approve:
        approver = world.approver if agency == world.office_a else world.other_approver
        item = services.approve(
            approver, item, published_on=fields.get("published_on") or FORMED + dt.timedelta(days=3)
        )
    return item
