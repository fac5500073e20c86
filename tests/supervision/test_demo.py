"""load_demo_year adds the supervision demo: a scored 考评细则, a notice in progress, a complaint."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from gongkai.evaluations import scoring
from gongkai.evaluations.models import Scheme
from gongkai.rectifications.models import Addressee, Complaint

YEAR = 2025


def test_the_demo_year_has_a_scored_scheme_and_a_notice_in_progress(db, settings, tmp_path):
    settings.PORTAL_UPLOAD_DIR = str(tmp_path / "private")  # the demo stores attachments
    out = StringIO()
    call_command(
        "load_demo_year", "--count", "9", "--year", str(YEAR), "--year-count", "150", stdout=out
    )
    assert "演示考评与通报" in out.getvalue()
    scheme = Scheme.objects.get(office__code="DEMO", year=YEAR)
    roots, scores = scoring.score_units(scheme, scoring.units_of(scheme))
    assert len(scores) > 40 and all(s.total > 0 for s in scores)
    # Every unit's report is published except DEMO-01's, left for the demo: its report score is 无数据.
    report_leaf = scheme.indicators.get(method="report_errors").pk
    cells = {s.unit.code: s.cells[report_leaf] for s in scores}
    assert cells["DEMO-01"].score is None and cells["DEMO-01"].text.startswith("无数据")
    assert all(c.score is not None for code, c in cells.items() if code != "DEMO-01")
    ranked = [s.rank for s in scores if s.rank is not None]
    assert ranked and ranked == sorted(ranked)
    states = sorted(Addressee.objects.values_list("agency__code", "state"))
    assert (
        ("DEMO-01", "answered") in states
        and ("DEMO-03", "returned") in states
        and ("DEMO-11", "issued") in states
    )
    assert Complaint.objects.filter(state="received").count() == 1
    call_command(
        "load_demo_year",
        "--count",
        "9",
        "--year",
        str(YEAR),
        "--year-count",
        "150",
        stdout=StringIO(),
    )
    assert Scheme.objects.filter(office__code="DEMO").count() == 1  # loaded once
