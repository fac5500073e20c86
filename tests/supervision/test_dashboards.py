"""Dashboards: every table equals the hand calculation of tests/supervision/fixture.py, every
figure links to the records it counts, the XLSX export carries the same figures, and another
unit's dashboard is not there for a unit's staff."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.dashboards import queries
from gongkai.holidays.table import working_calendar

from .fixture import write_year


def _scope(world, tree=False):
    ids = frozenset(world.district.descendant_ids()) if tree else frozenset({world.office_a.pk})
    return queries.Scope(world.district.pk if tree else world.office_a.pk, ids, tree, 2025)


def test_the_monthly_table_equals_the_hand_calculation(world, today):
    today(dt.date(2026, 3, 2))
    write_year(world.office_a)
    with CaptureQueriesContext(connection) as queries_run:
        table = queries.months_table(_scope(world), working_calendar())
    assert len(queries_run) <= 8  # grouped queries, not one per case
    by_month = {i + 1: [c.value for c in row] for i, row in enumerate(table.rows)}
    received = {m: row[1] for m, row in by_month.items()}
    assert received == {1: 0, 2: 0, 3: 1, 4: 0, 5: 0, 6: 0, 7: 2, 8: 1, 9: 0, 10: 0, 11: 2, 12: 1}
    assert [by_month[m][3] for m in range(1, 13)] == [
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        1,
        0,
        0,
        1,
        2,
    ]  # pending at month end
    assert by_month[3][4:] == [Decimal("13.0"), Decimal("13.0")]
    assert by_month[7][4:] == [Decimal("14.0"), Decimal("14.0")]  # 20 and 8 working days
    assert by_month[9][4:] == [Decimal("25.0"), Decimal("25.0")]
    assert by_month[11][4:] == [Decimal("4.0"), Decimal("4.0")]
    assert by_month[1][4] == "无数据"


def test_years_and_reviews_tables(world, today):
    today(dt.date(2026, 3, 2))
    write_year(world.office_a)
    years = queries.years_table(_scope(world, tree=True))
    header = years.header
    row = dict(zip(header, [c.value for c in years.rows[0]], strict=True))
    assert (
        row["年度"] == 2025
        and row["收到申请"] == 7
        and row["予以公开"] == 5
        and row["无法提供"] == 1
        and row["尚未办结"] == 1
    )
    reviews = {
        r[0].value: [c.value for c in r[1:]] for r in queries.reviews_table(_scope(world)).rows
    }
    assert reviews["行政复议"] == [1, 1, 0, 0, 2]  # upheld, corrected, other, pending, total
    assert reviews["行政诉讼（未经复议直接起诉）"] == [0, 1, 0, 0, 1]
    errors = queries.errors_table(_scope(world))
    assert errors.missing.startswith("无数据")


def test_figures_link_to_their_records_and_export(client, world, today):
    today(dt.date(2026, 3, 2))
    apps = write_year(world.office_a)
    client.force_login(world.district_supervisor)
    url = reverse("dashboards:agency", kwargs={"agency_id": world.district.pk}) + "?year=2025"
    page = client.get(url).content.decode()
    assert 'data-chart="months"' in page and "vendor/echarts/echarts.min.js" in page
    pending_link = (
        _scope(world, tree=True).link("months", month=12, what="pending").replace("&", "&amp;")
    )
    assert pending_link in page
    listed = client.get(pending_link.replace("&amp;", "&")).content.decode()
    assert apps[4].number in listed and apps[5].number in listed and apps[0].number not in listed
    response = client.get(
        reverse("dashboards:export", kwargs={"agency_id": world.district.pk, "table": "months"})
        + "?year=2025"
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][:4] == ("月份", "收到申请", "答复", "月末未办结") and rows[12][3] == 2
    # Office B's staff: office A's and the district's dashboards do not exist for them.
    client.force_login(world.other_handler)
    assert (
        client.get(
            reverse("dashboards:agency", kwargs={"agency_id": world.office_a.pk})
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("dashboards:agency", kwargs={"agency_id": world.district.pk})
        ).status_code
        == 404
    )
    assert client.get(pending_link.replace("&amp;", "&")).status_code == 404
    own = client.get(reverse("dashboards:index"))
    assert own["Location"] == reverse("dashboards:agency", kwargs={"agency_id": world.office_b.pk})
