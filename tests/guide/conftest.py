import pytest

from tests.web.conftest import World, _fast_passwords  # noqa: F401  (fixture re-exported)
from tests.web.portal.conftest import _private_uploads  # noqa: F401  (fixture re-exported)


@pytest.fixture
def world(db) -> World:
    return World()
