"""Shared test helpers: where the real published reports are (read in place, never copied)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("GONGKAI_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
CORPUS_COPIED = SHARED / "corpus-copied"  # real reports copied one table cell per line
SEED = SHARED / "seeds" / "000_7e9372fa48158695.txt"


@pytest.fixture
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"real-report corpus not found at {CORPUS}")
    return CORPUS


@pytest.fixture
def copied_dir() -> Path:
    if not CORPUS_COPIED.is_dir():
        pytest.skip(f"copied-report corpus not found at {CORPUS_COPIED}")
    return CORPUS_COPIED


@pytest.fixture
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip(f"seed report not found at {SEED}")
    return SEED


_DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
    "client",
    "admin_client",
    "django_user_model",
}


def pytest_collection_modifyitems(config, items):
    """With GONGKAI_DB_TESTS_ONLY=1 (bin/test's PostgreSQL pass) keep only tests that touch the database."""
    if os.environ.get("GONGKAI_DB_TESTS_ONLY") != "1":
        return
    keep, drop = [], []
    for item in items:
        uses_db = (
            item.get_closest_marker("django_db") is not None
            or item.get_closest_marker("postgres_server") is not None
            or _DB_FIXTURES & set(getattr(item, "fixturenames", ()))
        )
        (keep if uses_db else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


CHROMIUM = (
    "/usr/bin/chromium"  # Debian's package; never a browser downloaded by `playwright install`
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    # This machine's network is closed: without these Chromium keeps dialling out at start.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser(monkeypatch):
    """Headless Debian chromium driven by Playwright (skipped where it is not installed, except in CI)."""
    import shutil

    if not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing: bin/setup installs the Debian package chromium")
        pytest.skip("Debian package chromium not installed")
    # Playwright's sync API runs an event loop in this thread; the test's ORM calls stay sequential.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()
