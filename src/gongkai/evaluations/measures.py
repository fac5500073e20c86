"""The indicators the system can score by itself, one declaration each.

A measure reads the records of every unit at once (one grouped query, never a Python loop over
cases) and gives per unit a `Result`: a rate (0–1) or a count, the inputs in words, and the link
to the records behind it. Where the system does not hold the data (a unit with no case in the
year, a part of the system not installed), the result says 无数据 and why: it is never a zero.

A rate scores points × rate (or × (1 − rate) for a share of failures); a count loses the
indicator's deduction per item, never below zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Result:
    value: Decimal | int | None  # a rate in [0, 1] or a count; None: no data
    text: str  # the inputs in words
    link: str = ""  # the records behind it

    @property
    def missing(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    basis: str  # where the law or the data comes from
    counts: bool  # True: a count scored by deduction; False: a rate
    compute: Callable[[list[int], int], dict[int, Result]]
    # For rates: whether a high value is good (timeliness) or bad (overdue share).
    higher_is_better: bool = True

    def score(self, points: Decimal, deduction: Decimal | None, result: Result) -> Decimal | None:
        if result.missing:
            return None
        if self.counts:
            lost = (deduction or Decimal(0)) * result.value
            return max(Decimal(0), points - lost).quantize(CENT, ROUND_HALF_UP)
        rate = result.value if self.higher_is_better else 1 - result.value
        return (points * rate).quantize(CENT, ROUND_HALF_UP)


MEASURES: dict[str, Measure] = {}


def declare(**kwargs) -> Measure:
    measure = Measure(**kwargs)
    MEASURES[measure.key] = measure
    return measure


def records_link(key: str, unit: int, year: int) -> str:
    return reverse("evaluations:records", kwargs={"key": key, "unit": unit, "year": year})


def percent(value: Decimal) -> str:
    return f"{(value * 100).quantize(CENT, ROUND_HALF_UP)}%"


def _rate(numerator: int, denominator: int) -> Decimal:
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001"), ROUND_HALF_UP)


def _year_range(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _units_with_cases(units: list[int]) -> set[int]:
    from gongkai.applications.models import Application

    return set(
        Application.objects.filter(agency_id__in=units)
        .values_list("agency_id", flat=True)
        .distinct()
    )


# -- from the applications (gongkai.applications) ----------------------------------------------


def answered_in_year(year: int) -> Q:
    first, last = _year_range(year)
    return Q(replied_on__gte=first, replied_on__lte=last)


def _timeliness(units: list[int], year: int) -> dict[int, Result]:
    from gongkai.applications.models import Application

    rows = (
        Application.objects.filter(answered_in_year(year), agency_id__in=units)
        .values("agency_id")
        .annotate(
            answered=Count("pk"),
            unknown=Count("pk", filter=Q(answer_due_on__isnull=True)),
            on_time=Count("pk", filter=Q(replied_on__lte=F("answer_due_on"))),
        )
    )
    found = {r["agency_id"]: r for r in rows}
    out = {}
    for unit in units:
        r = found.get(unit)
        counted = (r["answered"] - r["unknown"]) if r else 0
        link = records_link("answer_timeliness", unit, year)
        if not counted:
            out[unit] = Result(None, f"无数据：{year}年没有答复期限可计算的已答复申请。", link)
            continue
        rate = _rate(r["on_time"], counted)
        note = f"（另有{r['unknown']}件答复期限无法计算，未计入）" if r["unknown"] else ""
        out[unit] = Result(
            rate,
            f"{year}年答复{counted}件，按期答复{r['on_time']}件，按期答复率{percent(rate)}{note}",
            link,
        )
    return out


def due_in_year(year: int) -> Q:
    from gongkai.applications.choices import State

    first, last = _year_range(year)
    return Q(answer_due_on__gte=first, answer_due_on__lte=last) & ~Q(
        state__in=(State.NOT_ACCEPTED, State.DISCARDED)
    )


def overdue_q(today: dt.date) -> Q:
    """Answered after the deadline, or not answered and the deadline passed (《条例》第三十三条)."""
    return Q(replied_on__gt=F("answer_due_on")) | Q(
        replied_on__isnull=True, answer_due_on__lt=today
    )


def _overdue(units: list[int], year: int) -> dict[int, Result]:
    from gongkai.applications.models import Application

    today = timezone.localdate()
    rows = (
        Application.objects.filter(due_in_year(year), agency_id__in=units)
        .values("agency_id")
        .annotate(due=Count("pk"), overdue=Count("pk", filter=overdue_q(today)))
    )
    found = {r["agency_id"]: r for r in rows}
    out = {}
    for unit in units:
        r = found.get(unit)
        link = records_link("overdue_share", unit, year)
        if not r:
            out[unit] = Result(None, f"无数据：没有答复期限在{year}年内的申请。", link)
            continue
        rate = _rate(r["overdue"], r["due"])
        out[unit] = Result(
            rate,
            f"答复期限在{year}年内的申请{r['due']}件，逾期{r['overdue']}件，逾期率{percent(rate)}",
            link,
        )
    return out


def corrected_in_year(year: int) -> Q:
    from gongkai.applications.choices import ReviewResult

    first, last = _year_range(year)
    return Q(result=ReviewResult.CORRECTED, concluded_on__gte=first, concluded_on__lte=last)


def _review_corrections(units: list[int], year: int) -> dict[int, Result]:
    from gongkai.applications.models import ReviewCase

    counts = dict(
        ReviewCase.objects.filter(corrected_in_year(year), application__agency_id__in=units)
        .values_list("application__agency_id")
        .annotate(n=Count("pk"))
    )
    with_cases = _units_with_cases(units)
    out = {}
    for unit in units:
        link = records_link("review_corrections", unit, year)
        if unit not in with_cases:
            out[unit] = Result(None, "无数据：系统中没有该单位的申请记录。", link)
        else:
            n = counts.get(unit, 0)
            out[unit] = Result(
                n, f"{year}年审结的行政复议、行政诉讼中结果纠正{n}件（表四“结果纠正”）", link
            )
    return out


# -- from the annual reports (gongkai.audits, else the unit's published report) ----------------


def latest_audits(units: list[int], year: int) -> dict:
    """The latest finished audit of each unit's report for the year (gongkai.audits), if any."""
    if not apps.is_installed("gongkai.audits"):
        return {}
    from gongkai.audits.models import AuditedReport, ReportState

    latest = {}
    for report in (
        AuditedReport.objects.filter(agency_id__in=units, year=year, state=ReportState.DONE)
        .order_by("pk")
        .only("pk", "agency_id", "errors", "original_name", "batch_id")
    ):
        latest[report.agency_id] = report
    return latest


def _report_errors(units: list[int], year: int) -> dict[int, Result]:
    """Errors found in the unit's report for the year: by the latest bulk audit (gongkai.audits),
    else by checking the unit's latest version published in the system."""
    from gongkai.annualreports.models import PublishedReport, Scope
    from gongkai.report.findings import Severity
    from gongkai.report.model import Report
    from gongkai.report.rules import check

    audited = latest_audits(units, year)
    latest: dict[int, PublishedReport] = {}
    rest = [u for u in units if u not in audited]
    for report in PublishedReport.objects.filter(
        agency_id__in=rest, year=year, scope=Scope.SELF
    ).order_by("version"):
        latest[report.agency_id] = report  # the last version wins
    out = {}
    for unit in units:
        link = records_link("report_errors", unit, year)
        if unit in audited:
            a = audited[unit]
            out[unit] = Result(
                a.errors, f"{year}年度报告审核（{a.original_name}）发现错误{a.errors}项", link
            )
            continue
        report = latest.get(unit)
        if report is None:
            out[unit] = Result(
                None, f"无数据：该单位没有在系统中发布{year}年度报告，也没有审核记录。", link
            )
            continue
        errors = [
            f for f in check(Report.from_dict(report.report_json)) if f.severity == Severity.ERROR
        ]
        out[unit] = Result(
            len(errors), f"{year}年度报告（第{report.version}版）检查发现错误{len(errors)}项", link
        )
    return out


# -- from the catalogue (gongkai.catalogue) ------------------------------------------------------


def _not_installed(label: str, app: str) -> Callable[[list[int], int], dict[int, Result]]:
    def compute(units: list[int], year: int) -> dict[int, Result]:
        reason = f"无数据：{label}尚未接入本系统（{app}）。"
        return {unit: Result(None, reason) for unit in units}

    return compute


def _catalogue(key: str, label: str) -> Callable[[list[int], int], dict[int, Result]]:
    def compute(units: list[int], year: int) -> dict[int, Result]:
        if not apps.is_installed("gongkai.catalogue"):
            return _not_installed("主动公开目录", "gongkai.catalogue")(units, year)
        from . import catalogue_measures

        return getattr(catalogue_measures, key)(units, year)

    return compute


# -- from the notices (gongkai.rectifications) -------------------------------------------------


def _rectification_overdue(units: list[int], year: int) -> dict[int, Result]:
    from gongkai.rectifications.models import Addressee

    first, last = _year_range(year)
    counts = dict(
        Addressee.objects.filter(
            Addressee.late_q(timezone.localdate()),
            agency_id__in=units,
            deadline__gte=first,
            deadline__lte=last,
        )
        .values_list("agency_id")
        .annotate(n=Count("pk"))
    )
    out = {}
    for unit in units:
        n = counts.get(unit, 0)
        out[unit] = Result(
            n,
            f"整改期限在{year}年内、逾期未整改或逾期报送整改情况的通报{n}件",
            records_link("rectification_overdue", unit, year),
        )
    return out


declare(
    key="answer_timeliness",
    label="依申请公开按期答复率",
    basis="《条例》第三十三条；办理记录的答复日期与答复期限",
    counts=False,
    compute=_timeliness,
)
declare(
    key="overdue_share",
    label="依申请公开逾期答复比例",
    basis="《条例》第三十三条；答复期限在本年度内的申请",
    counts=False,
    compute=_overdue,
    higher_is_better=False,
)
declare(
    key="review_corrections",
    label="行政复议、行政诉讼被纠正",
    basis="表四“结果纠正”；复议诉讼记录",
    counts=True,
    compute=_review_corrections,
)
declare(
    key="report_errors",
    label="年度报告错误",
    basis="《条例》第四十九条、第五十条；年度报告勾稽关系检查",
    counts=True,
    compute=_report_errors,
)
declare(
    key="catalogue_late",
    label="主动公开超期",
    basis="《条例》第二十六条（20个工作日内公开）",
    counts=True,
    compute=_catalogue("catalogue_late", "主动公开超期"),
)
declare(
    key="interpretation_missing",
    label="政策文件未同步解读",
    basis="政策解读与文件同步发布",
    counts=True,
    compute=_catalogue("interpretation_missing", "解读缺失"),
)
declare(
    key="rectification_overdue",
    label="整改逾期",
    basis="《条例》第四十七条（督促整改）；通报整改记录",
    counts=True,
    compute=_rectification_overdue,
)


def compute_all(keys: Iterable[str], units: list[int], year: int) -> dict[str, dict[int, Result]]:
    """Every measure named, for every unit: one computation per measure."""
    return {key: MEASURES[key].compute(units, year) for key in set(keys) if key in MEASURES}
