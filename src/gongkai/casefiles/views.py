"""Case files on the staff side: upload, download, withdraw. Only the agency's case staff
(登记、承办、审核签发) reach them; anyone else gets 404, so not even a file's existence shows."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from gongkai.agencies.access import access_for
from gongkai.applications.models import Application
from gongkai.applications.services import TransitionError
from gongkai.web.uploads import limit_uploads, refusals, serve, setting

from . import services
from .forms import UploadForm
from .models import CaseFile


def _handled_application(request, pk: int) -> Application:
    app = get_object_or_404(Application.objects.select_related("agency"), pk=pk)
    if not access_for(request).can_handle(app.agency_id):
        raise Http404
    return app


def _handled_file(request, pk: int) -> CaseFile:
    case_file = get_object_or_404(CaseFile.objects.select_related("application"), pk=pk)
    if not access_for(request).can_handle(case_file.application.agency_id):
        raise Http404
    return case_file


@limit_uploads(setting("CASEFILE_UPLOAD_MAX_BYTES"))
@login_required
@require_POST
def upload(request, pk: int):
    app = _handled_application(request, pk)
    form = UploadForm(request.POST, request.FILES, refused=refusals(request))
    error = ""
    if form.is_valid():
        d = form.cleaned_data
        try:
            case_file = services.attach(
                app, actor=request.user, category=d["category"], checked=d["file"], note=d["note"]
            )
        except TransitionError as e:
            error = str(e)
        else:
            messages.success(
                request,
                f"已上传“{case_file.original_name}”（{case_file.get_category_display()}）。",
            )
            return redirect("staff:application_detail", pk=app.pk)
    return render(
        request,
        "casefiles/upload_page.html",
        {"app": app, "form": form, "error": error},
        status=400,
    )


@login_required
def download(request, pk: int):
    case_file = _handled_file(request, pk)
    return serve(
        case_file.file, filename=case_file.original_name, content_type=case_file.content_type
    )


@login_required
@require_POST
def withdraw(request, pk: int):
    case_file = _handled_file(request, pk)
    try:
        services.withdraw(case_file, actor=request.user)
    except TransitionError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, f"已撤回“{case_file.original_name}”，申请人不能再下载。")
    return redirect("staff:application_detail", pk=case_file.application_id)
