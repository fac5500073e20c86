"""Staff pages of the annual report: the computed report with every 表三/表四 figure linked to
its records, the narrative editor, exports, publication and the frozen versions with their diff.

Who sees what follows the application system: a report covers agencies the user may read
(a report of an agency and everything below it needs the supervisor's reach); editing the text,
importing the register and publishing are for the agency's 审核签发 or 管理员 roles.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gongkai.agencies.access import access_for
from gongkai.agencies.models import Agency
from gongkai.applications.models import Application, ReviewCase
from gongkai.report.model import Report
from gongkai.report.writers import WriterUnavailable, write, writer_for
from gongkai.web.params import int_param, page_param

from . import compute, narrative, publish, snapshot
from .models import Narrative, PublishedReport, Scope
from .register_import import RegisterImportError, import_register
from .tables import render_tables

EXPORT_FORMATS = ("html", "docx", "pdf", "xlsx")


def _agency(request, agency_id: int, scope: str) -> Agency:
    if scope not in Scope.values:
        raise Http404
    agency = get_object_or_404(Agency, pk=agency_id)
    if not access_for(request).can_read_all(compute.agency_ids(agency, scope)):
        raise Http404  # as the application system: what one may not read does not exist
    return agency


def can_edit(request, agency: Agency) -> bool:
    """Editing the text, importing the register and publishing (gongkai.agencies.access)."""
    return access_for(request).can_publish(agency.pk)


def _url(name: str, agency: Agency, year: int, scope: str, *args) -> str:
    return reverse(f"annual:{name}", args=[agency.pk, year, scope, *args])


def default_year() -> int:
    """The report year now due: the previous calendar year (《条例》第四十九条)."""
    return timezone.localdate().year - 1


@login_required
def index(request):
    ids = access_for(request).reads
    agencies = Agency.objects.filter(pk__in=ids).order_by("code")
    year = int_param(request, "year", low=2008, high=default_year() + 1, default=default_year())
    rows = []
    for a in agencies:
        tree = a.descendant_ids()
        rows.append((a, tree <= ids and len(tree) > 1))
    published = (
        PublishedReport.objects.filter(agency__in=agencies)
        .select_related("agency")
        .order_by("-published_at")[:20]
    )
    return render(
        request,
        "annualreports/index.html",
        {
            "rows": rows,
            "year": year,
            "published": published,
            "years": range(default_year() + 1, 2018, -1),
        },
    )


@login_required
def report_page(request, agency_id: int, year: int, scope: str):
    agency = _agency(request, agency_id, scope)
    report = compute.build_report(agency, scope, year)
    findings = publish.findings_for(report, agency, scope)

    def link(table, row, col):
        return _url("cell", agency, year, scope, table, row, col)

    versions = PublishedReport.objects.filter(agency=agency, year=year, scope=scope).order_by(
        "-version"
    )
    return render(
        request,
        "annualreports/report.html",
        {
            "agency": agency,
            "year": year,
            "scope": scope,
            "scope_label": Scope(scope).label,
            "report": report,
            "tables": render_tables(report, link),
            "findings": findings,
            "errors": publish.errors(findings),
            "versions": versions,
            "can_edit": can_edit(request, agency),
            "formats": EXPORT_FORMATS,
            "differs": publish.changes_since_published(report, agency, scope),
        },
    )


def _records_page(request, records, context: dict, row=None):
    """A page of a cell's records as rows (snapshot.t3_row / t4_row, or frozen rows as stored)."""
    page = Paginator(records, 100).get_page(page_param(request))
    rows = [row(r) for r in page] if row else list(page)
    return render(request, "annualreports/records.html", {**context, "page": page, "rows": rows})


def _cell_label(report_template_year: int, table: str, row: str, col: str) -> str:
    from gongkai.report.templates import template_for_year

    t = template_for_year(report_template_year)
    if table == "t3":
        r = next((x for x in t.t3_rows if x.key == row), None)
        c = next((x for x in t.t3_columns if x.key == col), None)
        if r is None or c is None:
            raise Http404
        return f"表三 “{(r.group or '') + r.label}” × “{c.label}”"
    g = next((x for x in t.t4_groups if x.key == row), None)
    c = next((x for x in t.t4_columns if x.key == col), None)
    if g is None or c is None:
        raise Http404
    return f"表四 “{(g.group or '') + g.label}” × “{c.label}”"


@login_required
def cell(request, agency_id: int, year: int, scope: str, table: str, row: str, col: str):
    """Exactly the records counted in one cell, as of now."""
    agency = _agency(request, agency_id, scope)
    label = _cell_label(year, table, row, col)
    try:
        if table == "t3":
            records = (
                compute.t3_applications(agency, scope, year, row, col)
                .select_related("agency")
                .order_by("received_on", "pk")
            )
        else:
            records = (
                compute.t4_cases(agency, scope, year, row, col)
                .select_related("application__agency")
                .order_by("filed_on", "pk")
            )
    except KeyError:
        raise Http404 from None
    return _records_page(
        request,
        records,
        {
            "agency": agency,
            "year": year,
            "scope": scope,
            "label": label,
            "table": table,
            "back": _url("report", agency, year, scope),
        },
        row=snapshot.t3_row if table == "t3" else snapshot.t4_row,
    )


@login_required
def version_cell(
    request, agency_id: int, year: int, scope: str, version: int, table: str, row: str, col: str
):
    """The records a published version counted in one cell (ids frozen at publication)."""
    agency = _agency(request, agency_id, scope)
    published = get_object_or_404(
        PublishedReport, agency=agency, year=year, scope=scope, version=version
    )
    label = _cell_label(year, table, row, col)
    ids = published.cell_records.get(table, {}).get(row, {}).get(col)
    if ids is None:
        raise Http404
    context = {
        "agency": agency,
        "year": year,
        "scope": scope,
        "label": f"第{version}版 {label}",
        "table": table,
        "back": _url("version", agency, year, scope, version),
        "published": published,
    }
    frozen = snapshot.frozen_rows(published, table, ids)
    if frozen is not None:
        return _records_page(request, frozen, {**context, "frozen": True})
    # Published before records were frozen with versions: the same records, as they are now.
    if table == "t3":
        records = (
            Application.objects.filter(pk__in=ids)
            .select_related("agency")
            .order_by("received_on", "pk")
        )
    else:
        records = (
            ReviewCase.objects.filter(pk__in=ids)
            .select_related("application__agency")
            .order_by("filed_on", "pk")
        )
    return _records_page(
        request, records, context, row=snapshot.t3_row if table == "t3" else snapshot.t4_row
    )


def _download(report: Report, fmt: str, filename: str) -> HttpResponse:
    if fmt not in EXPORT_FORMATS:
        raise Http404
    writer = writer_for(fmt)
    try:
        content = write(report, fmt)
    except WriterUnavailable as e:
        return HttpResponse(
            f"无法生成{fmt.upper()}：{e}", status=503, content_type="text/plain; charset=utf-8"
        )
    response = HttpResponse(content, content_type=writer.media_type)
    response["Content-Disposition"] = (
        f"attachment; filename*=UTF-8''{_quote(filename)}.{writer.extension}"
    )
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@login_required
def export(request, agency_id: int, year: int, scope: str, fmt: str):
    agency = _agency(request, agency_id, scope)
    report = compute.build_report(agency, scope, year)
    return _download(report, fmt, f"{agency.name}{year}年政府信息公开工作年度报告（草稿）")


@login_required
def version_export(request, agency_id: int, year: int, scope: str, version: int, fmt: str):
    agency = _agency(request, agency_id, scope)
    published = get_object_or_404(
        PublishedReport, agency=agency, year=year, scope=scope, version=version
    )
    return _download(
        Report.from_dict(published.report_json),
        fmt,
        f"{agency.name}{year}年政府信息公开工作年度报告（第{version}版）",
    )


@login_required
def version_page(request, agency_id: int, year: int, scope: str, version: int):
    agency = _agency(request, agency_id, scope)
    published = get_object_or_404(
        PublishedReport, agency=agency, year=year, scope=scope, version=version
    )
    report = Report.from_dict(published.report_json)
    earlier = (
        PublishedReport.objects.filter(agency=agency, year=year, scope=scope, version__lt=version)
        .order_by("-version")
        .first()
    )
    changes = publish.diff(earlier.report_json, published.report_json) if earlier else None
    current = compute.build_report(agency, scope, year)
    pending = publish.diff(published.report_json, current.to_dict())

    def link(table, row, col):
        return _url("version_cell", agency, year, scope, version, table, row, col)

    return render(
        request,
        "annualreports/version.html",
        {
            "agency": agency,
            "year": year,
            "scope": scope,
            "published": published,
            "report": report,
            "tables": render_tables(report, link),
            "earlier": earlier,
            "changes": changes,
            "pending": pending,
            "formats": EXPORT_FORMATS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def publish_view(request, agency_id: int, year: int, scope: str):
    """GET: what publishing will do (the version, the rules, the changes since the last
    version), to confirm; POST: publish."""
    agency = _agency(request, agency_id, scope)
    if not can_edit(request, agency):
        raise PermissionDenied("无权发布年度报告：需要本机关的审核签发或管理员角色。")
    if request.method == "GET":
        report = compute.build_report(agency, scope, year)
        findings = publish.findings_for(report, agency, scope)
        last = publish.latest(agency, scope, year)
        return render(
            request,
            "annualreports/publish.html",
            {
                "agency": agency,
                "year": year,
                "scope": scope,
                "scope_label": Scope(scope).label,
                "report": report,
                "findings": findings,
                "errors": publish.errors(findings),
                "last": last,
                "changes": publish.diff(last.report_json, report.to_dict()) if last else None,
                "version": (last.version if last else 0) + 1,
            },
        )
    try:
        published = publish.publish(
            agency, scope, year, actor=request.user, note=request.POST.get("note", "")[:300]
        )
    except publish.PublicationBlocked as e:
        for f in e.findings:
            messages.error(request, f"{f.rule}：{f.message}")
        return redirect(_url("report", agency, year, scope))
    messages.success(
        request,
        f"已发布第{published.version}版（{timezone.localtime(published.published_at):%Y-%m-%d %H:%M}）。本版本已冻结，"
        "以后记录的变化不影响本版本；如需更正，请发布新版本。",
    )
    return redirect(_url("version", agency, year, scope, published.version))


class NarrativeForm(forms.ModelForm):
    class Meta:
        model = Narrative
        fields = ["preamble", *Narrative.SECTION_FIELDS]
        widgets = {
            f: forms.Textarea(attrs={"rows": 6, "cols": 100})
            for f in ["preamble", *Narrative.SECTION_FIELDS]
        }

    def clean(self):
        data = super().clean()
        for name, text in list(data.items()):
            unknown = narrative.unknown_figures(text or "")
            if unknown:
                self.add_error(name, str(narrative.UnknownFigure(unknown)))
        return data


@login_required
@require_http_methods(["GET", "POST"])
def narrative_edit(request, agency_id: int, year: int, scope: str):
    agency = _agency(request, agency_id, scope)
    if not can_edit(request, agency):
        raise PermissionDenied("无权编辑年度报告正文：需要本机关的审核签发或管理员角色。")
    stored = Narrative.objects.filter(agency=agency, year=year, scope=scope).first()
    instance = stored or Narrative(agency=agency, year=year, scope=scope)
    if request.method == "POST" and "draft" in request.POST:
        form = NarrativeForm(initial=narrative.draft(agency, scope, year), instance=instance)
        messages.info(request, "已根据数据生成草稿，保存后生效。")
    elif request.method == "POST":
        form = NarrativeForm(request.POST, instance=instance)
        if form.is_valid():
            form.save()
            messages.success(request, "正文已保存。")
            return redirect(_url("report", agency, year, scope))
    else:
        form = NarrativeForm(
            instance=instance, initial=None if stored else narrative.draft(agency, scope, year)
        )
    return render(
        request,
        "annualreports/narrative.html",
        {
            "agency": agency,
            "year": year,
            "scope": scope,
            "form": form,
            "figures": list(narrative.FIGURES),
            "back": _url("report", agency, year, scope),
        },
    )


class ImportForm(forms.Form):
    file = forms.FileField(label="XLSX 文件")


@login_required
@require_http_methods(["GET", "POST"])
def register_import(request):
    """Upload the register (全清单) and yearly figures as XLSX; nothing is stored on a bad file."""
    allowed = set(access_for(request).publishes)
    if not allowed:
        raise PermissionDenied("无权导入：需要审核签发或管理员角色。")
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = import_register(
                form.cleaned_data["file"].read(), allowed_agency_ids=allowed, actor=request.user
            )
        except RegisterImportError as e:
            problems = e.problems
        else:
            messages.success(
                request, f"已导入规章和规范性文件{result.documents}件、年度数据{result.figures}条。"
            )
            return redirect("annual:index")
    return render(request, "annualreports/import.html", {"form": form, "problems": problems})
