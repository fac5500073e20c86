"""What a unit's 专栏 lacks, in Chinese, for the bulk audit's 专栏 check (gongkai.audits.zhuanlan):
the 指南's 第十二条 elements, a 目录 kept current (第二十六条: nothing past its 20-working-day
due date still unpublished), and the annual reports of the last years (第四十九条, 第五十条)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.annualreports.models import PublishedReport
from gongkai.catalogue.models import Item
from gongkai.report.audit.publication import agency_kind, deadline

from .guide import guide_gaps
from .models import LegacyReport

# How many past years of annual reports a 专栏 should show (the years whose deadline has passed).
REPORT_YEARS = 3


def due_report_years(agency: Agency, today: dt.date) -> list[int]:
    """The last REPORT_YEARS years whose report was due by today (31 January for a unit, 31 March
    for a government: 第四十九条)."""
    kind = agency_kind(agency.name)
    years, year = [], today.year
    while len(years) < REPORT_YEARS:
        year -= 1
        if deadline(year, kind) < today:
            years.append(year)
    return years


def zhuanlan_gaps(agency: Agency, today: dt.date | None = None) -> list[str]:
    today = today or timezone.localdate()
    gaps = [f"指南缺少“{e.label}”（《条例》第十二条）：{e.gap}" for e in guide_gaps(agency)]
    overdue = Item.objects.filter(agency=agency).overdue(today).count()
    if overdue:
        gaps.append(
            f"目录未及时更新：{overdue}条信息已超过形成或变更之日起20个工作日仍未公开（《条例》第二十六条）。"
        )
    shown = set(PublishedReport.objects.filter(agency=agency).values_list("year", flat=True))
    shown |= set(LegacyReport.objects.filter(agency=agency).values_list("year", flat=True))
    missing = [y for y in due_report_years(agency, today) if y not in shown]
    if missing:
        years = "、".join(f"{y}年" for y in sorted(missing))
        gaps.append(f"专栏缺少{years}政府信息公开工作年度报告（《条例》第四十九条、第五十条）。")
    return gaps
