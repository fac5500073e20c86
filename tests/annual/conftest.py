"""Fixtures for the annual report: the application system's world, and applications written
straight to the database for the property tests (states and events do not matter to 表三)."""

from __future__ import annotations

import pytest

from tests.web.conftest import World, _fast_passwords  # noqa: F401  (fixture re-exported)


@pytest.fixture
def world(db) -> World:
    return World()
