"""统计图表: per unit, or for an agency and everything below it (the district).

Each table is drawn as a chart (ECharts, vendored under static/vendor/echarts) and printed as a
table; every figure links to the records it counts, and every table downloads as XLSX. Access:
the agency must be readable (gongkai.agencies.access), and for the tree every agency below it.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.agencies.access import access_for
from gongkai.agencies.models import Agency
from gongkai.applications.export import xlsx_response
from gongkai.applications.paging import CappedPaginator
from gongkai.holidays.table import working_calendar
from gongkai.web.params import choice_param, int_param, page_param, text_param

from . import charts, queries, records


def _scope(request, agency_id: int) -> tuple[Agency, queries.Scope]:
    access = access_for(request)
    agency = get_object_or_404(Agency, pk=agency_id)
    if not access.can_read(agency.pk):
        raise Http404
    tree = choice_param(request, "scope", ("self", "tree"), default="tree") == "tree"
    ids = frozenset(agency.descendant_ids()) if tree else frozenset({agency.pk})
    if tree and (len(ids) == 1 or not access.can_read_all(ids)):
        tree, ids = False, frozenset({agency.pk})
    year = int_param(request, "year", low=2008, high=2100, default=timezone.localdate().year - 1)
    return agency, queries.Scope(agency.pk, ids, tree, year)


BUILDERS = {
    "years": queries.years_table,
    "months": lambda scope: queries.months_table(scope, working_calendar()),
    "reviews": queries.reviews_table,
    "errors": queries.errors_table,
    "scores": queries.scores_table,
}


def _tables(scope: queries.Scope) -> dict[str, queries.Table]:
    return {key: build(scope) for key, build in BUILDERS.items()}


@login_required
def index(request):
    """The highest agency the user reads (the district for its supervisor, a unit for its staff)."""
    access = access_for(request)
    top = (
        Agency.objects.filter(pk__in=access.reads)
        .exclude(parent_id__in=access.reads)
        .order_by("code")
        .first()
    )
    if top is None:
        return render(request, "dashboards/none.html")
    return redirect("dashboards:agency", agency_id=top.pk)


@login_required
def agency(request, agency_id: int):
    agency, scope = _scope(request, agency_id)
    tables = _tables(scope)
    base = reverse("dashboards:agency", kwargs={"agency_id": agency.pk})
    children = (
        Agency.objects.filter(parent=agency).order_by("code")
        if scope.tree
        else Agency.objects.none()
    )
    return render(
        request,
        "dashboards/agency.html",
        {
            "agency": agency,
            "scope": scope,
            "tables": list(tables.values()),
            "charts": charts.options(tables),
            "base": base,
            "years": range(scope.year - 4, scope.year + 2),
            "children": children,
            "has_children": Agency.objects.filter(parent=agency).exists(),
        },
    )


@login_required
def export(request, agency_id: int, table: str):
    if table not in BUILDERS:
        raise Http404
    agency, scope = _scope(request, agency_id)
    t = BUILDERS[table](scope)
    rows = t.plain() or [[t.missing]]
    return xlsx_response(
        rows, f"{agency.code}-{table}-{scope.year}", header=t.header, title=t.title[:31]
    )


@login_required
def record_list(request, agency_id: int):
    agency, scope = _scope(request, agency_id)
    table = choice_param(request, "table", records.LISTS)
    if not table:
        raise Http404
    params = {
        k: text_param(request, k, 40)
        for k in ("y", "group", "month", "what", "kind", "result", "rule", "level")
    }
    listing = records.LISTS[table](scope, params)
    page = CappedPaginator(listing.rows, 100).get_page(page_param(request))
    keep = request.GET.copy()
    keep.pop("page", None)
    return render(
        request,
        "dashboards/records.html",
        {
            "agency": agency,
            "scope": scope,
            "listing": listing,
            "page": page,
            "rows": [listing.row(o) for o in page],
            "query": keep.urlencode(),
        },
    )
