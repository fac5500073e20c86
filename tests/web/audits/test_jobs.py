"""The jobs of a bulk audit: every report read and checked once, findings stored, the cross-year
step, lateness, a worker killed mid-batch and restarted."""

from __future__ import annotations

import datetime as dt

import pytest
from django_tasks_db.models import DBTaskResult

from gongkai.audits import claims, services, tasks
from gongkai.audits.checking import audit_row, check_row, progress, store_audits, units_by_name
from gongkai.audits.models import AuditBatch, AuditedReport, AuditFinding, BatchState, ReportState
from gongkai.report.writers import write

from .conftest import FORMATS, report_of, zip_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _db_queue(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PORTAL_UPLOAD_DIR = str(tmp_path / "private")


def upload(world, files: dict[str, bytes], dates=None, actor=None) -> AuditBatch:
    return services.create_from_files(
        world.district,
        actor=actor or world.district_supervisor,
        title="测试批次",
        files=[(n, lambda d=d: d) for n, d in files.items()],
        dates=dates,
    )[0]


def run(batch, worker="w1") -> int:
    return tasks.drain(batch.pk, worker)


def findings(batch, rule):
    return list(AuditFinding.objects.filter(batch=batch, rule=rule).select_related("report"))


def test_it_checks_every_report_of_a_zip_in_every_format(
    world, every_format, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        batch = upload(
            world, {"reports.zip": zip_of({**every_format, "照片.jpg": b"\xff\xd8\xff\xe0"})}
        )
    # Queued as jobs of the database backend, one per worker that may share the batch.
    assert DBTaskResult.objects.filter(task_path="gongkai.audits.tasks.audit_batch").count() == 4
    assert batch.passed_over == 1
    assert run(batch) == len(FORMATS)
    batch.refresh_from_db()
    assert batch.state == BatchState.DONE and batch.total == len(FORMATS)
    rows = {r.original_name.rsplit(".", 1)[-1]: r for r in batch.reports.all()}
    assert set(rows) == set(FORMATS)
    for fmt, row in rows.items():
        assert row.state == ReportState.DONE, (fmt, row.problem)
        assert row.year == 2024 and row.agency_name.startswith("示范区第"), fmt
        assert row.audit["format"] in {"text", "html", "docx", "xlsx", "pdf"}, fmt
    # The HTML one was written with a broken table: its errors, with their location.
    broken = rows["html"]
    assert broken.errors >= 1
    balance = broken.findings.get(rule="T3-BALANCE")
    assert balance.level == "error" and balance.table and balance.message
    assert all(r.errors == 0 for f, r in rows.items() if f != "html"), {
        f: r.errors for f, r in rows.items()
    }
    # No predecessor anywhere: said, per report; the 专栏 not built yet: said, never silent.
    assert len(findings(batch, "X-YEAR-NO-PREVIOUS")) == len(FORMATS)
    assert len(findings(batch, "ZHUANLAN-NOT-CHECKED")) == len(FORMATS)
    assert progress(batch)["percent"] == 100


def test_it_chains_this_years_carried_over_to_last_years_carried_forward(world):
    last = report_of("示范区住房和城乡建设局", 2023, carried_next=4)
    ok = report_of("示范区住房和城乡建设局", 2024, carried=4)
    first = upload(world, {"2023.txt": write(last, "txt")})
    run(first)
    # This year's report in a later batch, chained to last year's uploaded earlier.
    second = upload(world, {"2024.docx": write(ok, "docx")})
    run(second)
    row = second.reports.get()
    assert row.previous.batch == first and row.agency == world.office_b
    assert not findings(second, "X-YEAR-1") and not findings(second, "X-YEAR-NO-PREVIOUS")
    # The same year with a 上年结转 that does not match: an error naming both numbers.
    wrong = report_of("示范区住房和城乡建设局", 2024, carried=7)
    third = upload(world, {"2024.html": write(wrong, "html")})
    run(third)
    found = findings(third, "X-YEAR-1")
    assert found and found[0].level in ("error", "warning")
    assert "4" in found[0].message and "7" in found[0].message
    # In one batch, the order of the files does not matter: the step runs after every check.
    both = upload(world, {"a-2024.txt": write(wrong, "txt"), "z-2023.txt": write(last, "txt")})
    run(both)
    assert findings(both, "X-YEAR-1")


def test_it_says_a_unit_report_published_after_31_january_is_late(world):
    unit = report_of("示范区住房和城乡建设局", 2024)
    government = report_of("示范区人民政府", 2024)
    dates = {
        "unit-late.txt": dt.date(2025, 2, 3),
        "unit-ok.txt": dt.date(2025, 1, 31),
        "gov-ok.txt": dt.date(2025, 3, 31),
        "gov-late.txt": dt.date(2025, 4, 1),
    }
    batch = upload(
        world,
        {
            "unit-late.txt": write(unit, "txt"),
            "unit-ok.txt": write(unit, "txt"),
            "gov-ok.txt": write(government, "txt"),
            "gov-late.txt": write(government, "txt"),
        },
        dates,
    )
    run(batch)
    late = {f.report.original_name: f for f in findings(batch, "PUB-LATE")}
    assert set(late) == {"unit-late.txt", "gov-late.txt"}
    assert (
        late["unit-late.txt"].expected == "2025-01-31"
        and late["unit-late.txt"].actual == "2025-02-03"
    )
    assert late["gov-late.txt"].expected == "2025-03-31"
    row = batch.reports.get(original_name="unit-late.txt")
    assert (
        row.published_on == dt.date(2025, 2, 3) and row.published_source == "审核时提供的发布日期"
    )


def test_a_restarted_worker_resumes_without_checking_a_report_twice(world, monkeypatch):
    files = {f"u{i}.txt": write(report_of(f"示范区第{i}局", 2024), "txt") for i in range(8)}
    batch = upload(world, files)
    checks: list[int] = []
    real = audit_row

    def counted(row, units):
        checks.append(row.pk)
        return real(row, units)

    monkeypatch.setattr(tasks, "audit_row", counted)
    # Worker w1 checks three reports, claims a fourth and is killed before storing it.
    units = units_by_name(world.district)
    for _ in range(3):
        store_audits([counted(claims.claim(batch.pk, ReportState.PENDING, "w1"), units)])
    killed = claims.claim(batch.pk, ReportState.PENDING, "w1")
    assert batch.reports.filter(state=ReportState.CHECKING).get() == killed
    # Another worker meanwhile takes what is pending, never w1's claimed row.
    other = claims.claim(batch.pk, ReportState.PENDING, "w2")
    assert other.pk != killed.pk
    store_audits([counted(other, units)])
    # w1 restarts (same id): takes its row back and finishes the batch.
    run(batch, "w1")
    assert sorted(checks) == sorted(batch.reports.values_list("pk", flat=True))  # each once
    assert len(checks) == 8 == len(set(checks))
    batch.refresh_from_db()
    assert batch.state == BatchState.DONE and batch.total == 8
    assert (
        AuditFinding.objects.filter(batch=batch, rule="X-YEAR-NO-PREVIOUS").count() == 8
    )  # stored once each
    assert killed.__class__.objects.get(pk=killed.pk).attempts == 2


def test_a_result_from_a_worker_thought_dead_is_not_stored_twice(world, settings):
    batch = upload(world, {"a.txt": write(report_of("示范区第1局"), "txt")})
    slow = claims.claim(batch.pk, ReportState.PENDING, "w1")
    settings.AUDIT_CLAIM_TIMEOUT = -1  # w1 silent too long: w2 takes the row back and checks it
    run(batch, "w2")
    check_row(slow, {})  # w1 wakes up and tries to store its result
    assert AuditFinding.objects.filter(batch=batch, rule="ZHUANLAN-NOT-CHECKED").count() == 1


def test_a_file_that_kills_the_worker_three_times_fails_the_report_not_the_batch(world, settings):
    batch = upload(
        world,
        {
            "a.txt": write(report_of("示范区第1局"), "txt"),
            "b.txt": write(report_of("示范区第2局"), "txt"),
        },
    )
    first = batch.reports.order_by("pk").first()
    AuditedReport.objects.filter(pk=first.pk).update(
        state=ReportState.CHECKING,
        claimed_by="w9",
        attempts=3,
        claimed_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    settings.AUDIT_CLAIM_TIMEOUT = -1
    run(batch, "w2")
    first.refresh_from_db()
    assert first.state == ReportState.FAILED and first.errors == 1
    assert first.findings.get().rule == "AUDIT-UNREADABLE"
    batch.refresh_from_db()
    assert batch.state == BatchState.DONE and batch.failed == 1


# -- copied narrative: real consecutive reports of one agency, read in place -------------------


def _corpus_pair(corpus_dir, *names):
    return {f"{name}.txt": (corpus_dir / name / "report.txt").read_bytes() for name in names}


def test_it_finds_narrative_copied_from_last_year_in_a_real_pair(world, corpus_dir):
    """平潭 市场监督管理局 2024 repeats 2023's sections 一 and 五 nearly word for word; the
    threshold is the core's: a share of 80 % of five-character runs (X-YEAR-COPIED)."""
    from gongkai.report.similarity import THRESHOLD

    batch = upload(world, _corpus_pair(corpus_dir, "pt-scj-2024", "pt-scj-2023"))
    run(batch)
    copied = findings(batch, "X-YEAR-COPIED")
    assert sorted((f.report.original_name, f.section) for f in copied) == [
        ("pt-scj-2024.txt", "一"),
        ("pt-scj-2024.txt", "五"),
    ]
    assert all(f.expected == f"< {THRESHOLD:.0%}" and float(f.actual) >= THRESHOLD for f in copied)
    row = batch.reports.get(original_name="pt-scj-2024.txt")
    assert row.previous.original_name == "pt-scj-2023.txt"


def test_it_does_not_call_a_rewritten_narrative_copied(world, corpus_dir):
    """平潭 公安局 2022 keeps some stock phrases of 2021 but is rewritten."""
    batch = upload(world, _corpus_pair(corpus_dir, "pt-gaj-2021", "pt-gaj-2022"))
    run(batch)
    row = batch.reports.get(original_name="pt-gaj-2022.txt")
    assert row.previous.original_name == "pt-gaj-2021.txt"
    assert not findings(batch, "X-YEAR-COPIED")


def test_another_worker_takes_back_a_killed_workers_claims_at_once_but_never_a_live_ones(world):
    from django_tasks_db.models import DBTaskResult

    batch = upload(
        world, {f"u{i}.txt": write(report_of(f"示范区第{i}局"), "txt") for i in range(3)}
    )
    live_job = DBTaskResult.objects.get(pk=tasks.audit_batch.enqueue(batch.pk).id)
    live_job.claim("alive")  # a worker running an audit job now: its claim is live
    held = claims.claim(batch.pk, ReportState.PENDING, "alive")
    killed = claims.claim(batch.pk, ReportState.PENDING, "killed")  # runs no job: it died
    assert claims.release_stale(batch.pk, "w2") == 1
    killed.refresh_from_db()
    held.refresh_from_db()
    assert killed.state == ReportState.PENDING and held.state == ReportState.CHECKING
