"""The dashboards' tables, each aggregated in the database.

Nothing here loops over cases in Python: counts are GROUP BY queries; the answer time is grouped
by (clock start, reply date) pairs, at most a few thousand per year whatever the number of cases,
and each pair's working days are counted once from a cumulative index of the calendar.

Every table is a `Table`: a header, rows of cells, and per cell the link to the records it
counts (a `Cell` with `link`), so the page, the chart and the XLSX export show the same figures.
A table with no data says why (`missing`), rather than showing zeros.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.apps import apps
from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear
from django.urls import reverse

from gongkai.applications.choices import ReviewKind, ReviewResult, State
from gongkai.applications.models import Application, ReviewCase

# Outcome groups of 表三 (the prefix of the outcome key), in the table's order.
OUTCOME_GROUPS = [
    ("granted", "予以公开"),
    ("partially_granted", "部分公开"),
    ("denied", "不予公开"),
    ("unable", "无法提供"),
    ("not_processed", "不予处理"),
    ("other", "其他处理"),
]
NOT_APPLICATIONS = (State.SUBMITTED, State.NOT_ACCEPTED, State.DISCARDED)


@dataclass(frozen=True)
class Cell:
    value: object
    link: str = ""


@dataclass
class Table:
    key: str
    title: str
    header: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    missing: str = ""  # why there is no data
    note: str = ""

    def plain(self) -> list[list]:
        return [[c.value for c in row] for row in self.rows]


@dataclass(frozen=True)
class Scope:
    """Whose records: one agency, or the agency and every agency below it."""

    agency_id: int
    ids: frozenset[int]
    tree: bool
    year: int

    def link(self, table: str, **params) -> str:
        query = {
            "scope": "tree" if self.tree else "self",
            "table": table,
            "year": self.year,
            **params,
        }
        return (
            reverse("dashboards:records", kwargs={"agency_id": self.agency_id})
            + "?"
            + urlencode(query)
        )

    def applications(self):
        return Application.objects.filter(agency_id__in=self.ids).exclude(
            state__in=NOT_APPLICATIONS
        )


def outcome_group_q(group: str) -> Q:
    return Q(outcome=group) | Q(outcome__startswith=group + ".")


def years_table(scope: Scope) -> Table:
    """Applications received per year and how they ended (表三 groups), every year on record."""
    rows = (
        scope.applications()
        .filter(received_on__isnull=False)
        .values("outcome", y=ExtractYear("received_on"))
        .annotate(n=Count("pk"))
    )
    by_year: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in rows:  # aggregated rows: years × outcomes
        outcome = r["outcome"] or ""
        group = next(
            (g for g, _ in OUTCOME_GROUPS if outcome == g or outcome.startswith(g + ".")),
            "open" if not outcome else "",
        )
        by_year[r["y"]]["received"] += r["n"]
        by_year[r["y"]][group] += r["n"]
    table = Table(
        "years",
        "历年申请及办理结果",
        ["年度", "收到申请"] + [label for _, label in OUTCOME_GROUPS] + ["尚未办结"],
    )
    if not by_year:
        table.missing = "无数据：系统中没有收到的申请。"
    for year in sorted(by_year):
        counts = by_year[year]
        row = [Cell(year), Cell(counts["received"], scope.link("years", y=year))]
        row += [Cell(counts[g], scope.link("years", y=year, group=g)) for g, _ in OUTCOME_GROUPS]
        row.append(Cell(counts["open"], scope.link("years", y=year, group="open")))
        table.rows.append(row)
    table.note = "按收到申请之日的年度统计；办理结果按《年度报告格式》表三分组。"
    return table


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + (month == 12), month % 12 + 1, 1)) - dt.timedelta(days=1)


def pending_q(day: dt.date) -> Q:
    """Received by `day` and not answered by then."""
    return Q(received_on__lte=day) & (Q(replied_on__isnull=True) | Q(replied_on__gt=day))


class WorkdayIndex:
    """Working days between two dates from a cumulative count over a span, each day asked once."""

    def __init__(self, calendar, first: dt.date, last: dt.date):
        self.first, self.index = first, []
        count, day = 0, first
        while day <= last:
            count += calendar.is_workday(day)
            self.index.append(count)
            day += dt.timedelta(days=1)

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end], as WorkingCalendar.working_days_between."""
        return self.index[(end - self.first).days] - self.index[(start - self.first).days]


def _median(distribution: dict[int, int]) -> Decimal:
    total = sum(distribution.values())
    ordered = sorted(distribution.items())

    def nth(k: int) -> int:  # the k-th value (0-based) of the expanded list
        seen = 0
        for value, n in ordered:
            seen += n
            if k < seen:
                return value
        raise IndexError(k)

    if total % 2:
        return Decimal(nth(total // 2))
    return (Decimal(nth(total // 2 - 1)) + Decimal(nth(total // 2))) / 2


def months_table(scope: Scope, calendar) -> Table:
    """Per month of the year: received, answered, pending at month end, answer time (working days)."""
    year = scope.year
    apps_ = scope.applications()
    received = dict(
        apps_.filter(received_on__year=year)
        .values_list(ExtractMonth("received_on"))
        .annotate(n=Count("pk"))
    )
    answered = dict(
        apps_.filter(replied_on__year=year)
        .values_list(ExtractMonth("replied_on"))
        .annotate(n=Count("pk"))
    )
    ends = {m: _month_end(year, m) for m in range(1, 13)}
    # Only cases open at some month end of the year are counted (received by its end, not answered
    # by the end of January): the rest of the history is filtered out before the twelve counts.
    open_in_year = apps_.filter(
        Q(received_on__lte=ends[12]) & (Q(replied_on__isnull=True) | Q(replied_on__gt=ends[1]))
    )
    pending = open_in_year.aggregate(
        **{f"m{m}": Count("pk", filter=pending_q(end)) for m, end in ends.items()}
    )
    pairs = (
        apps_.filter(replied_on__year=year, received_on__isnull=False)
        .values("replied_on", start=Coalesce("correction_received_on", "received_on"))
        .annotate(n=Count("pk"))
    )
    pairs = list(pairs)
    durations: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    if pairs:
        index = WorkdayIndex(
            calendar, min(p["start"] for p in pairs), max(p["replied_on"] for p in pairs)
        )
        for p in pairs:
            durations[p["replied_on"].month][
                max(0, index.between(p["start"], p["replied_on"]))
            ] += p["n"]
    table = Table(
        "months",
        f"{year}年各月办理情况",
        [
            "月份",
            "收到申请",
            "答复",
            "月末未办结",
            "平均答复用时（工作日）",
            "答复用时中位数（工作日）",
        ],
    )
    for m in range(1, 13):
        dist = durations.get(m)
        if dist:
            total = sum(dist.values())
            mean = (Decimal(sum(v * n for v, n in dist.items())) / total).quantize(
                Decimal("0.1"), ROUND_HALF_UP
            )
            median = _median(dist).quantize(Decimal("0.1"), ROUND_HALF_UP)
        else:
            mean = median = None
        table.rows.append(
            [
                Cell(f"{m}月"),
                Cell(received.get(m, 0), scope.link("months", month=m, what="received")),
                Cell(answered.get(m, 0), scope.link("months", month=m, what="answered")),
                Cell(pending[f"m{m}"], scope.link("months", month=m, what="pending")),
                Cell(
                    mean if mean is not None else "无数据",
                    scope.link("months", month=m, what="answered") if mean is not None else "",
                ),
                Cell(
                    median if median is not None else "无数据",
                    scope.link("months", month=m, what="answered") if median is not None else "",
                ),
            ]
        )
    if not received and not answered and not any(pending.values()):
        table.missing = f"无数据：{year}年没有申请记录。"
    table.note = "答复用时自收到申请之日（补正后自收到补正之日）起至答复之日，按工作日计（含征求意见等不计入法定期限的时间）。"
    return table


def reviews_table(scope: Scope) -> Table:
    """Review and litigation cases filed in the year, by kind and result (表四)."""
    rows = (
        ReviewCase.objects.filter(application__agency_id__in=scope.ids, filed_on__year=scope.year)
        .values_list("kind", "result")
        .annotate(n=Count("pk"))
    )
    counts = {(k, r): n for k, r, n in rows}
    table = Table(
        "reviews",
        f"{scope.year}年行政复议、行政诉讼结果",
        ["类型"] + [label for _, label in ReviewResult.choices] + ["合计"],
    )
    for kind, label in ReviewKind.choices:
        cells = [
            Cell(counts.get((kind, result), 0), scope.link("reviews", kind=kind, result=result))
            for result, _ in ReviewResult.choices
        ]
        cells.append(Cell(sum(c.value for c in cells), scope.link("reviews", kind=kind)))
        table.rows.append([Cell(label)] + cells)
    if not counts:
        table.note = f"{scope.year}年没有行政复议、行政诉讼记录。"
    return table


def latest_audited(scope: Scope) -> list[int]:
    """The latest finished audit of each unit's report for the year (one id per unit)."""
    from gongkai.audits.models import AuditedReport, ReportState

    return list(
        AuditedReport.objects.filter(
            agency_id__in=scope.ids, year=scope.year, state=ReportState.DONE
        )
        .values("agency_id")
        .annotate(last=Max("pk"))
        .values_list("last", flat=True)
    )


def errors_table(scope: Scope) -> Table:
    """Findings in the units' annual reports for the year, by rule (the latest audit of each)."""
    table = Table("errors", f"{scope.year}年度报告审核问题（按规则）", ["规则", "错误", "警告"])
    if not apps.is_installed("gongkai.audits"):
        table.missing = "无数据：年度报告批量审核尚未接入本系统（gongkai.audits）。"
        return table
    from gongkai.audits.models import AuditFinding, Level

    reports = latest_audited(scope)
    if not reports:
        table.missing = f"无数据：没有{scope.year}年度报告的审核记录。"
        return table
    rows = (
        AuditFinding.objects.filter(report_id__in=reports)
        .values_list("rule", "level")
        .annotate(n=Count("pk"))
    )
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for rule, level, n in rows:
        counts[rule][level] += n
    for rule in sorted(
        counts, key=lambda r: (-counts[r][Level.ERROR], -counts[r][Level.WARNING], r)
    ):
        table.rows.append(
            [
                Cell(rule),
                Cell(counts[rule][Level.ERROR], scope.link("errors", rule=rule, level=Level.ERROR)),
                Cell(
                    counts[rule][Level.WARNING],
                    scope.link("errors", rule=rule, level=Level.WARNING),
                ),
            ]
        )
    table.note = f"审核了{len(reports)}个单位的报告；每个单位取最近一次审核。"
    if not table.rows:
        table.note += "未发现问题。"
    return table


def scores_table(scope: Scope) -> Table:
    """Scores by first-level indicator: the unit's own, or for an office the units' average."""
    from gongkai.agencies.models import Agency
    from gongkai.evaluations import scoring
    from gongkai.evaluations.models import Scheme

    table = Table("scores", f"{scope.year}年度考评得分（按一级指标）", ["指标", "分值", "得分"])
    agency = Agency.objects.get(pk=scope.agency_id)
    own = Scheme.objects.filter(office=agency, year=scope.year).first()
    node, scheme = agency.parent, None
    while scheme is None and node is not None:
        scheme = Scheme.objects.filter(office=node, year=scope.year).first()
        node = node.parent
    if own is not None and scope.tree:
        # The published scores while the year's are published (定稿), else live.
        tops, scores, release = scoring.standing(own, scoring.units_of(own))
        table.header = ["指标", "分值", "各单位平均得分", "有得分的单位数"]
        if release is not None:
            table.title += "（已发布）"
        for top in tops:
            known = [s.cells[top.pk].score for s in scores if s.cells[top.pk].score is not None]
            average = (
                (sum(known) / len(known)).quantize(Decimal("0.01"), ROUND_HALF_UP)
                if known
                else "无数据"
            )
            link = reverse("evaluations:scheme", kwargs={"pk": own.pk})
            table.rows.append(
                [Cell(top.name), Cell(top.points), Cell(average, link), Cell(len(known), link)]
            )
        return table
    if scheme is None:
        table.missing = f"无数据：没有适用于本单位的{scope.year}年度考评细则。"
        return table
    tops, scores, release = scoring.standing(scheme, [agency])
    if not scores:  # a unit that came under the office after the year's scores were published
        table.missing = f"无数据：本单位不在已发布的{scope.year}年度考评结果中。"
        return table
    if release is not None:
        table.title += "（已发布）"
    link = reverse("evaluations:unit", kwargs={"pk": scheme.pk, "unit": agency.pk})
    for top in tops:
        cell = scores[0].cells[top.pk]
        table.rows.append(
            [
                Cell(top.name),
                Cell(top.points),
                Cell(cell.score if cell.score is not None else "无数据", link),
            ]
        )
    return table
