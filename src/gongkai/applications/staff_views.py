"""Staff views (登记、承办、审核签发、监督). Thin: they scope, render and call the services.

Every lookup goes through Application.objects.for_user(user): another agency's application is a
404, not a 403, so its existence is not revealed. Visible but not permitted (a supervisor, a
role without the right) is a 403.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gongkai.agencies.access import access_for
from gongkai.agencies.models import Agency, Role
from gongkai.holidays.table import working_calendar
from gongkai.web.params import choice_param, int_param, page_param, text_param

from . import export, services, worklists
from .choices import (
    OPEN_STATES,
    OUTCOME_CHOICES,
    Channel,
    ConsultedParty,
    DiscardReason,
    EventKind,
    ReviewKind,
    ReviewResult,
    ServiceMethod,
    State,
)
from .confirmations import CONFIRMATIONS, done_message
from .deadline import due_info, stored_due_info
from .identifiers import mask_id_number
from .models import Application
from .paging import CappedPaginator
from .personal import personal_data
from .staff_forms import ACTION_FORMS, RegistrationForm, registration_data

PAGE_SIZE = 50
DUE_FILTERS = ("overdue", "soon", "provisional")
# What a list row shows (and the stored due date): the rest of a row is not read.
LIST_FIELDS = (
    "number",
    "agency",
    "agency__name",
    "applicant_name",
    "applicant_type",
    "id_number",
    "received_on",
    "state",
    "answer_due_on",
    "answer_due_error",
    "answer_due_provisional",
)


PAYLOAD_LABELS = {
    "received_on": "收到申请之日",
    "submitted_on": "提交日期",
    "deadline": "延迟答复期限",
    "pay_by": "缴费期限",
    "amount": "金额（元）",
    "channel": "提交方式",
    "on": "日期",
    "items": "补正事项",
    "due_on": "补正期限",
    "late_notice": "超过7个工作日告知",
    "note": "备注",
    "party_name": "征求对象",
    "sent_on": "发出日期",
    "answered_on": "结束日期",
    "opinion": "意见",
    "days": "工作日数",
    "reason": "理由",
    "notified_on": "告知申请人日期",
    "outcome": "办理结果",
    "duplicate_of": "原申请",
    "redirect_to": "告知负责机关或渠道",
    "method": "送达方式",
    "proof": "送达凭证",
    "kind": "类型",
    "filed_on": "申请复议或起诉日期",
    "result": "结果",
    "concluded_on": "审结日期",
    "number": "文号",
    "category": "材料类型",
    "files": "文件数",
    "late": "超过补正期限",
    "version": "版本",
    "party_kind": "征求对象类型",
    "handler": "承办人",
    "previous_handler": "原承办人",
    "discard_reason": "作废原因",
}

# Payload values stored as internal keys, shown by their labels (never `ordinary_letter`).
PAYLOAD_VALUES = {
    "channel": dict(Channel.choices),
    "outcome": dict(OUTCOME_CHOICES),
    "method": dict(ServiceMethod.choices),
    "kind": dict(ReviewKind.choices),
    "result": dict(ReviewResult.choices),
    "party_kind": dict(ConsultedParty.choices),
    "discard_reason": dict(DiscardReason.choices),
}


def event_details(event) -> list[tuple[str, str]]:
    """The payload in Chinese labels, for the log on the detail page."""
    details = []
    for key, value in event.payload.items():
        if key in PAYLOAD_LABELS and value not in (None, "", False):
            if value is True:
                shown = "是"
            elif isinstance(value, str):
                shown = PAYLOAD_VALUES.get(key, {}).get(value, value)
            else:
                shown = str(value)
            details.append((PAYLOAD_LABELS[key], shown))
    details += correction_details(event.payload.get("changes"))
    return details


def correction_details(changes) -> list[tuple[str, str]]:
    """A registration correction's fields, before → after (services.correct_registration)."""
    if not isinstance(changes, dict):
        return []
    labels = {f.name: str(f.verbose_name) for f in Application._meta.fields}
    return [
        (
            labels.get(name, name),
            f"{change.get('before') or '（空）'} → {change.get('after') or '（空）'}",
        )
        for name, change in changes.items()
        if isinstance(change, dict)
    ]


def _visible(access):
    """The applications the user may read (gongkai.agencies.access): another agency's is a 404."""
    return Application.objects.filter(agency_id__in=access.reads).select_related("agency")


def _due_rows(apps, today):
    calendar = working_calendar()
    return [(app, stored_due_info(app, calendar, today)) for app in apps]


def _list_row(app: Application, due) -> dict:
    """One list row as plain values: the template then does dictionary look-ups only (an
    attribute look-up through a Django template costs a caught TypeError each; 50 rows of them
    were half the list's rendering time)."""
    soon = settings.DUE_SOON_WORKING_DAYS
    if due.days_left is None:
        due_class, due_note = "", ""
    elif due.overdue:
        due_class, due_note = "overdue", "已逾期"
    else:
        due_class, due_note = (
            ("soon" if due.days_left <= soon else ""),
            f"剩余{due.days_left}个工作日",
        )
    return {
        "pk": app.pk,
        "number": app.number,
        "agency": app.agency.name,
        "applicant": app.applicant_name,
        "applicant_type": app.get_applicant_type_display(),
        "id_number": mask_id_number(app.id_number),
        # None while an online application awaits confirmation (《条例》第三十一条).
        "received_on": app.received_on.isoformat() if app.received_on else "",
        "state": app.get_state_display(),
        "due_on": due.due_on.isoformat() if due.due_on else "",
        "due_class": due_class,
        "due_note": due_note,
        "due_error": bool(due.error),
        # Counted over a year whose holiday notice is not entered yet: shown as 暂定 with the reason.
        "due_provisional": due.provisional,
    }


def _due_filter(qs, due: str, today, calendar):
    """Open cases overdue or due soon by the stored due date, ordered by it: an SQL query.

    The same rows as testing working_days_left (deadlines.status) per row, < 0 resp. 0..soon.
    With `last` the last working day up to today: overdue ⇔ a working day lies in (due, today]
    ⇔ due < last; due soon ⇔ last <= due < the (soon + 1)-th working day after today (a date
    due on a weekend or holiday just passed still has 0 days left).
    Rows with no stored due date (paused, awaiting confirmation, not computable) are in neither.
    """
    qs = qs.filter(state__in=OPEN_STATES, answer_due_on__isnull=False).order_by(
        "answer_due_on", "-received_on", "-id"
    )
    soon = settings.DUE_SOON_WORKING_DAYS
    bounds = worklists.due_bounds(calendar, today)
    if bounds is not None:
        last, soon_end = bounds
        if due == "overdue":
            return qs.filter(answer_due_on__lt=last)
        return qs.filter(answer_due_on__gte=last, answer_due_on__lt=soon_end)
    # The days around today reach a year whose holidays are not entered: test each candidate
    # row as the per-row display does (a row whose count needs that year is in neither list).
    candidates = qs.filter(answer_due_on__lt=today) if due == "overdue" else qs
    rows = []
    for app in candidates.only(*LIST_FIELDS):
        info = stored_due_info(app, calendar, today)
        if info.days_left is not None and (
            info.days_left < 0 if due == "overdue" else 0 <= info.days_left <= soon
        ):
            rows.append(app)
    return rows


def _list_base(ids: set[int]):
    """The applications of `ids` (the user's visible agencies) for the newest-first lists.

    With ``agency_id IN (many)`` SQLite and PostgreSQL take the per-agency index and then sort
    every visible row (100,000 for a district supervisor); comparing ``agency_id + 0`` leaves them
    the newest-first index (app_newest) to walk, which finds a page after reading about a page of
    rows when the user sees much of the table. One agency keeps the (agency, newest) index.
    """
    if len(ids) <= 1:
        return Application.objects.filter(agency_id__in=ids).select_related("agency")
    return (
        Application.objects.alias(agency_plain=F("agency_id") + 0)
        .filter(agency_plain__in=ids)
        .select_related("agency")
    )


_ID_CARD = re.compile(r"^(\d{17}[\dX]|\d{15})$")
_PHONE = re.compile(r"^\+?\d[\d -]{5,18}\d$")
_TRACKING_CODE_LENGTH = 13  # gongkai.portal.tracking.LENGTH


def search(q: str) -> Q:
    """The search box. The 查询码 (with or without dashes, any case), a 居民身份证 number and a
    phone number are found by exact match on the stored value only, so a partial number finds
    nothing and the look-up is an index search; anything else by substring in the number, the
    applicant and the request, or exactly as a 证件号码 or phone number as stored."""
    q = q.strip()[:100]
    upper = q.upper()
    compact = "".join(c for c in upper if c.isalnum())
    if len(compact) == _TRACKING_CODE_LENGTH and not compact.isdigit():
        return Q(portal_submission__tracking_code=compact) | Q(number=q)
    if _ID_CARD.match(upper):
        return Q(id_number=upper)
    digits = "".join(c for c in q if c.isdigit())
    mobile, landline = (
        digits.startswith("1") and len(digits) == 11,
        digits.startswith("0") and 10 <= len(digits) <= 12,
    )
    if _PHONE.match(q) and (mobile or landline or q.startswith("+")):
        return Q(contact_phone=q) | Q(contact_phone=digits)
    return (
        Q(number__icontains=q)
        | Q(applicant_name__icontains=q)
        | Q(description__icontains=q)
        | Q(id_number=upper)
        | Q(contact_phone=q)
    )


def _filtered(request, ids):
    qs = _list_base(ids)
    state = choice_param(request, "state", State.values)
    if state:
        qs = qs.filter(state=state)
    agency = int_param(request, "agency")
    if agency is not None:
        qs = qs.filter(agency_id=agency)
    q = text_param(request, "q")
    if q:
        qs = qs.filter(search(q))
    return qs


@login_required
def application_list(request):
    today = timezone.localdate()
    access = access_for(request)
    ids = access.reads
    qs = _filtered(request, ids)
    due = choice_param(request, "due", DUE_FILTERS)
    if due in {"overdue", "soon"}:
        qs = _due_filter(qs, due, today, working_calendar())
    elif due == "provisional":
        qs = (
            qs.filter(state__in=OPEN_STATES)
            .exclude(answer_due_provisional="")
            .order_by("answer_due_on", "-id")
        )
    page = CappedPaginator(
        qs.only(*LIST_FIELDS) if not isinstance(qs, list) else qs, PAGE_SIZE
    ).get_page(page_param(request))
    rows = [_list_row(app, info) for app, info in _due_rows(page, today)]
    agencies = Agency.objects.filter(pk__in=ids)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "applications/staff/list.html",
        {
            "rows": rows,
            "soon": settings.DUE_SOON_WORKING_DAYS,
            "page": page,
            "states": State.choices,
            "agencies": agencies,
            "filters": request.GET,
            "query": query.urlencode(),
            # One query, not one per visible agency (a district supervisor sees dozens).
            "can_register": bool(access.registers),
        },
    )


@login_required
def application_export(request, fmt: str = "csv"):
    """The filtered list as CSV or XLSX (gongkai.applications.export)."""
    access = access_for(request)
    qs = (
        _filtered(request, access.reads)
        .select_related("handler")
        .only(*export.FIELDS, "agency", "handler")
    )
    table = export.rows(
        qs.order_by("-received_on", "-id").iterator(chunk_size=2000),
        access,
        working_calendar(),
        timezone.localdate(),
    )
    filename = f"applications-{timezone.localdate():%Y%m%d}"
    if fmt == "xlsx":
        return export.xlsx_response(table, filename)
    return export.csv_response(table, filename)


@login_required
def application_detail(request, pk: int):
    access = access_for(request)
    app = get_object_or_404(
        _visible(access)
        .select_related("handler")
        .prefetch_related("consultations", "review_cases"),
        pk=pk,
    )
    closed = app.state in (State.NOT_ACCEPTED, State.DISCARDED)
    info = None if closed else due_info(app, working_calendar(), timezone.localdate())
    actions = [
        (name, services.RULES[name].label)
        for name in services.allowed_transitions(app, request.user)
    ]
    events = list(app.events.select_related("actor"))
    full = access.sees_personal_data(app.agency_id)
    return render(
        request,
        "applications/staff/detail.html",
        {
            "app": app,
            "due": info,
            "events": [(e, event_details(e)) for e in events],
            "returned": returned_draft(app, events),
            "actions": actions,
            "personal": personal_data(app, full),
            "full_id": full,
        },
    )


def returned_draft(app: Application, events: list):
    """The approver's return of the draft, while the handler has not redrafted (else None)."""
    drafts = [
        e
        for e in events
        if e.kind
        in (
            EventKind.DECIDED,
            EventKind.CORRECTION_LAPSED,
            EventKind.FEE_LAPSED,
            EventKind.DRAFT_RETURNED,
        )
    ]
    if not drafts or drafts[-1].kind != EventKind.DRAFT_RETURNED or app.state == State.DECIDED:
        return None
    event = drafts[-1]
    outcome = event.payload.get("outcome") or ""
    return {
        "reason": event.payload.get("reason", ""),
        "actor": event.actor.get_username() if event.actor else "",
        "at": event.created_at,
        "outcome": dict(OUTCOME_CHOICES).get(outcome, ""),
    }


def _rows(qs, today, limit: int = PAGE_SIZE):
    """The first `limit` rows of a work list, as the main list shows them, plus the total."""
    qs = (
        qs.select_related("agency")
        .only(*LIST_FIELDS)
        .order_by(F("answer_due_on").asc(nulls_last=True), "received_on", "id")
    )
    total = qs.count()
    return total, [_list_row(app, info) for app, info in _due_rows(qs[:limit], today)]


def _worklist_page(request, title: str, sections: list, empty: str):
    """A page of work lists: (key, title, queryset) each, its first rows and its total."""
    today = timezone.localdate()
    blocks = []
    for key, heading, qs in sections:
        total, rows = _rows(qs, today)
        blocks.append({"key": key, "title": heading, "total": total, "rows": rows})
    return render(
        request,
        "applications/staff/worklist.html",
        {"title": title, "blocks": blocks, "empty": empty},
    )


@login_required
def my_tasks(request):
    """我的待办: cases assigned to me, then what waits on each of my roles."""
    access = access_for(request)
    sections = [(s.key, s.title, qs) for s, qs in worklists.sections(access, worklists.WAITING)]
    if access.agencies_with({Role.HANDLER}):
        mine = worklists.assigned_to(request.user).filter(agency_id__in=access.reads)
        sections.insert(0, ("mine", "分配给我的申请", mine))
    return _worklist_page(
        request, "我的待办", sections, "您在任何机关都没有登记、承办或审核签发角色，没有待办事项。"
    )


@login_required
def to_sign(request):
    """待我签发: drafts and extension requests waiting for an approver of my agencies."""
    sections = [
        (s.key, s.title, qs) for s, qs in worklists.sections(access_for(request), worklists.SIGNING)
    ]
    return _worklist_page(request, "待我签发", sections, "您在任何机关都没有审核签发角色。")


@login_required
def overview(request):
    """各机关办理情况: per agency the user reads, counts linking to the filtered list."""
    access = access_for(request)
    today = timezone.localdate()
    rows = worklists.agency_counts(access, working_calendar(), today)
    totals = worklists.totals(rows)
    base = reverse("staff:application_list")
    for row in rows:  # the filtered list each count links to, built here rather than per cell
        row["list"] = f"{base}?agency={row['agency'].pk}"
    return render(
        request,
        "applications/staff/overview.html",
        {
            "rows": rows,
            "totals": totals,
            "today": today,
            "soon": settings.DUE_SOON_WORKING_DAYS,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_transition(request, pk: int, action: str):
    access = access_for(request)
    app = get_object_or_404(_visible(access), pk=pk)
    form_class = ACTION_FORMS.get(action)
    if form_class is None:
        raise Http404("unknown action")
    if not access.has_role(app.agency_id, services.RULES[action].roles):
        raise PermissionDenied("无权进行此操作。")
    form = form_class(request.POST if request.method == "POST" else None, application=app)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            form.perform(request.user)
        except services.WrongRole as e:
            raise PermissionDenied(str(e)) from e
        except services.TransitionError as e:
            error = str(e)
        else:
            messages.success(request, done_message(action, services.RULES[action].label))
            url = reverse("staff:application_detail", args=[app.pk])
            if request.headers.get("HX-Request"):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = url
                return response
            return redirect(url)
    htmx = bool(request.headers.get("HX-Request"))
    # htmx does not swap 4xx responses by default, so the form with its errors comes back as 200.
    status = 400 if request.method == "POST" and not htmx else 200
    template = (
        "applications/staff/transition_form.html"
        if htmx
        else "applications/staff/transition_page.html"
    )
    return render(
        request,
        template,
        {
            "app": app,
            "form": form,
            "action": action,
            "label": services.RULES[action].label,
            "error": error,
            "confirm": CONFIRMATIONS.get(action),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_create(request):
    form = RegistrationForm(
        request.POST if request.method == "POST" else None, access=access_for(request)
    )
    if not form.fields["agency"].queryset.exists():
        raise PermissionDenied("无权登记申请。")
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            app = services.register(
                actor=request.user,
                agency=form.cleaned_data["agency"],
                data=registration_data(form.cleaned_data),
            )
        except services.TransitionError as e:
            error = str(e)
        else:
            return redirect("staff:application_detail", pk=app.pk)
    return render(
        request,
        "applications/staff/create.html",
        {"form": form, "error": error},
        status=400 if request.method == "POST" else 200,
    )
