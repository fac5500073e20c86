"""The staff side of a bulk audit: batches, upload, progress (htmx polling, read from the rows so
it survives a reload and a restart), the ranking of units, a report's findings, the workbook.
Views are thin: access in gongkai.audits.scoping, state changes in gongkai.audits.services."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies.access import access_for, supervised_units
from gongkai.agencies.models import Agency
from gongkai.report.audit.xlsx import write_workbook
from gongkai.web.uploads import limit_uploads, refusals, setting

from . import scoping, services
from .checking import progress
from .exports import workbook_rows
from .forms import SystemForm, UploadForm
from .models import BatchState, Level, ReportState

PAGE = 100


def _offices(request) -> list[Agency]:
    ids = scoping.auditing_offices(access_for(request))
    return list(Agency.objects.filter(pk__in=ids).order_by("code"))


def _get_only(request):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    return None


@login_required
def batch_list(request):
    access = access_for(request)
    own = scoping.own_reports(access).filter(state__in=(ReportState.DONE, ReportState.FAILED))
    return render(request, "audits/batch_list.html", {
        "batches": scoping.batches(access).select_related("owner")[:200],
        "may_audit": bool(scoping.auditing_offices(access)),
        "own": own.select_related("agency", "batch").order_by("-year", "-checked_at")[:200],
    })  # fmt: skip


def _upload_limit():
    return setting("AUDIT_UPLOAD_MAX_FILES")()


@limit_uploads(setting("AUDIT_UPLOAD_MAX_BYTES"), _upload_limit)
@login_required
def batch_create(request):
    offices = _offices(request)
    if not offices:
        raise PermissionDenied("只有监督人员或管理员可以发起年度报告审核。")
    system = SystemForm(offices=offices, prefix="system")
    if request.method != "POST":
        return render(
            request,
            "audits/batch_create.html",
            {"form": UploadForm(offices=offices), "system": system},
        )
    form = UploadForm(request.POST, request.FILES, offices=offices, refused=refusals(request))
    if form.is_valid():
        d = form.cleaned_data
        try:
            owner = next(a for a in offices if a.pk == d["owner"])
            files = [(upload.name or "", upload.read) for upload in d["files"]]
            batch, incoming = services.create_from_files(owner, actor=request.user, title=d["title"], files=files,
                                                         dates=d["dates"])  # fmt: skip
        except ValidationError as e:
            form.add_error("files", e)
        else:
            messages.success(request, f"已收到 {batch.reports.count()} 份报告，正在后台审核。")
            for note in incoming.refused[:20]:
                messages.warning(request, note)
            return redirect("audits:batch", pk=batch.pk)
    return render(request, "audits/batch_create.html", {"form": form, "system": system}, status=400)


@login_required
@require_POST
def batch_from_system(request):
    offices = _offices(request)
    if not offices:
        raise PermissionDenied("只有监督人员或管理员可以发起年度报告审核。")
    system = SystemForm(request.POST, offices=offices, prefix="system")
    if system.is_valid():
        owner = next(a for a in offices if a.pk == system.cleaned_data["owner"])
        try:
            batch = services.create_from_system(
                owner, actor=request.user, year=system.cleaned_data["year"]
            )
        except ValidationError as e:
            system.add_error("year", e)
        else:
            messages.success(
                request, f"已取 {batch.reports.count()} 份系统内已发布的年度报告，正在后台审核。"
            )
            return redirect("audits:batch", pk=batch.pk)
    return render(request, "audits/batch_create.html", {"form": UploadForm(offices=offices), "system": system},
                  status=400)  # fmt: skip


@login_required
def batch(request, pk: int):
    batch = scoping.batch_or_404(access_for(request), pk)
    if refused := _get_only(request):
        return refused
    return render(request, "audits/batch.html", {"batch": batch, "progress": progress(batch),
                                                  "notes": batch.notes.splitlines()})  # fmt: skip


@login_required
def batch_progress(request, pk: int):
    """The progress bar, polled by htmx every two seconds until the batch is done."""
    batch = scoping.batch_or_404(access_for(request), pk)
    if refused := _get_only(request):
        return refused
    services.resume_if_stalled(batch)
    return render(request, "audits/progress.html", {"batch": batch, "progress": progress(batch)})


@login_required
def ranking(request, pk: int):
    batch = scoping.batch_or_404(access_for(request), pk)
    if refused := _get_only(request):
        return refused
    rows = (batch.reports.filter(not_a_report=False).select_related("agency")
            .order_by("-errors", "-warnings", "agency_name", "pk"))  # fmt: skip
    page = Paginator(rows, PAGE).get_page(request.GET.get("page"))
    return render(request, "audits/ranking.html", {"batch": batch, "page": page, "first": page.start_index(),
                                                    "skipped": batch.reports.filter(not_a_report=True)[:100],
                                                    "finished": batch.state == BatchState.DONE})  # fmt: skip


@login_required
def report(request, pk: int):
    access = access_for(request)
    row = scoping.report_or_404(access, pk)
    if refused := _get_only(request):
        return refused
    level = request.GET.get("level")
    findings = row.findings.all()
    if level in Level.values:
        findings = findings.filter(level=level)
    order = {Level.ERROR: 0, Level.WARNING: 1, Level.INFO: 2}
    findings = sorted(findings, key=lambda f: (order[f.level], f.pk))
    return render(request, "audits/report.html", {
        "row": row, "findings": findings, "level": level if level in Level.values else "",
        "sees_batch": scoping.batches(access).filter(pk=row.batch_id).exists(),
        # A supervising office of the report's unit may turn a finding into a 通报 (rectifications).
        "issues_notices": row.agency_id is not None and row.agency_id in supervised_units(access),
    })  # fmt: skip


@login_required
def export(request, pk: int):
    """The batch as a workbook (gongkai.report.audit.xlsx): one row per report, one per finding."""
    batch = scoping.batch_or_404(access_for(request), pk)
    if refused := _get_only(request):
        return refused
    out = tempfile.NamedTemporaryFile(prefix="gongkai-audit-", suffix=".xlsx")
    write_workbook(workbook_rows(batch), out.name)
    out.seek(0)
    response = FileResponse(
        out,
        as_attachment=True,
        filename=f"年度报告审核-{batch.pk}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Cache-Control"] = "private, no-store"
    return response
