"""表二、表三、表四 computed from the records by SQL aggregation.

Every count is one `COUNT(...) FILTER (WHERE …)` per column group, grouped by applicant category
and outcome (表三) or by case kind (表四), so the database returns a few dozen rows whatever the
number of applications and memory does not grow with them. The conditions behind each cell are
declared once here (`t3_row_conditions`, `t4_column_conditions`) and serve both the counts and
the lists of records behind a cell, so a number and its list cannot disagree.

Definitions (the statistics period is the calendar year, 《条例》第四十九条, statute.md §6):
- 本年新收: received (收到申请之日, 第三十一条) in the year;
- 上年结转: received before 1 January and not answered (答复日期) before 1 January;
- 办理结果: answered in the year, by the outcome row decided (one leaf row of 表三);
- 结转下年度: received by 31 December and not answered by 31 December.
So 新收 + 上年结转 = 办理结果 + 结转下年度 holds for every column by construction, and this year's
上年结转 is exactly last year's 结转下年度.
- 表四: cases filed by 31 December and not concluded before 1 January; a case concluded in the
  year counts under its result, one not concluded by 31 December under 尚未审结.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from gongkai.agencies.models import Agency
from gongkai.applications.choices import ApplicantType, ReviewResult
from gongkai.applications.models import Application, ReviewCase
from gongkai.report.model import Report
from gongkai.report.templates import Template, template_for_year

from .indexes import Unindexed
from .models import DocumentKind, Scope, YearlyFigures

T3_COLUMNS = tuple(ApplicantType.values)  # 自然人 … 其他 (the 表三 applicant columns, same keys)
TOTAL = "total"


@dataclass(frozen=True)
class Period:
    year: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 12, 31)


def agency_ids(agency: Agency, scope: str) -> list[int]:
    """The agencies a report covers: the agency alone or with everything below it."""
    return sorted(agency.descendant_ids()) if scope == Scope.TREE else [agency.pk]


# -- 表三 -------------------------------------------------------------------------------------


def outcome_rows(template: Template) -> dict[str, tuple[str, ...]]:
    """Printed outcome row -> the recorded outcomes it counts. Records hold 2021 leaf rows; the
    2019 试行 format prints one （六）其他处理 row for the three 2021 sub-rows."""
    rows: dict[str, tuple[str, ...]] = {}
    for key in template.t3_outcome_leaf_keys:
        if key == "other" and "other" not in rows:
            rows[key] = ("other.no_correction", "other.fee_not_paid", "other.other")
        else:
            rows[key] = (key,)
    return rows


def _answered(p: Period) -> Q:
    return Q(replied_on__gte=p.start, replied_on__lte=p.end)


def t3_row_conditions(template: Template, year: int) -> dict[str, Q]:
    """Row key of 表三 -> the condition an application meets to be counted in that row."""
    p = Period(year)
    conditions = {
        "new_received": Q(received_on__gte=p.start, received_on__lte=p.end),
        "carried_over_from_last_year": Q(received_on__lt=p.start)
        & (Q(replied_on__isnull=True) | Q(replied_on__gte=p.start)),
    }
    for row, outcomes in outcome_rows(template).items():
        conditions[row] = _answered(p) & Q(outcome__in=outcomes)
    conditions["results_total"] = _answered(p)
    conditions["carried_to_next_year"] = Q(received_on__lte=p.end) & (
        Q(replied_on__isnull=True) | Q(replied_on__gt=p.end)
    )
    return conditions


def t3_applications(
    agency: Agency, scope: str, year: int, row: str, column: str
) -> QuerySet[Application]:
    """Exactly the applications behind one cell of 表三."""
    template = template_for_year(year)
    conditions = t3_row_conditions(template, year)
    if row not in conditions or column not in (*T3_COLUMNS, TOTAL):
        raise KeyError(f"表三没有单元格 {row}/{column}")
    qs = Application.objects.filter(agency_id__in=agency_ids(agency, scope)).filter(conditions[row])
    if column != TOTAL:
        qs = qs.filter(applicant_type=column)
    return qs


def _t3_parts(ids: list[int], p: Period) -> list[QuerySet[Application]]:
    """The applications of `ids` in the year's 表三, as two disjoint parts that are each one range
    of the report index annual_app_t3 (answer date first): not answered, and answered from
    1 January on. Written as one OR, PostgreSQL scanned the whole table; split, both databases
    read the covering index only. For several agencies the agency term is compared as
    `agency_id + 0` (as in the staff list) and the receipt term hidden from SQLite's planner
    (indexes.Unindexed): otherwise the planners take the staff list's app_agency_newest or the
    agency index and read the table. One agency keeps those indexes, which suit it."""
    if len(ids) <= 1:
        base = Application.objects.filter(agency_id__in=ids, received_on__lte=p.end)
    else:
        base = Application.objects.alias(
            agency_plain=F("agency_id") + 0, received_plain=Unindexed("received_on")
        )
        base = base.filter(agency_plain__in=ids, received_plain__lte=p.end)
    return [base.filter(replied_on__isnull=True), base.filter(replied_on__gte=p.start)]


def t3_queries(ids: list[int], year: int, template: Template) -> list[QuerySet]:
    """GROUP BY applicant category and outcome with a conditional count per row kind, one query
    per part of _t3_parts (their groups add up)."""
    p = Period(year)
    conditions = t3_row_conditions(template, year)
    return [
        part.values("applicant_type", "outcome")
        # The receipt date is counted (never NULL here: received_on <= 31 December), not the id:
        # the id is not in PostgreSQL's index, and reading it takes every row from the table.
        .annotate(
            new=Count("received_on", filter=conditions["new_received"]),
            carried=Count("received_on", filter=conditions["carried_over_from_last_year"]),
            answered=Count("received_on", filter=_answered(p)),
            carried_next=Count("received_on", filter=conditions["carried_to_next_year"]),
        )
        .order_by()
        for part in _t3_parts(ids, p)
    ]


def compute_t3(ids: list[int], year: int, template: Template) -> dict[str, dict[str, int]]:
    groups = [g for query in t3_queries(ids, year, template) for g in query]
    rows = list(t3_row_conditions(template, year))
    t3 = {row: dict.fromkeys((*T3_COLUMNS, TOTAL), 0) for row in rows}
    row_of = {
        outcome: row for row, outcomes in outcome_rows(template).items() for outcome in outcomes
    }
    for g in groups:
        col = g["applicant_type"]
        counts = {
            "new_received": g["new"],
            "carried_over_from_last_year": g["carried"],
            "results_total": g["answered"],
            "carried_to_next_year": g["carried_next"],
        }
        if g["answered"]:
            counts[row_of[g["outcome"]]] = g["answered"]
        for row, n in counts.items():
            t3[row][col] += n
            t3[row][TOTAL] += n
    return t3


# -- 表四 -------------------------------------------------------------------------------------


def t4_base(year: int) -> Q:
    p = Period(year)
    return Q(filed_on__lte=p.end) & (Q(concluded_on__isnull=True) | Q(concluded_on__gte=p.start))


def t4_column_conditions(year: int) -> dict[str, Q]:
    p = Period(year)
    pending = Q(concluded_on__isnull=True) | Q(concluded_on__gt=p.end)
    concluded = Q(concluded_on__lte=p.end)
    conditions = {
        r: concluded & Q(result=r)
        for r in (ReviewResult.UPHELD, ReviewResult.CORRECTED, ReviewResult.OTHER)
    }
    conditions[ReviewResult.PENDING] = pending
    conditions[TOTAL] = Q()
    return {str(k): v for k, v in conditions.items()}


def t4_cases(
    agency: Agency, scope: str, year: int, group: str, column: str
) -> QuerySet[ReviewCase]:
    """Exactly the review and litigation cases behind one cell of 表四."""
    template = template_for_year(year)
    conditions = t4_column_conditions(year)
    if group not in template.t4_group_keys or column not in conditions:
        raise KeyError(f"表四没有单元格 {group}/{column}")
    return ReviewCase.objects.filter(
        application__agency_id__in=agency_ids(agency, scope), kind=group
    ).filter(t4_base(year) & conditions[column])


def compute_t4(ids: list[int], year: int, template: Template) -> dict[str, dict[str, int]]:
    conditions = t4_column_conditions(year)
    # Several agencies: `agency_id + 0`, so the database reads the few review cases and looks each
    # application up by its key; with the agency index usable SQLite may walk every application
    # of the tree instead (2 s at 1,000,000 when its statistics are missing, as after a migration
    # rebuilt the table). One agency keeps the agency index, which suits it.
    if len(ids) <= 1:
        cases = ReviewCase.objects.filter(application__agency_id__in=ids)
    else:
        cases = ReviewCase.objects.alias(agency_plain=F("application__agency_id") + 0).filter(
            agency_plain__in=ids
        )
    groups = (
        cases.filter(t4_base(year))
        .values("kind")
        .annotate(**{f"n_{col}": Count("pk", filter=q) for col, q in conditions.items()})
        .order_by()
    )
    t4 = {g: dict.fromkeys(template.t4_column_keys, 0) for g in template.t4_group_keys}
    for g in groups:
        for col in template.t4_column_keys:
            t4[g["kind"]][col] = g[f"n_{col}"]
    return t4


# -- 表二 -------------------------------------------------------------------------------------


def compute_t2(ids: list[int], year: int, template: Template) -> dict[str, dict[str, dict]]:
    # 第二十条第（一）项 from the catalogue's 规章 and 规范性文件 (one register): issued = 成文日期
    # in the year; repealed = 失效/废止 dated in the year; valid = formed by the year's end and
    # not repealed by then; 2019's "published" = 发布日期, or 成文日期 when none is recorded.
    from gongkai.catalogue.models import Item

    p = Period(year)
    in_year = {"gte": p.start, "lte": p.end}
    docs = (
        Item.objects.register()
        .filter(agency_id__in=ids)
        .annotate(published=Coalesce("published_on", "formed_on"), kind=F("register_kind"))
        .values("kind")
        .annotate(
            issued=Count(
                "pk", filter=Q(formed_on__gte=in_year["gte"], formed_on__lte=in_year["lte"])
            ),
            repealed=Count(
                "pk", filter=Q(validity_on__gte=in_year["gte"], validity_on__lte=in_year["lte"])
            ),
            valid=Count(
                "pk",
                filter=Q(formed_on__lte=p.end)
                & (Q(validity_on__isnull=True) | Q(validity_on__gt=p.end)),
            ),
            published_in_year=Count("pk", filter=Q(published__gte=p.start, published__lte=p.end)),
            published_total=Count("pk", filter=Q(published__lte=p.end)),
        )
        .order_by()
    )
    by_kind = {d["kind"]: d for d in docs}
    figures = YearlyFigures.objects.filter(agency_id__in=ids, year=year).aggregate(
        licensing=Sum("licensing_decisions"),
        penalty=Sum("penalty_decisions"),
        coercion=Sum("coercion_decisions"),
        fees=Sum("fee_amount"),
    )
    counts = {k: figures[k] or 0 for k in ("licensing", "penalty", "coercion")}
    fees = float(round(figures["fees"] or Decimal(0), 4))

    def doc(kind: str, field: str) -> int:
        return by_kind.get(kind, {}).get(field, 0)

    kinds = (DocumentKind.REGULATION, DocumentKind.NORMATIVE)
    if template.key == "2021":
        return {
            "art20_1": {
                k.value: {
                    "issued_this_year": doc(k, "issued"),
                    "repealed_this_year": doc(k, "repealed"),
                    "currently_valid": doc(k, "valid"),
                }
                for k in kinds
            },
            "art20_5": {"administrative_licensing": {"decisions_this_year": counts["licensing"]}},
            "art20_6": {
                "administrative_penalty": {"decisions_this_year": counts["penalty"]},
                "administrative_coercion": {"decisions_this_year": counts["coercion"]},
            },
            "art20_8": {"administrative_fees": {"fee_amount_this_year": fees}},
        }
    # 2019 试行格式: item counts (上一年项目数量, 本年增/减) are not kept here and print blank.
    items = {"items_last_year": None, "items_change": None}
    return {
        "art20_1": {
            k.value: {
                "newly_made": doc(k, "issued"),
                "newly_published": doc(k, "published_in_year"),
                "total_published": doc(k, "published_total"),
            }
            for k in kinds
        },
        "art20_5": {"administrative_licensing": {**items, "decisions": counts["licensing"]}},
        "art20_6": {
            "administrative_penalty": {**items, "decisions": counts["penalty"]},
            "administrative_coercion": {**items, "decisions": counts["coercion"]},
        },
        "art20_8": {"administrative_fees": dict(items)},
    }


# -- the whole report -------------------------------------------------------------------------


@dataclass
class Tables:
    t2: dict
    t3: dict
    t4: dict


def compute_tables(agency: Agency, scope: str, year: int) -> Tables:
    template = template_for_year(year)
    ids = agency_ids(agency, scope)
    return Tables(
        compute_t2(ids, year, template),
        compute_t3(ids, year, template),
        compute_t4(ids, year, template),
    )


def build_report(agency: Agency, scope: str, year: int) -> Report:
    """The report as the model holds it: tables from the records, text from the narrative."""
    from .narrative import (
        sections_for,  # narrative quotes the tables; imported here to avoid a cycle
    )

    template = template_for_year(year)
    tables = compute_tables(agency, scope, year)
    report = Report(
        agency=agency.name,
        year=year,
        template=template.key,
        title=f"{agency.name}{year}年政府信息公开工作年度报告",
        t2=tables.t2,
        t3=tables.t3,
        t4=tables.t4,
    )
    report.preamble, report.sections = sections_for(agency, scope, year, report)
    return report


def cell_records(agency: Agency, scope: str, year: int) -> dict:
    """The ids behind every cell of 表三 and 表四 (stored with a published version)."""
    template = template_for_year(year)
    t3: dict[str, dict[str, list[int]]] = {}
    for row in t3_row_conditions(template, year):
        by_col: dict[str, list[int]] = {col: [] for col in (*T3_COLUMNS, TOTAL)}
        for pk, kind in (
            t3_applications(agency, scope, year, row, TOTAL)
            .order_by("pk")
            .values_list("pk", "applicant_type")
        ):
            by_col[kind].append(pk)
            by_col[TOTAL].append(pk)
        t3[row] = by_col
    t4 = {
        g: {
            col: list(
                t4_cases(agency, scope, year, g, col).order_by("pk").values_list("pk", flat=True)
            )
            for col in template.t4_column_keys
        }
        for g in template.t4_group_keys
    }
    return {"t3": t3, "t4": t4}
