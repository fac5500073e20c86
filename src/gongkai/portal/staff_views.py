"""Staff side of online submissions: the registrar's inbox, registration, the identity document.

Only staff holding a case role (登记、承办、审核签发) at the submission's agency see it; anyone else
gets a 404, so a submission's existence is not revealed. Supervisors do not see identity documents.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gongkai.agencies.models import CASE_ROLES, Membership, Role
from gongkai.applications import services as app_services
from gongkai.applications.identifiers import mask_id_number

from . import services, tracking
from .models import Submission


def _case_agency_ids(user) -> set[int]:
    return set(Membership.objects.filter(user=user, role__in=CASE_ROLES).values_list("agency_id", flat=True))


def _visible(user):
    return Submission.objects.filter(agency_id__in=_case_agency_ids(user)).select_related("agency", "application")


class ConfirmForm(forms.Form):
    confirmed_on = forms.DateField(label="确认收到日期", initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"}))


@login_required
def inbox(request):
    qs = _visible(request.user)
    if request.GET.get("all") != "1":
        qs = qs.filter(application__isnull=True)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    rows = [(s, tracking.display(s.tracking_code), mask_id_number(s.id_number)) for s in page]
    return render(request, "portal/staff_inbox.html", {"rows": rows, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, pk: int):
    submission = get_object_or_404(_visible(request.user), pk=pk)
    form = ConfirmForm(request.POST or None)
    error = ""
    if request.method == "POST":
        held = set(Membership.objects.filter(user=request.user, agency_id=submission.agency_id).values_list("role", flat=True))
        if not held & {Role.REGISTRAR, Role.HANDLER}:
            raise PermissionDenied("无权登记申请。")
        if form.is_valid():
            try:
                app = services.register_submission(submission, actor=request.user, confirmed_on=form.cleaned_data["confirmed_on"])
            except app_services.WrongRole as e:
                raise PermissionDenied(str(e)) from e
            except app_services.TransitionError as e:
                error = str(e)
            else:
                return redirect("staff:application_detail", pk=app.pk)
    return render(
        request,
        "portal/staff_detail.html",
        {"s": submission, "code": tracking.display(submission.tracking_code), "form": form, "error": error},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def id_document(request, pk: int):
    submission = get_object_or_404(_visible(request.user), pk=pk)
    name = Path(submission.id_document.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(submission.id_document.open("rb"), content_type=content_type, as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
