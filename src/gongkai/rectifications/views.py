"""Staff views of notices and complaints. Thin: scope through gongkai.agencies.access, call the
services, render.

A unit sees the notices addressed to it and, in each, only its own problems and answers; another
unit's notice is a 404, so its existence does not show. The office (supervisor role at the
notice's office) sees every addressee and reviews the answers.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.access import access_for, answers_for, supervised_units, supervising_offices
from gongkai.agencies.models import Agency, Role
from gongkai.applications.paging import CappedPaginator
from gongkai.web.params import page_param
from gongkai.web.uploads import limit_uploads, refusals, serve, setting

from . import services
from .forms import AnswerForm, ComplaintActionForm, IssueForm, ReviewForm
from .models import (
    OWING,
    Addressee,
    AddresseeState,
    Answer,
    Complaint,
    ComplaintState,
    RectificationNotice,
)

PAGE_SIZE = 50


def _is_office(access, notice: RectificationNotice) -> bool:
    return access.has_role(notice.office_id, {Role.SUPERVISOR})


def _visible_addressees(access):
    """Addressees the user may read: their agencies' own, or every one of a notice they issued."""
    return Addressee.objects.filter(
        Q(agency_id__in=access.reads) | Q(notice__office_id__in=supervising_offices(access))
    )


def _notice(request, pk: int) -> tuple[RectificationNotice, list[Addressee], bool]:
    access = access_for(request)
    notice = get_object_or_404(
        RectificationNotice.objects.select_related("office", "issued_by", "complaint"), pk=pk
    )
    office = _is_office(access, notice)
    shown = notice.addressees.select_related("agency").prefetch_related(
        "problems__application", "problems__finding", "answers__answered_by"
    )
    if not office:
        shown = shown.filter(agency_id__in=access.reads)
    shown = list(shown)
    if not office and not shown:
        raise Http404
    return notice, shown, office


@login_required
def index(request):
    """通报整改: the notices the user may read, newest first; ?overdue=1 lists overdue units."""
    access = access_for(request)
    today = timezone.localdate()
    addressees = (
        _visible_addressees(access)
        .select_related("notice", "agency")
        .order_by("-notice__issued_on", "-notice_id", "agency__code")
    )
    overdue_only = request.GET.get("overdue") == "1"
    if overdue_only:
        addressees = addressees.filter(Addressee.overdue_q(today))
    counts = _visible_addressees(access).aggregate(
        open=Count("pk", filter=Q(state__in=OWING)),
        overdue=Count("pk", filter=Addressee.overdue_q(today)),
        waiting=Count("pk", filter=Q(state=AddresseeState.ANSWERED)),
    )
    page = CappedPaginator(addressees, PAGE_SIZE).get_page(page_param(request))
    offices = supervising_offices(access)
    complaints = (
        Complaint.objects.filter(
            agency_id__in=supervised_units(access), state=ComplaintState.RECEIVED
        ).count()
        if offices
        else None
    )
    return render(
        request,
        "rectifications/index.html",
        {
            "page": page,
            "today": today,
            "counts": counts,
            "overdue_only": overdue_only,
            "can_issue": bool(offices and supervised_units(access)),
            "complaints_waiting": complaints,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def issue(request):
    access = access_for(request)
    offices, units = supervising_offices(access), supervised_units(access)
    if not offices or not units:
        raise PermissionDenied("只有监督机关可以发出通报。")
    initial = {}
    app_pk = request.GET.get("application", "")
    if app_pk.isdigit():
        from gongkai.applications.models import Application

        app = Application.objects.filter(pk=int(app_pk), agency_id__in=units).first()
        if app is not None:
            initial = {"units": [app.agency_id], "application": app.number}
    if request.GET.get("unit", "").isdigit() and int(request.GET["unit"]) in units:
        initial.setdefault("units", [int(request.GET["unit"])])
    finding_pk = request.GET.get("finding", "")
    if finding_pk.isdigit():
        from gongkai.audits.models import AuditFinding

        finding = AuditFinding.objects.filter(pk=int(finding_pk), agency_id__in=units).first()
        if finding is not None:
            initial = {
                "units": [finding.agency_id],
                "finding": finding.pk,
                "problem": f"{finding.message}（{finding.rule}）",
                "title": f"关于{finding.year or ''}年度报告问题的整改通知",
            }
    for key in ("link", "problem", "title"):
        if request.GET.get(key):
            initial[key] = request.GET[key][:500]
    form = IssueForm(request.POST or None, initial=initial, offices=offices, units=units)
    error = ""
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        app = d["application_obj"]
        finding = d["finding_obj"]
        problems = [
            services.ProblemInput(
                unit,
                d["problem"],
                app.pk if app and app.agency_id == unit.pk else None,
                d["link"],
                finding.pk if finding and finding.agency_id == unit.pk else None,
            )
            for unit in d["units"]
        ]
        try:
            notice = services.issue(
                office=d["office"],
                actor=request.user,
                title=d["title"],
                body=d["body"],
                deadline=d["deadline"],
                problems=problems,
            )
        except services.RectificationError as e:
            error = str(e)
        else:
            messages.success(request, f"已向{len(problems)}个单位发出“{notice.title}”。")
            return redirect("rectifications:notice", pk=notice.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "rectifications/issue.html", {"form": form, "error": error}, status=status
    )


@login_required
def notice_detail(request, pk: int):
    notice, shown, office = _notice(request, pk)
    access = access_for(request)
    today = timezone.localdate()
    rows = []
    for a in shown:
        rows.append(
            {
                "a": a,
                "overdue": a.is_overdue(today),
                "can_answer": a.state in OWING and answers_for(access, a.agency_id),
                "can_review": office and a.state == AddresseeState.ANSWERED,
                "answer_form": AnswerForm(prefix=f"a{a.pk}"),
                "review_form": ReviewForm(prefix=f"r{a.pk}"),
            }
        )
    events = notice.events.select_related("actor", "addressee__agency")
    if not office:
        events = events.filter(Q(addressee__isnull=True) | Q(addressee__in=shown))
    return render(
        request,
        "rectifications/notice.html",
        {
            "notice": notice,
            "rows": rows,
            "office": office,
            "today": today,
            "events": events,
        },
    )


def _addressee(request, pk: int) -> Addressee:
    access = access_for(request)
    addressee = get_object_or_404(Addressee.objects.select_related("notice", "agency"), pk=pk)
    if not (access.can_read(addressee.agency_id) or _is_office(access, addressee.notice)):
        raise Http404
    return addressee


@limit_uploads(setting("CASEFILE_UPLOAD_MAX_BYTES"))
@login_required
@require_POST
def answer(request, pk: int):
    addressee = _addressee(request, pk)
    if not answers_for(access_for(request), addressee.agency_id):
        raise PermissionDenied("只有被通报单位的承办、审核签发或管理人员可以报送整改情况。")
    form = AnswerForm(request.POST, request.FILES, prefix=f"a{pk}", refused=refusals(request))
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.answer(
                addressee, actor=request.user, text=d["text"], checked=d["evidence"], link=d["link"]
            )
        except services.RectificationError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, "整改情况已报送，等待审核。")
    else:
        messages.error(
            request, "报送未成功：" + "；".join(e for errs in form.errors.values() for e in errs)
        )
    return redirect("rectifications:notice", pk=addressee.notice_id)


@login_required
@require_POST
def review(request, pk: int):
    addressee = _addressee(request, pk)
    if not _is_office(access_for(request), addressee.notice):
        raise PermissionDenied("只有发文机关可以审核整改情况。")
    form = ReviewForm(request.POST, prefix=f"r{pk}")
    if form.is_valid():
        d = form.cleaned_data
        try:
            if d["decision"] == "accept":
                services.accept(
                    addressee,
                    actor=request.user,
                    note=d["note"],
                    accountability=d["accountability"],
                )
                messages.success(request, f"{addressee.agency.name}的整改情况已审核通过。")
            else:
                services.send_back(
                    addressee, actor=request.user, note=d["note"], new_deadline=d["new_deadline"]
                )
                messages.success(request, f"已退回{addressee.agency.name}重新整改。")
        except services.RectificationError as e:
            messages.error(request, str(e))
    else:
        messages.error(request, "请选择审核结果。")
    return redirect("rectifications:notice", pk=addressee.notice_id)


@login_required
def evidence(request, pk: int):
    record = get_object_or_404(Answer.objects.select_related("addressee__notice"), pk=pk)
    _addressee(request, record.addressee_id)
    if not record.evidence_file:
        raise Http404
    return serve(
        record.evidence_file, filename=record.evidence_name, content_type=record.evidence_type
    )


# -- complaints (the office only: they carry the complainant's contact details) ----------------


def _complaints(access):
    return Complaint.objects.filter(agency_id__in=supervised_units(access)).select_related("agency")


@login_required
def complaint_list(request):
    access = access_for(request)
    if not supervising_offices(access):
        raise PermissionDenied("只有监督机关处理投诉。")
    page = CappedPaginator(_complaints(access), PAGE_SIZE).get_page(page_param(request))
    return render(request, "rectifications/complaints.html", {"page": page})


def _office_for(access, agency: Agency) -> Agency:
    """The nearest of the user's supervising offices above the unit."""
    offices = supervising_offices(access)
    node = agency.parent
    while node is not None:
        if node.pk in offices:
            return node
        node = node.parent
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def complaint_detail(request, pk: int):
    access = access_for(request)
    complaint = get_object_or_404(_complaints(access), pk=pk)
    form = ComplaintActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        office = _office_for(access, complaint.agency)
        try:
            if d["decision"] == "forward":
                if not d["deadline"]:
                    raise services.RectificationError("转办整改请填写整改期限。")
                notice = services.forward_complaint(
                    complaint,
                    office=office,
                    actor=request.user,
                    problem=d["text"],
                    deadline=d["deadline"],
                    reply=d["reply"],
                )
                messages.success(request, "投诉已转办整改。")
                return redirect("rectifications:notice", pk=notice.pk)
            services.dismiss_complaint(
                complaint, office=office, actor=request.user, reason=d["text"], reply=d["reply"]
            )
            messages.success(request, "投诉已处理（不予支持）。")
            return redirect("rectifications:complaint", pk=complaint.pk)
        except services.RectificationError as e:
            form.add_error(None, str(e))
    return render(
        request,
        "rectifications/complaint.html",
        {"c": complaint, "form": form, "events": complaint.events.select_related("actor")},
        status=400 if request.method == "POST" else 200,
    )
