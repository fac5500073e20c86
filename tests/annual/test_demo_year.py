"""manage.py load_demo_year: a simulated year whose computed report passes every rule."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from gongkai.agencies.models import Agency
from gongkai.annualreports.compute import build_report
from gongkai.annualreports.models import Scope, YearlyFigures
from gongkai.annualreports.publish import findings_for
from gongkai.applications.deadline import due_info
from gongkai.applications.models import Application, ReviewCase
from gongkai.catalogue.models import Item
from gongkai.holidays.table import working_calendar

YEAR = 2025


def test_it_loads_a_year_whose_report_passes_every_rule(db, settings, tmp_path):
    settings.PORTAL_UPLOAD_DIR = str(tmp_path / "private")  # the demo stores attachments
    out = StringIO()
    call_command(
        "load_demo_year", "--count", "9", "--year", str(YEAR), "--year-count", "150", stdout=out
    )
    assert f"/annual/{Agency.objects.get(code='DEMO').pk}/{YEAR}/tree/" in out.getvalue()
    assert Agency.objects.filter(code__startswith="DEMO").count() == 50
    assert Agency.objects.filter(parent__parent__code="DEMO").exists()  # a third level
    this_year = Application.objects.filter(received_on__year=YEAR)
    assert this_year.count() == 150
    calendar = working_calendar()
    assert all(calendar.is_workday(d) for d in this_year.values_list("received_on", flat=True))
    assert all(
        calendar.is_workday(d)
        for d in this_year.exclude(replied_on=None).values_list("replied_on", flat=True)
    )
    assert this_year.exclude(correction_requested_on=None).exists()
    assert (
        this_year.exclude(fee_notified_on=None).exists()
        and this_year.exclude(extension_days=0).exists()
    )
    # Every reply within its statutory due date (working days, holidays, pauses, extensions).
    for app in this_year.exclude(replied_on=None).prefetch_related("consultations"):
        if app.outcome not in ("other.no_correction", "other.fee_not_paid"):
            assert app.replied_on <= due_info(app, calendar, app.replied_on).due_on, app.number
    assert Item.objects.register().exists() and YearlyFigures.objects.filter(year=YEAR).exists()

    report = build_report(Agency.objects.get(code="DEMO"), Scope.TREE, YEAR)
    assert report.t3["new_received"]["total"] == 150
    assert report.t3["results_total"]["total"] > 100
    assert findings_for(report, Agency.objects.get(code="DEMO"), Scope.TREE) == []
    # Loading again adds nothing.
    cases = ReviewCase.objects.count()
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
    assert Application.objects.filter(received_on__year=YEAR).count() == 150
    assert ReviewCase.objects.count() == cases
