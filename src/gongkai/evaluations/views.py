"""考评: schemes, scores and rankings, hand-entered scores, and the records behind each score.

The office (supervisor role at the scheme's office) edits the tree and enters scores; a unit
reads its own scores only (its row of the ranking, its indicators); units of another office's
tree do not see the scheme at all (404).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.agencies.access import access_for, supervising_offices
from gongkai.agencies.models import Agency, Role
from gongkai.applications.export import xlsx_response
from gongkai.applications.paging import CappedPaginator
from gongkai.web.params import page_param
from gongkai.web.uploads import limit_uploads, refusals, serve, setting

from . import records, scoring, services
from .forms import IndicatorForm, ManualScoreForm, SchemeForm, WithdrawForm
from .measures import MEASURES
from .models import MANUAL, Indicator, ManualScore, Scheme


def _ancestors(ids) -> set[int]:
    found: set[int] = set()
    for agency in Agency.objects.filter(pk__in=ids).select_related("parent"):
        node = agency.parent
        while node is not None and node.pk not in found:
            found.add(node.pk)
            node = node.parent
    return found


def _is_office(access, scheme: Scheme) -> bool:
    return access.has_role(scheme.office_id, {Role.SUPERVISOR})


def _scheme(request, pk: int) -> tuple[Scheme, bool, list[Agency]]:
    """The scheme, whether the user is its office, and the units whose scores they may read."""
    access = access_for(request)
    scheme = get_object_or_404(Scheme.objects.select_related("office"), pk=pk)
    units = scoring.units_of(scheme)
    office = _is_office(access, scheme)
    if not office:
        units = [u for u in units if access.can_read(u.pk)]
        if not units:
            raise Http404
    return scheme, office, units


@login_required
@require_http_methods(["GET", "POST"])
def index(request):
    access = access_for(request)
    offices = supervising_offices(access)
    form = SchemeForm(request.POST or None, initial={"year": timezone.localdate().year - 1})
    if request.method == "POST":
        if len(offices) != 1:
            raise PermissionDenied("只有考评机关（监督角色）可以新建考评细则。")
        if form.is_valid():
            office = Agency.objects.get(pk=next(iter(offices)))
            try:
                scheme = services.create_scheme(
                    office=office, year=form.cleaned_data["year"], actor=request.user
                )
            except services.EvaluationError as e:
                form.add_error("year", str(e))
            else:
                messages.success(request, f"已建立{scheme}。")
                return redirect("evaluations:scheme", pk=scheme.pk)
    schemes = Scheme.objects.filter(
        Q(office_id__in=offices) | Q(office_id__in=_ancestors(access.roles))
    ).select_related("office")
    return render(
        request,
        "evaluations/index.html",
        {"schemes": schemes, "form": form, "can_create": len(offices) == 1},
        status=400 if request.method == "POST" else 200,
    )


def _published(scheme: Scheme, office: bool, units: list[Agency]):
    """The release in force and its scores (every unit for the office, else those readable)."""
    release = scheme.in_force()
    if release is None:
        return None, []
    return release, scoring.published(release, None if office else units)


@login_required
def scheme_detail(request, pk: int):
    scheme, office, units = _scheme(request, pk)
    roots, scores = scoring.score_units(scheme, units)
    nodes = [n for r in roots for n in r.walk()]
    release, published = _published(scheme, office, units)
    if release is not None:
        # The live view shows how far today's records are from what was published.
        was = {s.unit.pk: s.total for s in published}
        for s in scores:
            s.published_total = was.get(s.unit.pk)
    return render(
        request,
        "evaluations/scheme.html",
        {
            "scheme": scheme,
            "office": office,
            "nodes": nodes,
            "tops": roots,
            "scores": scores,
            "problems": scoring.points_problems(roots),
            "total_points": sum(r.indicator.points for r in roots),
            "release": release,
            "published": published,
            "published_tops": [i for i in scoring.published_indicators(release) if i.depth == 0]
            if release
            else [],
            "releases": scheme.releases.select_related("actor").order_by("-pk"),
            "withdraw_form": WithdrawForm() if office and release else None,
        },
    )


@login_required
def scheme_xlsx(request, pk: int):
    """The ranking as published when the year's scores are published (?live=1: as computed now)."""
    scheme, office, units = _scheme(request, pk)
    release, published = _published(scheme, office, units)
    if release is not None and request.GET.get("live") != "1":
        scores, tops = (
            published,
            [i.name for i in scoring.published_indicators(release) if i.depth == 0],
        )
        name, title = f"考评排名-{scheme.year}-已发布", "考评排名（已发布）"
    else:
        roots, scores = scoring.score_units(scheme, units)
        tops = [r.indicator.name for r in roots]
        name, title = f"考评排名-{scheme.year}", "考评排名"
    header = ["名次", "单位", "总分", "无得分指标数"] + tops
    table = (
        [s.rank or "", s.unit.name, s.total, s.missing]
        + [c.score if c.score is not None else "无数据" for c in s.top_cells]
        for s in scores
    )
    return xlsx_response(table, name, header=header, title=title)


@login_required
@require_POST
def publish(request, pk: int):
    scheme = get_object_or_404(Scheme, pk=pk)
    _office_scheme(request, scheme)
    try:
        services.publish_scores(scheme, actor=request.user)
    except services.EvaluationError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, f"已发布{scheme.year}年度考评结果（定稿）。")
    return redirect("evaluations:scheme", pk=scheme.pk)


@login_required
@require_POST
def withdraw(request, pk: int):
    scheme = get_object_or_404(Scheme, pk=pk)
    _office_scheme(request, scheme)
    form = WithdrawForm(request.POST)
    try:
        if not form.is_valid():
            raise services.EvaluationError("撤回发布时请写明理由。")
        services.withdraw_scores(scheme, actor=request.user, reason=form.cleaned_data["reason"])
    except services.EvaluationError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, f"已撤回{scheme.year}年度考评结果的发布。")
    return redirect("evaluations:scheme", pk=scheme.pk)


@login_required
def unit_scores(request, pk: int, unit: int):
    scheme, office, units = _scheme(request, pk)
    chosen = next((u for u in units if u.pk == unit), None)
    if chosen is None:
        raise Http404
    roots, scores = scoring.score_units(scheme, [chosen])
    nodes = [n for r in roots for n in r.walk()]
    release, published = _published(scheme, False, [chosen])
    was = published[0] if published else None
    rows = [
        (n, scores[0].cells[n.indicator.pk], was.cells.get(n.indicator.pk) if was else None)
        for n in nodes
    ]
    return render(
        request,
        "evaluations/unit.html",
        {
            "scheme": scheme,
            "office": office,
            "unit": chosen,
            "rows": rows,
            "s": scores[0],
            "MANUAL": MANUAL,
            "release": release,
            "was": was,
        },
    )


def _office_scheme(request, scheme: Scheme) -> None:
    if not _is_office(access_for(request), scheme):
        _scheme(request, scheme.pk)  # 404 for those who cannot see it at all
        raise PermissionDenied("只有考评机关可以修改考评细则和评分。")


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request, pk: int | None = None, scheme_pk: int | None = None):
    indicator = get_object_or_404(Indicator.objects.select_related("scheme"), pk=pk) if pk else None
    scheme = indicator.scheme if indicator else get_object_or_404(Scheme, pk=scheme_pk)
    _office_scheme(request, scheme)
    form = IndicatorForm(request.POST or None, instance=indicator, scheme=scheme)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.save_indicator(form.instance, actor=request.user)
        except services.EvaluationError as e:
            error = str(e)
        else:
            messages.success(request, f"已保存指标“{form.instance.name}”。")
            return redirect("evaluations:scheme", pk=scheme.pk)
    return render(
        request,
        "evaluations/indicator.html",
        {"scheme": scheme, "form": form, "indicator": indicator, "error": error},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def indicator_delete(request, pk: int):
    indicator = get_object_or_404(Indicator.objects.select_related("scheme"), pk=pk)
    _office_scheme(request, indicator.scheme)
    try:
        services.delete_indicator(indicator, actor=request.user)
    except services.EvaluationError as e:
        messages.error(request, str(e))
    else:
        messages.success(request, f"已删除指标“{indicator.name}”及其下级指标。")
    return redirect("evaluations:scheme", pk=indicator.scheme_id)


@limit_uploads(setting("CASEFILE_UPLOAD_MAX_BYTES"))
@login_required
@require_http_methods(["GET", "POST"])
def score_entry(request, pk: int, unit: int):
    indicator = get_object_or_404(Indicator.objects.select_related("scheme__office"), pk=pk)
    scheme, _, units = _scheme(request, indicator.scheme_id)
    chosen = next((u for u in units if u.pk == unit), None)
    if chosen is None:
        raise Http404
    _office_scheme(request, scheme)
    existing = ManualScore.objects.filter(indicator=indicator, unit=chosen).first()
    initial = (
        {"score": existing.score, "reason": existing.reason, "link": existing.evidence_link}
        if existing
        else {}
    )
    form = ManualScoreForm(
        request.POST or None, request.FILES or None, initial=initial, refused=refusals(request)
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.enter_score(
                indicator,
                unit=chosen,
                actor=request.user,
                score=d["score"],
                reason=d["reason"],
                checked=d["evidence"],
                link=d["link"],
            )
        except services.EvaluationError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, f"已录入{chosen.name}“{indicator.name}”得分。")
            return redirect("evaluations:unit", pk=scheme.pk, unit=chosen.pk)
    return render(
        request,
        "evaluations/score_entry.html",
        {
            "indicator": indicator,
            "unit": chosen,
            "form": form,
            "existing": existing,
            "scheme": scheme,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def evidence(request, pk: int):
    record = get_object_or_404(ManualScore.objects.select_related("indicator"), pk=pk)
    _, office, units = _scheme(request, record.indicator.scheme_id)
    if record.unit_id not in {u.pk for u in units} or not record.evidence_file:
        raise Http404
    return serve(
        record.evidence_file, filename=record.evidence_name, content_type=record.evidence_type
    )


@login_required
def measure_records(request, key: str, unit: int, year: int):
    """The records an automatic score counted, each linking to the record itself."""
    if key not in records.LISTINGS:
        raise Http404
    access = access_for(request)
    agency = get_object_or_404(Agency, pk=unit)
    if not access.can_read(agency.pk):
        raise Http404
    listing = records.LISTINGS[key](agency.pk, year)
    page = CappedPaginator(listing.rows, 100).get_page(page_param(request))
    rows = [listing.row(obj) for obj in page]
    return render(
        request,
        "evaluations/records.html",
        {
            "measure": MEASURES[key],
            "agency": agency,
            "year": year,
            "listing": listing,
            "rows": rows,
            "page": page,
        },
    )
