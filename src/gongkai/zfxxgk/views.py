"""The public 政府信息公开专栏: anonymous pages, read-only.

Everything from the catalogue comes through `Item.objects.public()` (approved by the 保密审查,
主动公开, published): gongkai.zfxxgk.search for lists and searches, `_public_item` for one item.
Staff of the agency (gongkai.agencies.access) additionally see the 指南's gaps.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from gongkai.agencies.access import access_for
from gongkai.agencies.models import Agency
from gongkai.annualreports.models import PublishedReport
from gongkai.annualreports.views import _download
from gongkai.applications.paging import CappedPaginator
from gongkai.catalogue.choices import Art20Item, Validity
from gongkai.catalogue.models import Attachment, Genre, Item, Topic
from gongkai.report.model import Report
from gongkai.web.params import choice_param, int_param, page_param, text_param
from gongkai.web.uploads import serve

from . import content
from .models import LegacyReport, SystemPage
from .search import LIST_CAP, MAX_QUERY, RESULT_LIMIT, Filters, newest, search, terms

PAGE_SIZE = 20


class PublicPaginator(CappedPaginator):
    """Counts up to 1,000: an agency's items are spread over the whole table, so counting 10,000
    reads 10,000 table pages (docs/performance-catalogue.md, "Public 专栏")."""

    cap = LIST_CAP


REPORT_FORMATS = ("pdf", "docx", "html")
LIST_RELATED = ("agency", "topic", "genre")


def _agency(code: str) -> Agency:
    return get_object_or_404(Agency, code=code)


def _filters(request, agency: Agency | None) -> Filters:
    return Filters(
        agency_id=agency.pk if agency else int_param(request, "agency"),
        year=int_param(request, "year", low=1949, high=2100),
        topic=choice_param(request, "topic", Topic.objects.values_list("code", flat=True)),
        genre=choice_param(request, "genre", Genre.objects.values_list("code", flat=True)),
        validity=choice_param(request, "validity", Validity.values),
        art20=choice_param(request, "art20", Art20Item.values),
    )


def _results(request, agency: Agency | None) -> dict:
    """The search form's values and one page of results: shared by the search and the 目录."""
    q = text_param(request, "q", max_length=MAX_QUERY)
    filters = _filters(request, agency)
    qs = search(q, filters).select_related(*LIST_RELATED)
    paginator = PublicPaginator(qs, PAGE_SIZE)
    page = paginator.get_page(page_param(request))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "q": q,
        "terms": terms(q),
        "result_limit": RESULT_LIMIT,
        "filters": filters,
        "page": page,
        "paginator": paginator,
        "query": query.urlencode(),
        "topics": Topic.objects.all(),
        "genres": Genre.objects.all(),
        "validities": Validity.choices,
        "art20_items": Art20Item.choices,
        "agencies": None if agency else Agency.objects.order_by("code"),
        # Since the Regulation took effect (2008), newest first.
        "years": range(timezone.localdate().year, 2007, -1),
    }


def _tree(agencies) -> list[tuple[Agency, list]]:
    """The agencies as a tree: (agency, children) from the roots down."""
    children: dict[int | None, list[Agency]] = {}
    for a in agencies:
        children.setdefault(a.parent_id, []).append(a)
    ids = {a.pk for a in agencies}

    def branch(parent_id):
        return [(a, branch(a.pk)) for a in children.get(parent_id, [])]

    roots = [a for a in agencies if a.parent_id is None or a.parent_id not in ids]
    return [(a, branch(a.pk)) for a in roots]


def index(request):
    agencies = list(Agency.objects.order_by("code"))
    latest = (
        Item.objects.public()
        .select_related("agency")
        .defer("body")
        .order_by("-published_on", "-id")[:10]
    )
    return render(request, "zfxxgk/index.html", {"tree": _tree(agencies), "latest": latest})


def search_page(request):
    return render(request, "zfxxgk/search.html", _results(request, None))


def agency_home(request, code: str):
    agency = _agency(code)
    latest = newest(Filters(agency_id=agency.pk))[:10]  # 联合发文 of other lead agencies too
    return render(
        request,
        "zfxxgk/agency.html",
        {"agency": agency, "latest": latest, "children": agency.children.order_by("code")},
    )


def guide(request, code: str):
    agency = _agency(code)
    elements = content.guide(agency)
    access = access_for(request)
    # The gaps are for the agency's own staff and those supervising it (《条例》第十二条).
    staff = access.can_read(agency.pk) or access.can_administer(agency.pk)
    return render(
        request,
        "zfxxgk/guide.html",
        {
            "agency": agency,
            "section": "zfxxgkzn",
            "elements": elements,
            "gaps": [e for e in elements if e.missing] if staff else None,
        },
    )


def rules(request, code: str):
    agency = _agency(code)
    pages = SystemPage.objects.filter(agency=agency, published=True)
    return render(
        request, "zfxxgk/rules.html", {"agency": agency, "section": "zfxxgkzd", "pages": pages}
    )


def rule(request, code: str, pk: int):
    agency = _agency(code)
    page = get_object_or_404(SystemPage, agency=agency, published=True, pk=pk)
    return render(
        request, "zfxxgk/rule.html", {"agency": agency, "section": "zfxxgkzd", "rule": page}
    )


def statutory(request, code: str):
    agency = _agency(code)
    return render(
        request,
        "zfxxgk/statutory.html",
        {"agency": agency, "section": "fdzdgknr", **content.statutory(agency)},
    )


def reports(request, code: str):
    agency = _agency(code)
    published = (
        PublishedReport.objects.filter(agency=agency)
        .defer("report_json", "cell_records")
        .order_by("-year", "scope", "-version")
    )
    # The latest version of each year and scope is the report; earlier ones are kept as corrected.
    seen, current, earlier = set(), [], []
    for p in published:
        (earlier if (p.year, p.scope) in seen else current).append(p)
        seen.add((p.year, p.scope))
    legacy = LegacyReport.objects.filter(agency=agency).exclude(year__in={y for y, _ in seen})
    return render(
        request,
        "zfxxgk/reports.html",
        {
            "agency": agency,
            "section": "zfxxgknb",
            "current": current,
            "earlier": earlier,
            "legacy": legacy,
            "formats": REPORT_FORMATS,
        },
    )


def report_file(request, code: str, year: int, scope: str, version: int, fmt: str):
    agency = _agency(code)
    if fmt not in REPORT_FORMATS:
        raise Http404
    published = get_object_or_404(
        PublishedReport, agency=agency, year=year, scope=scope, version=version
    )
    return _download(
        Report.from_dict(published.report_json),
        fmt,
        f"{agency.name}{year}年政府信息公开工作年度报告（第{version}版）",
    )


def legacy_report_file(request, code: str, year: int):
    report = get_object_or_404(LegacyReport, agency=_agency(code), year=year)
    name = report.file.name.rsplit("/", 1)[-1]
    content_type = (
        "application/pdf" if name.lower().endswith(".pdf") else "application/octet-stream"
    )
    return serve(report.file, filename=name, content_type=content_type)


def catalogue(request, code: str):
    agency = _agency(code)
    context = _results(request, agency)
    context.update(agency=agency, section="zfxxgkml")
    return render(request, "zfxxgk/catalogue.html", context)


def _public_item(agency: Agency, pk: int) -> Item:
    return get_object_or_404(
        Item.objects.public().select_related("agency", "topic", "genre"), agency=agency, pk=pk
    )


def _linked(**link):
    """The public items linking to an item. The ids first, through the link's own index: most
    items link to nothing, and SQLite's statistics then make that index look useless, so it walks
    every public item of every agency instead (seconds over a million items)."""
    ids = list(Item.objects.filter(**link).values_list("pk", flat=True))
    return Item.objects.public().filter(pk__in=ids).select_related("agency")


def item(request, code: str, pk: int):
    agency = _agency(code)
    found = _public_item(agency, pk)
    public = Item.objects.public()
    return render(
        request,
        "zfxxgk/item.html",
        {
            "agency": agency,
            "section": "zfxxgkml",
            "item": found,
            "attachments": found.attachments.all(),
            # Links are shown only to what is itself public.
            "interpretations": _linked(interprets=found),
            "interprets": public.filter(pk=found.interprets_id).select_related("agency").first(),
            "amends": public.filter(pk=found.amends_id).select_related("agency").first(),
            "amended_by": _linked(amends=found),
            "result": public.filter(pk=found.consultation_result_id)
            .select_related("agency")
            .first(),
            "consultations": _linked(consultation_result=found),
            "co_publishers": found.co_publishers.all(),
        },
    )


def attachment(request, code: str, item_pk: int, pk: int):
    found = _public_item(_agency(code), item_pk)
    file = get_object_or_404(Attachment, item=found, pk=pk)
    return serve(file.file, filename=file.original_name, content_type=file.content_type)
