"""Back up, wipe, restore, compare: on SQLite always, on PostgreSQL when DATABASE_URL names a
server. The database (every table, through dumpdata) and the upload store (every file's bytes)
come back exactly; the append-only triggers come back too; old backups are pruned."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from .realserver import RealServer, postgres_admin_url

SEED = """
import datetime as dt
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from gongkai.agencies.models import Agency, Level, Membership
from gongkai.annualreports.models import PublishedReport
from gongkai.applications import services as app_services
from gongkai.portal import services
from gongkai.web.uploads import check
agency = Agency.objects.create(code="B01", name="备份测试局", level=Level.DEPARTMENT)
users = {}
for role in ("registrar", "handler"):
    users[role] = get_user_model().objects.create_user("b_" + role, password="pw", email=role + "@example.org")
    Membership.objects.create(user=users[role], agency=agency, role=role)
person = {"applicant_type": "natural_person", "id_doc_type": "resident_id", "id_number": "11010519491231002X",
          "description": "备份测试", "delivery_form": "electronic"}
for i in range(6):
    app = app_services.register(actor=users["registrar"], agency=agency, data={
        **person, "applicant_name": f"登记{i}", "contact_phone": "1380000000" + str(i), "channel": "in_person",
        "submitted_on": dt.date(2025, 3, 3)})
    app_services.start_review(app, actor=users["handler"])
for i in range(3):
    services.submit(agency=agency, data={**person, "applicant_name": f"网上{i}", "contact_phone": "1390000000" + str(i)},
                    id_document=check(SimpleUploadedFile(f"id{i}.pdf", b"%PDF-1.4\\n" + bytes([i]) * (1000 + i)), max_bytes=10**6))
PublishedReport.objects.create(agency=agency, year=2025, scope="self", version=1, report_json={"t": 1},
                               cell_records={}, published_by=users["handler"])
"""

TRIGGER_HOLDS = """
from django.db import connection, DatabaseError
try:
    with connection.cursor() as c:
        c.execute("DELETE FROM applications_applicationevent")
    print("deleted")
except DatabaseError:
    print("refused")
"""


def _snapshot(server: RealServer) -> tuple[dict, dict]:
    dump = json.loads(
        server.manage(
            "dumpdata",
            "--exclude",
            "sessions",
            "--exclude",
            "contenttypes",
            "--exclude",
            "auth.permission",
        )
    )
    tables: dict[str, list] = {}
    for row in dump:
        tables.setdefault(row["model"], []).append(row)
    uploads = {
        str(p.relative_to(server.workdir / "private")): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((server.workdir / "private").rglob("*"))
        if p.is_file()
    }
    return tables, uploads


def _wipe(server: RealServer) -> None:
    if server.dbname:
        server.drop()
        server._admin_sql(f'CREATE DATABASE "{server.dbname}"')
    else:
        Path(server.env["SQLITE_PATH"]).unlink()
    shutil.rmtree(server.workdir / "private")


BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.skipif(postgres_admin_url() is None, reason="DATABASE_URL unset"),
            pytest.mark.postgres_server,
        ],
    ),
]


@pytest.mark.parametrize("backend", BACKENDS)
def test_it_backs_up_wipes_and_restores_everything(tmp_path, backend):
    server = RealServer(
        tmp_path / "site", backend, extra_env={"BACKUP_DIR": str(tmp_path / "backups")}
    )
    server.create()
    try:
        server.python(SEED)
        before_tables, before_uploads = _snapshot(server)
        assert (
            len(before_uploads) == 3 and len(before_tables["applications.applicationevent"]) == 15
        )
        assert (
            len(before_tables["django_tasks_database.dbtaskresult"]) == 3
        )  # queued jobs are data too
        assert len(before_tables["annualreports.publishedreport"]) == 1

        folder = Path(server.manage("backup").strip())
        manifest = json.loads((folder / "manifest.json").read_text())
        assert manifest["uploads"]["count"] == 3 and folder.parent == tmp_path / "backups"

        _wipe(server)
        with pytest.raises(RuntimeError):
            server.python(
                "from gongkai.applications.models import Application; print(Application.objects.count())"
            )

        out = server.manage("restore", str(folder), "--yes")
        assert "3 uploads" in out
        after_tables, after_uploads = _snapshot(server)
        assert after_uploads == before_uploads
        assert after_tables.keys() == before_tables.keys()
        for model in before_tables:
            assert after_tables[model] == before_tables[model], model
        assert server.python(TRIGGER_HOLDS).strip() == "refused"
    finally:
        server.drop()


def test_it_keeps_only_the_newest_backups_and_refuses_a_damaged_one(tmp_path):
    server = RealServer(
        tmp_path / "site",
        "sqlite",
        extra_env={"BACKUP_DIR": str(tmp_path / "backups"), "BACKUP_KEEP": "2"},
    )
    server.create()
    made = [Path(server.manage("backup").strip()) for _ in range(3)]
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == sorted(
        p.name for p in made[1:]
    )
    (made[2] / "database.sqlite3").write_bytes(b"not the same")
    with pytest.raises(RuntimeError, match="checksum"):
        server.manage("restore", str(made[2]), "--yes")
    with pytest.raises(RuntimeError, match="--yes"):
        server.manage("restore", str(made[1]))
