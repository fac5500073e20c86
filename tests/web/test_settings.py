"""Every setting read from the environment is documented in docs/settings.md."""

from __future__ import annotations

import re
from pathlib import Path

import gongkai.web.settings as settings_module
from gongkai.web.settings import database_from_url

ROOT = Path(__file__).resolve().parents[2]


def test_it_documents_every_environment_setting():
    source = Path(settings_module.__file__).read_text(encoding="utf-8")
    names = set(re.findall(r"\benv(?:bool|int)?\(\s*\"([A-Z_][A-Z0-9_]*)\"", source))
    assert {"SECRET_KEY", "DATABASE_URL", "DEBUG", "EMAIL_PORT"} <= names
    documented = set(
        re.findall(
            r"^\| `([A-Z_][A-Z0-9_]*)` \|",
            (ROOT / "docs/settings.md").read_text(encoding="utf-8"),
            re.M,
        )
    )
    assert names - documented == set()
    assert documented - names == set()


def test_it_reads_a_postgres_url():
    db = database_from_url("postgres://user:p%40ss@db.example:5433/gongkai")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "user",
        "p@ss",
        "db.example",
        "5433",
        "gongkai",
    )
