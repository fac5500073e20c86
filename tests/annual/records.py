"""Case histories as data, written straight to the database, and the oracle: counts done in Python."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gongkai.applications.choices import OUTCOME_KEYS, ApplicantType
from gongkai.applications.models import Application, ReviewCase


@dataclass(frozen=True)
class Case:
    agency: int  # index into the agency list
    applicant_type: str
    received_on: dt.date
    replied_on: dt.date | None
    outcome: str
    reviews: tuple = field(default=())  # (kind, filed_on, concluded_on | None, result)


def write(cases: list[Case], agencies: list) -> list[Application]:
    apps = []
    for i, c in enumerate(cases):
        apps.append(
            Application(
                agency=agencies[c.agency],
                number=f"T-{i:06d}",
                state="archived" if c.replied_on else "in_review",
                applicant_type=c.applicant_type,
                applicant_name="测试",
                description="测试申请",
                delivery_form="paper",
                channel="in_person",
                submitted_on=c.received_on,
                received_on=c.received_on,
                replied_on=c.replied_on,
                decided_on=c.replied_on,
                outcome=c.outcome if c.replied_on else "",
            )
        )
    apps = Application.objects.bulk_create(apps)
    ReviewCase.objects.bulk_create(
        ReviewCase(application=a, kind=kind, filed_on=filed, concluded_on=concluded, result=result)
        for a, c in zip(apps, cases, strict=True)
        for kind, filed, concluded, result in c.reviews
    )
    return apps


def oracle_t3(
    cases: list[Case], year: int, in_scope, ids: list[int] | None = None
) -> dict[str, dict]:
    """表三 counted case by case, the definitions written out plainly; with the cases' database ids,
    each cell holds the set of ids it counts instead of the count."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    cols = [*ApplicantType.values, "total"]
    rows = [
        "new_received",
        "carried_over_from_last_year",
        *sorted(OUTCOME_KEYS),
        "results_total",
        "carried_to_next_year",
    ]
    t3 = {r: {col: set() if ids is not None else 0 for col in cols} for r in rows}

    def add(row, c, i):
        for col in (c.applicant_type, "total"):
            if ids is not None:
                t3[row][col].add(ids[i])
            else:
                t3[row][col] += 1

    for i, c in enumerate(cases):
        if not in_scope(c.agency):
            continue
        if start <= c.received_on <= end:
            add("new_received", c, i)
        if c.received_on < start and (c.replied_on is None or c.replied_on >= start):
            add("carried_over_from_last_year", c, i)
        if c.replied_on is not None and start <= c.replied_on <= end:
            add(c.outcome, c, i)
            add("results_total", c, i)
        if c.received_on <= end and (c.replied_on is None or c.replied_on > end):
            add("carried_to_next_year", c, i)
    return t3


def oracle_t4(cases: list[Case], year: int, in_scope) -> dict[str, dict[str, int]]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    t4 = {
        g: dict.fromkeys(["upheld", "corrected", "other", "pending", "total"], 0)
        for g in ("review", "litigation_direct", "litigation_after_review")
    }
    for c in cases:
        if not in_scope(c.agency):
            continue
        for kind, filed, concluded, result in c.reviews:
            if filed > end or (concluded is not None and concluded < start):
                continue
            col = result if concluded is not None and concluded <= end else "pending"
            t4[kind][col] += 1
            t4[kind]["total"] += 1
    return t4
