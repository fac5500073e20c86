"""Staff views of the catalogue (separate from the public 专栏). Thin: they scope, render and call
the services. Every lookup is scoped by gongkai.agencies.access: another agency's item is a 404
(its existence is not revealed); visible but not permitted (a supervisor) is a 403."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gongkai.agencies.access import access_for
from gongkai.agencies.models import Agency
from gongkai.applications import export
from gongkai.applications.paging import CappedPaginator
from gongkai.web import uploads
from gongkai.web.params import choice_param, int_param, page_param, text_param
from gongkai.zfxxgk.search import matching

from . import ontime, services, tasks
from .choices import Attribute, Review, Validity
from .forms import (
    ApproveForm,
    AttachmentForm,
    AttributeForm,
    ImportForm,
    ItemForm,
    ReturnForm,
    ValidityForm,
)
from .imports import COLUMNS
from .models import Attachment, Genre, ImportJob, Item, Topic

PAGE_SIZE = 50
DUE_FILTERS = {
    "late": "已逾期（第二十六条）",
    "soon": "即将到期",
    "interpretation_late": "解读晚于文件发布",
}
IMPORT_MAX_BYTES = uploads.setting("STAFF_REQUEST_MAX_BYTES")

# Each action on an item: its form and the service call (labels and permissions: services.RULES).
ACTIONS = {
    "approve": (
        ApproveForm,
        lambda u, i, d: services.approve(u, i, published_on=d["published_on"], note=d["note"]),
    ),
    "return_item": (ReturnForm, lambda u, i, d: services.return_item(u, i, note=d["note"])),
    "change_attribute": (
        AttributeForm,
        lambda u, i, d: services.change_attribute(
            u, i, d["attribute"], reason=d["reason"], article=d["article"]
        ),
    ),
    "change_validity": (
        ValidityForm,
        lambda u, i, d: services.change_validity(u, i, d["validity"], d["on"]),
    ),
    "add_attachment": (
        AttachmentForm,
        lambda u, i, d: services.add_attachment(u, i, d["attachment"]),
    ),
}


def _visible(access):
    return Item.objects.for_access(access).select_related("agency")


def _scoped(access, agency: int | None):
    """The list's base: one agency, or every agency the user reads. With ``agency_id IN (many)``
    both databases take the per-agency index and sort every visible row (a million for a
    district supervisor); comparing ``agency_id + 0`` leaves them the newest-first index to walk,
    as the applications' list does (staff_views._list_base)."""
    if agency is not None:
        qs = Item.objects.filter(agency_id=agency).select_related("agency")
        return qs if agency in access.reads else qs.none()
    if len(access.reads) <= 1:
        return _visible(access)
    return (
        Item.objects.alias(agency_plain=F("agency_id") + 0)
        .filter(agency_plain__in=access.reads)
        .select_related("agency")
    )


def _filtered(request, access):
    """The list's items after the filters (each a query parameter; a bad value is a 400)."""
    today = timezone.localdate()
    qs = _scoped(access, int_param(request, "agency"))
    due = choice_param(request, "due", DUE_FILTERS)
    if due == "late":
        qs = qs.late(today)
    elif due == "soon":
        qs = qs.soon_due(today, ontime.soon_until(today))
    elif due == "interpretation_late":
        qs = ontime.late_interpretations(qs, today)
    for name, choices in (("attribute", Attribute), ("validity", Validity), ("review", Review)):
        value = choice_param(request, name, choices.values)
        if value:
            qs = qs.filter(**{name: value})
    for name in ("topic", "genre"):
        value = int_param(request, name)
        if value is not None:
            qs = qs.filter(**{f"{name}_id": value})
    year = int_param(request, "year", low=1949, high=2100)
    if year is not None:
        qs = qs.filter(formed_on__gte=dt.date(year, 1, 1), formed_on__lte=dt.date(year, 12, 31))
    q = text_param(request, "q")
    if q:
        # The 专栏's search index (title, 文号, body) for rare terms, not a LIKE over every
        # visible item.
        qs = matching(qs, q) | qs.filter(index_no=q)
    return qs.order_by("-formed_on", "-id")


def _row(item: Item, today: dt.date) -> dict:
    late = item.due_on is not None and (
        (item.published_on is None and item.due_on < today)
        or (item.published_on is not None and item.published_on > item.due_on)
    )
    return {
        "pk": item.pk,
        "index_no": item.index_no,
        "title": item.title,
        "doc_number": item.doc_number,
        "agency": item.agency.name,
        "formed_on": item.formed_on,
        "published_on": item.published_on,
        "due_on": item.due_on,
        "late": late,
        "attribute": item.get_attribute_display(),
        "review": item.get_review_display(),
        "validity": item.get_validity_display(),
    }


@login_required
def item_list(request):
    access = access_for(request)
    qs = _filtered(request, access)
    today = timezone.localdate()
    page = CappedPaginator(qs, PAGE_SIZE).get_page(page_param(request))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "catalogue/list.html",
        {
            "rows": [_row(i, today) for i in page],
            "page": page,
            "filters": request.GET,
            "query": query.urlencode(),
            "agencies": Agency.objects.filter(pk__in=access.reads),
            "topics": Topic.objects.all(),
            "genres": Genre.objects.all(),
            "dues": DUE_FILTERS.items(),
            "attributes": Attribute.choices,
            "validities": Validity.choices,
            "reviews": Review.choices,
            "can_register": bool(access.agencies_with(services.EDITING_ROLES)),
        },
    )


EXPORT_HEADER = [*COLUMNS[:5], "发布机构", "应公开日期", "逾期", *COLUMNS[5:], "保密审查"]


@login_required
def item_export(request):
    """The filtered list as XLSX (the import's columns, so an export can be corrected and imported
    elsewhere; text stays text: gongkai.applications.export)."""
    access = access_for(request)
    today = timezone.localdate()
    qs = _filtered(request, access).select_related("topic", "genre")

    def rows():
        for item in qs.iterator(chunk_size=2000):
            row = _row(item, today)
            yield [
                item.index_no,
                item.title,
                item.doc_number,
                item.formed_on,
                item.published_on,
                item.agency.name,
                item.due_on,
                "是" if row["late"] else "",
                item.topic.name if item.topic else "",
                item.genre.name if item.genre else "",
                item.get_art20_item_display(),
                item.get_register_kind_display(),
                row["attribute"],
                item.attribute_reason,
                item.get_attribute_article_display(),
                row["validity"],
                item.validity_on,
                item.summary,
                row["review"],
            ]

    widths = [22, 40, 20, 12, 12, 24, 12, 6, 16, 10, 30, 14, 10, 24, 24, 8, 12, 30, 10]
    return export.xlsx_response(
        rows(), f"catalogue-{today:%Y%m%d}", header=EXPORT_HEADER, title="目录", widths=widths
    )


@login_required
def item_detail(request, pk: int):
    access = access_for(request)
    item = get_object_or_404(
        _visible(access).select_related("topic", "genre", "reviewed_by", "interprets", "amends"),
        pk=pk,
    )
    today = timezone.localdate()
    actions = [
        (n, services.RULES[n].label) for n in services.allowed_actions(item, access) if n in ACTIONS
    ]
    late = ontime.late_interpretations(item.interpretations.all(), today)
    late = set(late.values_list("pk", flat=True))
    return render(
        request,
        "catalogue/detail.html",
        {
            "item": item,
            "row": _row(item, today),
            "late_days": ontime.working_days_late(item, today),
            "actions": actions,
            "can_edit": "edit" in services.allowed_actions(item, access),
            "attachments": item.attachments.all(),
            # A 解读 is due with its document (ontime.late_interpretations): this item as one,
            # and this item's own.
            "late_interpretation": ontime.late_interpretations(
                Item.objects.filter(pk=item.pk), today
            ).exists(),
            "interpretations": [(i, i.pk in late) for i in item.interpretations.for_access(access)],
            "events": event_rows(item.events.select_related("actor")),
            "co_publishers": item.co_publishers.all(),
        },
    )


# Event values shown by their labels: field names as verbose names, choice keys as labels.
_FIELD_LABELS = {
    f.name: str(f.verbose_name) for f in Item._meta.get_fields() if hasattr(f, "verbose_name")
}
_FIELD_LABELS.update({"co_publishers": "联合发布机构", "attachment": "附件", "note": "说明"})
_CHOICES = {f.name: dict(f.choices) for f in Item._meta.concrete_fields if f.choices}


def _shown(name: str, value) -> str:
    if value in (None, "", []):
        return "（空）"
    return str(_CHOICES.get(name, {}).get(value, value))


def event_rows(events) -> list[tuple]:
    """Each event with its changes as (label, before, after), for the log on the detail page."""
    rows = []
    for event in events:
        names = list(dict.fromkeys([*event.before, *event.after]))
        changes = [
            (
                _FIELD_LABELS.get(n, n),
                _shown(n, event.before.get(n)) if n in event.before else "",
                _shown(n, event.after.get(n)) if n in event.after else "",
            )
            for n in names
            if n != "sha256"
        ]
        rows.append((event, changes))
    return rows


def _editable_or_403(access, agency_id: int) -> None:
    if not access.has_role(agency_id, services.EDITING_ROLES):
        raise PermissionDenied("无权登记或修改本机关的目录条目。")


@login_required
@require_http_methods(["GET", "POST"])
@uploads.limit_uploads(max_bytes=uploads.setting("CASEFILE_UPLOAD_MAX_BYTES"))
def item_create(request):
    access = access_for(request)
    if not access.agencies_with(services.EDITING_ROLES):
        raise PermissionDenied("无权登记目录条目。")
    post = request.method == "POST"
    form = ItemForm(
        request.POST if post else None,
        request.FILES if post else None,
        access=access,
        creating=True,
        refused=uploads.refusals(request),
    )
    error = ""
    if post and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.register(
                request.user,
                data["agency"],
                co_publishers=data["co_publishers"],
                attribute=data["attribute"],
                attribute_reason=data["attribute_reason"],
                attribute_article=data["attribute_article"],
                **form.service_fields(),
            )
            if data.get("attachment"):
                services.add_attachment(request.user, item, data["attachment"])
        except services.CatalogueError as e:
            error = str(e)
        else:
            messages.success(request, f"已登记，索引号 {item.index_no}，待保密审查。")
            return redirect("catalogue:item_detail", pk=item.pk)
    return render(
        request,
        "catalogue/form.html",
        {"form": form, "error": error, "title": "登记目录条目"},
        status=400 if post else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk: int):
    access = access_for(request)
    item = get_object_or_404(_visible(access), pk=pk)
    _editable_or_403(access, item.agency_id)
    post = request.method == "POST"
    form = ItemForm(
        request.POST if post else None,
        instance=Item.objects.get(pk=item.pk),
        access=access,
        creating=False,
    )
    error = ""
    if post and form.is_valid():
        try:
            services.edit(request.user, item, **form.service_fields())
        except services.CatalogueError as e:
            error = str(e)
        else:
            messages.success(request, "已保存修改。")
            return redirect("catalogue:item_detail", pk=item.pk)
    return render(
        request,
        "catalogue/form.html",
        {"form": form, "error": error, "item": item, "title": f"修改 {item.index_no}"},
        status=400 if post else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@uploads.limit_uploads(max_bytes=uploads.setting("CASEFILE_UPLOAD_MAX_BYTES"))
def item_action(request, pk: int, action: str):
    access = access_for(request)
    item = get_object_or_404(_visible(access), pk=pk)
    if action not in ACTIONS:
        raise Http404("unknown action")
    rule = services.RULES[action]
    if not access.has_role(item.agency_id, rule.roles):
        raise PermissionDenied(f"无权{rule.label}。")
    form_class, perform = ACTIONS[action]
    post = request.method == "POST"
    kwargs = {"refused": uploads.refusals(request)} if form_class is AttachmentForm else {}
    form = form_class(request.POST if post else None, request.FILES if post else None, **kwargs)
    error = ""
    if post and form.is_valid():
        try:
            perform(request.user, item, form.cleaned_data)
        except services.CatalogueError as e:
            error = str(e)
        else:
            messages.success(request, f"{rule.label}：已完成。")
            return redirect("catalogue:item_detail", pk=item.pk)
    return render(
        request,
        "catalogue/action.html",
        {"form": form, "error": error, "item": item, "label": rule.label},
        status=400 if post else 200,
    )


@login_required
def attachment_download(request, pk: int):
    access = access_for(request)
    attachment = get_object_or_404(
        Attachment.objects.filter(item__agency_id__in=access.reads), pk=pk
    )
    return uploads.serve(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


# -- import ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@uploads.limit_uploads(max_bytes=IMPORT_MAX_BYTES)
def import_start(request):
    access = access_for(request)
    if not access.agencies_with(services.EDITING_ROLES):
        raise PermissionDenied("无权导入目录。")
    post = request.method == "POST"
    form = ImportForm(
        request.POST if post else None, request.FILES if post else None, access=access
    )
    if post and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob(
            agency=form.cleaned_data["agency"],
            original_name=uploads.display_name(upload.name or ""),
            created_by=request.user,
        )
        job.file.save(f"{job.agency.code}-{timezone.now():%Y%m%d%H%M%S}.xlsx", upload, save=False)
        job.save()
        tasks.run_import.enqueue(job.pk)
        return redirect("catalogue:import_status", pk=job.pk)
    refused = uploads.refusals(request)
    return render(
        request,
        "catalogue/import.html",
        {"form": form, "refused": refused, "columns": COLUMNS},
        status=400 if post else 200,
    )


@login_required
def import_status(request, pk: int):
    access = access_for(request)
    job = get_object_or_404(
        ImportJob.objects.filter(agency_id__in=access.reads).select_related("agency"), pk=pk
    )
    template = (
        "catalogue/_import_progress.html"
        if request.headers.get("HX-Request")
        else "catalogue/import_status.html"
    )
    # Every row checked, the one transaction storing them still open: its progress cannot be seen
    # from here (uncommitted), so the bar says "working" rather than a full 100%.
    writing = job.status == ImportJob.Status.RUNNING and job.total and job.done == job.total
    return render(
        request,
        template,
        {
            "job": job,
            "finished": job.status in (ImportJob.Status.DONE, ImportJob.Status.FAILED),
            "writing": writing,
        },
    )


# -- 依申请公开: is the requested information public already? ------------------------------------


@login_required
def lookup(request):
    """For the application detail page: published items by 文号 or title (第三十六条第（一）项)."""
    access = access_for(request)
    if not access.roles and not access.is_superuser:
        raise PermissionDenied
    q = text_param(request, "q")
    agency = int_param(request, "agency")
    # Each with its address on the public 专栏: the way to get it, for the reply to the applicant.
    found = [
        (i, request.build_absolute_uri(reverse("zfxxgk:item", args=[i.agency.code, i.pk])))
        for i in (services.find_public(q, agency_id=agency) if q else [])
    ]
    return render(
        request, "catalogue/_lookup.html", {"found": found, "q": q, "reads": access.reads}
    )
