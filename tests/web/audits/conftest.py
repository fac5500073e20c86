"""Reports for the bulk-audit tests, written by gongkai's own writers in every format."""

from __future__ import annotations

import io
import zipfile

import pytest

from gongkai.report.writers import write
from tests.reportkit import valid_report


def report_of(
    agency: str,
    year: int = 2024,
    *,
    carried: int | None = None,
    carried_next: int | None = None,
    section5: str | None = None,
    broken: bool = False,
):
    """A valid report of `agency` for `year`; `carried`: 上年结转 (自然人) and `carried_next`:
    结转下年度 (自然人), the totals, results and narrative kept consistent."""
    r = valid_report("2021", year)
    r.agency = agency
    r.title = f"{agency}{year}年政府信息公开工作年度报告"
    t3 = r.t3
    if carried is not None:
        delta = carried - t3["carried_over_from_last_year"]["natural_person"]
        t3["carried_over_from_last_year"]["natural_person"] += delta
        t3["carried_over_from_last_year"]["total"] += delta
        t3["granted"]["natural_person"] += delta
        t3["granted"]["total"] += delta
        t3["results_total"]["natural_person"] += delta
        t3["results_total"]["total"] += delta
    if carried_next is not None:
        delta = carried_next - t3["carried_to_next_year"]["natural_person"]
        t3["carried_to_next_year"]["natural_person"] += delta
        t3["carried_to_next_year"]["total"] += delta
        t3["granted"]["natural_person"] -= delta
        t3["granted"]["total"] -= delta
        t3["results_total"]["natural_person"] -= delta
        t3["results_total"]["total"] -= delta
    s3 = r.section("三")
    t = t3
    s3.text = (
        f"{year}年，本局共收到政府信息公开申请{t['new_received']['total']}件，上年结转政府信息公开申请"
        f"{t['carried_over_from_last_year']['total']}件，办结{t['results_total']['total']}件，结转下年度继续办理"
        f"{t['carried_to_next_year']['total']}件。"
    )
    if section5 is not None:
        r.section("五").text = section5
    if broken:
        t3["new_received"]["total"] += 5  # 合计 no longer the sum of its columns
    return r


def zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


FORMATS = ("txt", "md", "html", "docx", "xlsx", "pdf")


@pytest.fixture(scope="session")
def every_format() -> dict[str, bytes]:
    """One report per writer format, each of its own agency; one with a table error."""
    files = {}
    for i, fmt in enumerate(FORMATS):
        report = report_of(f"示范区第{i + 1}局", broken=(fmt == "html"))
        files[f"报告/{fmt}-unit.{fmt}"] = write(report, fmt)
    return files
