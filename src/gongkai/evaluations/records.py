"""The records behind an automatic score: the same filters the measure counts with, as rows that
link to each record. Each returns (header, rows) where rows is a queryset or list and `row(obj)`
gives (cells, url)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from . import measures


@dataclass(frozen=True)
class Listing:
    header: list[str]
    rows: object  # a queryset or a list
    row: Callable[[object], tuple[list, str]]
    note: str = ""


def _app_row(app, flag: str) -> tuple[list, str]:
    return (
        [app.number, app.received_on, app.answer_due_on, app.replied_on, flag],
        reverse("staff:application_detail", kwargs={"pk": app.pk}),
    )


APP_HEADER = ["申请编号", "收到申请之日", "答复期限", "答复日期", "情况"]


def answer_timeliness(unit: int, year: int) -> Listing:
    from gongkai.applications.models import Application

    qs = Application.objects.filter(measures.answered_in_year(year), agency_id=unit).order_by(
        "replied_on", "pk"
    )

    def row(app):
        if app.answer_due_on is None:
            flag = "期限无法计算（未计入）"
        else:
            flag = "按期" if app.replied_on <= app.answer_due_on else "逾期"
        return _app_row(app, flag)

    return Listing(APP_HEADER, qs, row, f"{year}年内答复的申请")


def overdue_share(unit: int, year: int) -> Listing:
    from gongkai.applications.models import Application

    today = timezone.localdate()
    qs = Application.objects.filter(measures.due_in_year(year), agency_id=unit).order_by(
        "answer_due_on", "pk"
    )

    def row(app):
        late = (app.replied_on and app.replied_on > app.answer_due_on) or (
            app.replied_on is None and app.answer_due_on < today
        )
        return _app_row(app, "逾期" if late else ("未到期" if app.replied_on is None else "按期"))

    return Listing(APP_HEADER, qs, row, f"答复期限在{year}年内的申请")


def review_corrections(unit: int, year: int) -> Listing:
    from gongkai.applications.models import ReviewCase

    qs = ReviewCase.objects.filter(
        measures.corrected_in_year(year), application__agency_id=unit
    ).select_related("application")

    def row(case):
        return (
            [
                case.application.number,
                case.get_kind_display(),
                case.filed_on,
                case.concluded_on,
                case.get_result_display(),
            ],
            reverse("staff:application_detail", kwargs={"pk": case.application_id}),
        )

    return Listing(
        ["申请编号", "类型", "申请复议或起诉日期", "审结日期", "结果"],
        qs,
        row,
        f"{year}年审结、结果纠正的复议诉讼",
    )


def report_errors(unit: int, year: int) -> Listing:
    from gongkai.annualreports.models import PublishedReport, Scope
    from gongkai.report.findings import Severity
    from gongkai.report.model import Report
    from gongkai.report.rules import check

    audited = measures.latest_audits([unit], year).get(unit)
    if audited is not None:
        from gongkai.audits.models import AuditFinding, Level

        qs = AuditFinding.objects.filter(report_id=audited.pk, level=Level.ERROR).order_by("pk")
        return Listing(
            ["规则", "问题", "位置"],
            qs,
            lambda f: ([f.rule, f.message, f.location], finding_url(f)),
            f"{year}年度报告审核（{audited.original_name}）发现的错误",
        )
    report = (
        PublishedReport.objects.filter(agency_id=unit, year=year, scope=Scope.SELF)
        .order_by("-version")
        .first()
    )
    if report is None:
        return Listing(
            ["规则", "问题"],
            [],
            lambda f: ([], ""),
            f"没有{year}年度报告的审核记录，也没有在系统中发布的版本",
        )
    url = reverse(
        "annual:version",
        kwargs={"agency_id": unit, "year": year, "scope": Scope.SELF, "version": report.version},
    )
    errors = [
        f for f in check(Report.from_dict(report.report_json)) if f.severity == Severity.ERROR
    ]
    return Listing(
        ["规则", "问题"],
        errors,
        lambda f: ([f.rule, f.message], url),
        f"{year}年度报告第{report.version}版的错误",
    )


def finding_url(finding) -> str:
    """The audit's page of the report the finding is in (gongkai.audits), when that app has one."""
    from django.urls import NoReverseMatch

    for name, kwargs in (
        ("audits:report", {"pk": finding.report_id}),
        ("audits:batch", {"pk": finding.batch_id}),
    ):
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return ""


def catalogue_late(unit: int, year: int) -> Listing:
    from .catalogue_measures import late_items

    qs = late_items(year).filter(agency_id=unit).order_by("due_on", "pk")
    return Listing(
        ["名称", "索引号", "应公开日期", "发布日期"],
        qs,
        lambda i: ([i.title, i.index_no, i.due_on, i.published_on], catalogue_url(i)),
        f"应于{year}年内公开、超期的主动公开条目",
    )


def interpretation_missing(unit: int, year: int) -> Listing:
    from .catalogue_measures import uninterpreted

    qs = uninterpreted(year).filter(agency_id=unit).order_by("published_on", "pk").distinct()
    return Listing(
        ["名称", "文号", "发布日期"],
        qs,
        lambda i: ([i.title, i.doc_number, i.published_on], catalogue_url(i)),
        f"{year}年公开、未关联解读的规章和规范性文件",
    )


def catalogue_url(item) -> str:
    from django.urls import NoReverseMatch

    for name in ("catalogue:item", "catalogue:detail", "catalogue:item_detail"):
        try:
            return reverse(name, kwargs={"pk": item.pk})
        except NoReverseMatch:
            continue
    return ""


def rectification_overdue(unit: int, year: int) -> Listing:
    import datetime as dt

    from gongkai.rectifications.models import Addressee

    qs = Addressee.objects.filter(
        Addressee.late_q(timezone.localdate()),
        agency_id=unit,
        deadline__gte=dt.date(year, 1, 1),
        deadline__lte=dt.date(year, 12, 31),
    ).select_related("notice")

    def row(a):
        return (
            [a.notice.title, a.deadline, a.first_answered_on, a.get_state_display()],
            reverse("rectifications:notice", kwargs={"pk": a.notice_id}),
        )

    return Listing(
        ["通报", "整改期限", "首次报送日期", "状态"], qs, row, f"整改期限在{year}年内、逾期的通报"
    )


LISTINGS: dict[str, Callable[[int, int], Listing]] = {
    "answer_timeliness": answer_timeliness,
    "overdue_share": overdue_share,
    "review_corrections": review_corrections,
    "report_errors": report_errors,
    "rectification_overdue": rectification_overdue,
    "catalogue_late": catalogue_late,
    "interpretation_missing": interpretation_missing,
}
