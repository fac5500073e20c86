"""The staff pages of a bulk audit, as the supervisor and from outside (requests as the wrong user)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.agencies.models import Membership, Role
from gongkai.audits import tasks
from gongkai.audits.models import AuditBatch, AuditedReport, AuditFinding
from gongkai.report.writers import write

from .conftest import report_of, zip_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _db_queue(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PORTAL_UPLOAD_DIR = str(tmp_path / "private")


def _upload(client, world, files: dict[str, bytes], dates: str = ""):
    client.force_login(world.district_supervisor)
    uploads = [SimpleUploadedFile(name, data) for name, data in files.items()]
    return client.post(
        reverse("audits:batch_create"),
        {"owner": world.district.pk, "title": "2024年度报告审核", "files": uploads, "dates": dates},
    )


def _units(world):
    """Office A's and office B's reports (B's with a table error), and one of an agency outside."""
    return {
        "a.docx": write(report_of("示范区人民政府办公室"), "docx"),
        "b.txt": write(report_of("示范区住房和城乡建设局", broken=True), "txt"),
        "x.html": write(report_of("外区某局"), "html"),
    }


def test_the_supervisor_uploads_a_zip_and_drills_down_from_the_ranking(client, world, every_format):
    response = _upload(client, world, {"all.zip": zip_of({**every_format, **_units(world)})})
    batch = AuditBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "audits:batch", args=[batch.pk]
    )
    page = client.get(reverse("audits:progress", args=[batch.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page and "0 / 9" in page
    tasks.drain(batch.pk, "w1")
    page = client.get(reverse("audits:progress", args=[batch.pk])).content.decode()
    assert "hx-trigger" not in page and "已完成" in page and 'value="100"' in page
    ranking = client.get(reverse("audits:ranking", args=[batch.pk])).content.decode()
    # Worst first: the two reports with table errors lead; units of the system by their name.
    b = AuditedReport.objects.get(original_name="all.zip/b.txt")
    assert b.agency == world.office_b
    first_rows = ranking.split("<tbody>")[1].split("</tr>")[:2]
    assert any("示范区住房和城乡建设局" in r for r in first_rows)
    link = reverse("audits:report", args=[b.pk]) + "?level=error#findings"
    assert link.replace("&", "&amp;") in ranking or link in ranking
    report = client.get(link.split("#")[0]).content.decode()
    error = b.findings.filter(level="error").first()
    assert f'id="f{error.pk}"' in report and error.message in report
    # The district supervises office B: each finding can become a 通报 (gongkai.rectifications).
    assert f"{reverse('rectifications:issue')}?finding={error.pk}" in report
    assert error.location and error.location in report
    assert "ZHUANLAN-GAP" not in report  # only errors shown
    everything = client.get(reverse("audits:report", args=[b.pk])).content.decode()
    # A unit inside the system: its 专栏 checked, and what it lacks named (no 指南 data here).
    assert "ZHUANLAN-GAP" in everything and "指南缺少" in everything


def test_the_workbook_has_one_row_per_report(client, world):
    _upload(client, world, _units(world))
    batch = AuditBatch.objects.get()
    tasks.drain(batch.pk, "w1")
    response = client.get(reverse("audits:export", args=[batch.pk]))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(book["审核结果"].iter_rows(values_only=True))
    assert len(rows) == 1 + 3
    assert rows[1][1] == "b.txt" and rows[1][7] >= 1  # 错误 column, worst first
    details = list(book["问题明细"].iter_rows(values_only=True))
    assert len(details) - 1 == AuditFinding.objects.filter(batch=batch).count()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(client, world, settings):
    settings.AUDIT_UPLOAD_MAX_BYTES = 4 * 1024 * 1024
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("report.txt", b"0" * (64 * 1024 * 1024))  # 64 MB of zeros in about 64 KB
    response = _upload(client, world, {"bomb.zip": bomb.getvalue()})
    assert response.status_code == 400
    assert "压缩包“bomb.zip”" in response.content.decode() and not AuditedReport.objects.exists()


def test_a_file_that_is_no_report_is_refused_by_its_content(client, world):
    files = {
        "photo.pdf": b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
        "a.txt": write(report_of("示范区第1局"), "txt"),
    }
    response = _upload(client, world, files)
    batch = AuditBatch.objects.get()
    assert response.status_code == 302 and batch.reports.count() == 1
    assert "photo.pdf" in batch.notes


def test_a_unit_sees_its_own_result_and_not_another_units(client, world):
    _upload(client, world, _units(world))
    batch = AuditBatch.objects.get()
    tasks.drain(batch.pk, "w1")
    a = AuditedReport.objects.get(original_name="a.docx")
    b = AuditedReport.objects.get(original_name="b.txt")
    # Office B's handler: their own report, never office A's, never the batch.
    client.force_login(world.other_handler)
    own = client.get(reverse("audits:report", args=[b.pk]))
    assert (
        own.status_code == 200 and "就此发出通报" not in own.content.decode()
    )  # a unit issues no 通报
    assert client.get(reverse("audits:report", args=[a.pk])).status_code == 404
    for name in ("batch", "progress", "ranking", "export"):
        assert client.get(reverse(f"audits:{name}", args=[batch.pk])).status_code == 404, name
    listing = client.get(reverse("audits:batch_list")).content.decode()
    assert "b.txt" in listing and "a.docx" not in listing and batch.title not in listing
    assert client.get(reverse("audits:batch_create")).status_code == 403
    # Office A's supervisor supervises office A, not the district: the district's batch is not theirs.
    client.force_login(world.supervisor)
    assert client.get(reverse("audits:batch", args=[batch.pk])).status_code == 404
    assert (
        client.get(reverse("audits:report", args=[a.pk])).status_code == 200
    )  # a member of office A
    assert client.get(reverse("audits:report", args=[b.pk])).status_code == 404
    # Nor may anyone upload into an office they do not supervise.
    response = client.post(
        reverse("audits:batch_create"),
        {"owner": world.district.pk, "title": "x", "files": [SimpleUploadedFile("a.txt", b"x")]},
    )
    assert response.status_code == 400 and AuditBatch.objects.count() == 1


def test_the_units_published_versions_are_taken_from_the_system(client, world):
    from gongkai.annualreports import publish
    from gongkai.applications.choices import State

    world.application(State.ARCHIVED, agency=world.office_a)
    publish.publish(world.office_a, "self", 2025, actor=world.approver)
    Membership.objects.create(
        user=world.district_supervisor, agency=world.district, role=Role.ADMINISTRATOR
    )
    client.force_login(world.district_supervisor)
    response = client.post(
        reverse("audits:batch_from_system"),
        {"system-owner": world.district.pk, "system-year": 2025},
    )
    batch = AuditBatch.objects.get()
    assert response.status_code == 302 and batch.reports.count() == 1
    tasks.drain(batch.pk, "w1")
    row = batch.reports.get()
    assert row.state == "done" and row.agency == world.office_a and row.year == 2025
    assert row.published_source == "系统记录的发布时间" and row.published_on is not None
    # A unit inside the system: its 专栏 checked (the test agency keeps no 指南 data: gaps named).
    assert row.findings.filter(rule="ZHUANLAN-GAP", message__contains="指南缺少").exists()
    assert not row.findings.filter(rule="ZHUANLAN-NOT-CHECKED").exists()


def test_the_progress_poll_queues_a_job_only_when_every_job_of_the_batch_is_gone(
    client, world, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.AUDIT_JOBS_PER_BATCH = 2
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, world, _units(world))
    batch = AuditBatch.objects.get()
    jobs = DBTaskResult.objects.filter(task_path="gongkai.audits.tasks.audit_batch")
    queued = jobs.count()  # the batch's own jobs (queued when its transaction committed)
    assert queued == 2
    client.get(reverse("audits:progress", args=[batch.pk]))
    assert jobs.count() == queued  # they are still waiting: nothing more
    jobs.delete()  # every worker that had the batch lost for good, and its jobs with it
    client.get(reverse("audits:progress", args=[batch.pk]))
    assert jobs.count() == 1 and jobs.get().args_kwargs["args"] == [batch.pk]
    client.get(reverse("audits:progress", args=[batch.pk]))
    assert jobs.count() == 1
