"""The records behind a dashboard figure: the same filters the table counts with, paginated,
each row linking to the record (an application, or an audit finding's report)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from gongkai.applications.models import ReviewCase

from . import queries


@dataclass(frozen=True)
class Listing:
    title: str
    header: list[str]
    rows: object
    row: Callable[[object], tuple[list, str]]


APP_HEADER = ["申请编号", "受理机关", "收到申请之日", "状态", "办理结果", "答复日期"]


def _apps(title: str, qs) -> Listing:
    def row(app):
        return (
            [
                app.number,
                app.agency.name,
                app.received_on,
                app.get_state_display(),
                app.get_outcome_display() if app.outcome else "",
                app.replied_on,
            ],
            reverse("staff:application_detail", kwargs={"pk": app.pk}),
        )

    return Listing(
        title, APP_HEADER, qs.select_related("agency").order_by("-received_on", "-pk"), row
    )


def _int(value: str, low: int, high: int) -> int | None:
    return int(value) if value.isdigit() and low <= int(value) <= high else None


def years(scope: queries.Scope, p: dict) -> Listing:
    year = _int(p["y"], 2000, 2100)
    qs = (
        scope.applications().filter(received_on__year=year) if year else scope.applications().none()
    )
    group = p["group"]
    labels = dict(queries.OUTCOME_GROUPS)
    if group == "open":
        qs, label = qs.filter(outcome=""), "尚未办结"
    elif group in labels:
        qs, label = qs.filter(queries.outcome_group_q(group)), labels[group]
    else:
        label = "全部"
    return _apps(f"{year}年收到的申请 · {label}", qs)


def months(scope: queries.Scope, p: dict) -> Listing:
    month = _int(p["month"], 1, 12) or 1
    qs = scope.applications()
    what = p["what"]
    if what == "answered":
        return _apps(
            f"{scope.year}年{month}月答复的申请",
            qs.filter(replied_on__year=scope.year, replied_on__month=month),
        )
    if what == "pending":
        end = queries._month_end(scope.year, month)
        return _apps(f"{scope.year}年{month}月末未办结的申请", qs.filter(queries.pending_q(end)))
    return _apps(
        f"{scope.year}年{month}月收到的申请",
        qs.filter(received_on__year=scope.year, received_on__month=month),
    )


def reviews(scope: queries.Scope, p: dict) -> Listing:
    qs = ReviewCase.objects.filter(
        application__agency_id__in=scope.ids, filed_on__year=scope.year
    ).select_related("application")
    if p["kind"]:
        qs = qs.filter(kind=p["kind"])
    if p["result"]:
        qs = qs.filter(result=p["result"])

    def row(case):
        return (
            [
                case.application.number,
                case.get_kind_display(),
                case.filed_on,
                case.get_result_display(),
                case.concluded_on,
            ],
            reverse("staff:application_detail", kwargs={"pk": case.application_id}),
        )

    return Listing(
        f"{scope.year}年的行政复议、行政诉讼",
        ["申请编号", "类型", "申请复议或起诉日期", "结果", "审结日期"],
        qs.order_by("filed_on", "pk"),
        row,
    )


def errors(scope: queries.Scope, p: dict) -> Listing:
    from gongkai.audits.models import AuditFinding
    from gongkai.evaluations.records import finding_url

    qs = AuditFinding.objects.filter(report_id__in=queries.latest_audited(scope), rule=p["rule"])
    if p["level"]:
        qs = qs.filter(level=p["level"])

    def row(f):
        return (
            [
                f.agency.name if f.agency else "",
                f.rule,
                f.get_level_display(),
                f.message,
                f.location,
            ],
            finding_url(f),
        )

    return Listing(
        f"{scope.year}年度报告审核问题 · {p['rule']}",
        ["单位", "规则", "级别", "问题", "位置"],
        qs.select_related("agency").order_by("agency__code", "pk"),
        row,
    )


LISTS: dict[str, Callable[[queries.Scope, dict], Listing]] = {
    "years": years,
    "months": months,
    "reviews": reviews,
    "errors": errors,
}
