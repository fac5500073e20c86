"""Staff pages for notices: the list on an application, issuing one, downloading DOCX or PDF.

Scoped like the staff views: another agency's application or notice is a 404.
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.agencies.access import access_for
from gongkai.applications.models import Application
from gongkai.applications.services import TransitionError, WrongRole

from . import render_docx, render_pdf, services
from .models import Notice
from .panel import panel_context

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def visible_notices(access):
    return Notice.objects.filter(application__agency_id__in=access.reads).select_related(
        "application", "superseded_by"
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_notices(request, pk: int):
    access = access_for(request)
    app = get_object_or_404(
        Application.objects.filter(agency_id__in=access.reads).select_related("agency"), pk=pk
    )
    error = ""
    if request.method == "POST":
        if not access.can_handle(app.agency_id):
            raise PermissionDenied("无权生成告知书。")
        try:
            services.issue(app, actor=request.user, kind=request.POST.get("kind", ""))
        except WrongRole as e:
            raise PermissionDenied(str(e)) from e
        except TransitionError as e:
            error = str(e)
        else:
            return redirect("staff:application_detail", pk=app.pk)
    return render(
        request,
        "notices/application_notices.html",
        {**panel_context(request, app), "error": error},
        status=400 if error else 200,
    )


@login_required
def download(request, pk: int, fmt: str):
    notice = get_object_or_404(visible_notices(access_for(request)), pk=pk)
    renderer = render_docx.render if fmt == "docx" else render_pdf.render
    try:
        body = renderer(notice.content, notice.marking)
    except render_pdf.PdfUnavailable as e:
        return HttpResponse(str(e), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(notice.filename(fmt))}"
    response["Cache-Control"] = "private, no-store"
    return response
