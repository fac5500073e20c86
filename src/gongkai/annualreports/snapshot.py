"""The records behind a published version, frozen with it (shown by the version's drill-down).

A row is what the list of a cell prints, as plain values; the live lists use the same row
functions, so a frozen list and a live one show the same columns.
"""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.applications.models import Application, ReviewCase

from .models import PublishedRecord, PublishedReport

BATCH = 2000


def _iso(day) -> str:
    return day.isoformat() if day else ""


def t3_row(app: Application) -> dict:
    return {
        "pk": app.pk,
        "number": app.number,
        "agency": app.agency.name,
        "applicant_type": app.get_applicant_type_display(),
        "received_on": _iso(app.received_on),
        "replied_on": _iso(app.replied_on),
        "outcome": app.get_outcome_display() if app.outcome else "",
        "state": app.get_state_display(),
    }


def t4_row(case: ReviewCase) -> dict:
    return {
        "pk": case.pk,
        "application_id": case.application_id,
        "number": case.application.number,
        "agency": case.application.agency.name,
        "kind": case.get_kind_display(),
        "filed_on": _iso(case.filed_on),
        "result": case.get_result_display(),
        "concluded_on": _iso(case.concluded_on),
    }


def _ids(cells: dict) -> set[int]:
    return {pk for by_col in cells.values() for ids in by_col.values() for pk in ids}


def _sort_key(day: str, pk: int) -> str:
    return f"{day or '9999-12-31'}:{pk:020d}"


def store(published: PublishedReport) -> int:
    """Freeze every record the version counts; returns how many."""
    made = 0
    t3_ids = sorted(_ids(published.cell_records.get("t3", {})))
    t4_ids = sorted(_ids(published.cell_records.get("t4", {})))
    for table, ids, query, row, day in (
        ("t3", t3_ids, Application.objects.select_related("agency"), t3_row, "received_on"),
        (
            "t4",
            t4_ids,
            ReviewCase.objects.select_related("application__agency"),
            t4_row,
            "filed_on",
        ),
    ):
        for start in range(0, len(ids), BATCH):
            records = []
            for obj in query.filter(pk__in=ids[start : start + BATCH]):
                data = row(obj)
                records.append(
                    PublishedRecord(
                        published=published,
                        table=table,
                        record_id=obj.pk,
                        sort_key=_sort_key(data[day], obj.pk),
                        data=data,
                    )
                )
            PublishedRecord.objects.bulk_create(records)
            made += len(records)
    return made


def frozen_rows(published: PublishedReport, table: str, ids: list[int]) -> QuerySet | None:
    """The frozen rows of a cell, in list order; None for a version published before records
    were frozen with it."""
    if not published.records.exists():
        return None
    return (
        published.records.filter(table=table, record_id__in=ids)
        .order_by("sort_key")
        .values_list("data", flat=True)
    )
