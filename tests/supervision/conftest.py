"""Fixtures for supervision (考评, 通报整改, dashboards): the application system's world (a district
with offices A and B below it, the district's supervisor as the office) and private uploads."""

from __future__ import annotations

import pytest

from tests.web.conftest import World, _fast_passwords, today  # noqa: F401  (fixtures re-exported)
from tests.web.portal.conftest import use_private_dir


@pytest.fixture
def world(db) -> World:
    return World()


@pytest.fixture(autouse=True)
def _private_uploads(settings, tmp_path):
    use_private_dir(settings, tmp_path / "private")
