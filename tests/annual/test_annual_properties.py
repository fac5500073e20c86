"""Property tests: for generated case histories the computed tables equal counts done in Python,
pass every consistency rule, and chain across consecutive years."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.annualreports.compute import build_report, compute_tables, t3_applications
from gongkai.annualreports.models import Scope
from gongkai.applications.choices import OUTCOME_KEYS, ApplicantType
from gongkai.report.findings import Severity
from gongkai.report.rules import check

from .records import Case, oracle_t3, oracle_t4, write

FIRST, LAST = dt.date(2022, 10, 1), dt.date(2025, 12, 31)
RESULTS = ["upheld", "corrected", "other"]
# Year ends are where the definitions differ (answered on 31 December or on 1 January).
BOUNDARIES = [dt.date(y, m, d) for y in (2022, 2023, 2024, 2025) for m, d in ((1, 1), (12, 31))]


def _date_on_or_after(day: dt.date):
    later = [b for b in BOUNDARIES if b >= day]
    delays = st.integers(0, 150).map(lambda d: day + dt.timedelta(days=d))
    return st.one_of(delays, st.sampled_from(later)) if later else delays


@st.composite
def cases(draw) -> Case:
    received = draw(st.one_of(st.dates(FIRST, LAST), st.sampled_from(BOUNDARIES[1:])))
    replied = draw(st.one_of(st.none(), _date_on_or_after(received)))
    reviews = ()
    if replied is not None:
        reviews = tuple(
            draw(
                st.lists(
                    st.tuples(
                        st.sampled_from(["review", "litigation_direct", "litigation_after_review"]),
                        st.integers(0, 200),
                        st.one_of(st.none(), st.integers(0, 300)),
                        st.sampled_from(RESULTS),
                    ),
                    max_size=2,
                )
            )
        )
        reviews = tuple(
            (
                kind,
                replied + dt.timedelta(days=f),
                None if c is None else replied + dt.timedelta(days=f + c),
                "pending" if c is None else result,
            )
            for kind, f, c, result in reviews
        )
    return Case(
        agency=draw(st.integers(0, 3)),
        applicant_type=draw(st.sampled_from(ApplicantType.values)),
        received_on=received,
        replied_on=replied,
        outcome=draw(st.sampled_from(sorted(OUTCOME_KEYS))),
        reviews=reviews,
    )


def _agencies(world):
    return [world.district, world.office_a, world.office_b, world.street]


PROPERTY = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(history=st.lists(cases(), max_size=60))
def test_it_computes_exactly_the_counts_of_the_records(world, history):
    agencies = _agencies(world)
    with transaction.atomic():
        write(history, agencies)
        for year in (2023, 2024, 2025):
            tree = compute_tables(world.district, Scope.TREE, year)
            assert tree.t3 == oracle_t3(history, year, lambda i: True)
            assert tree.t4 == oracle_t4(history, year, lambda i: True)
            own = compute_tables(world.office_a, Scope.SELF, year)
            assert own.t3 == oracle_t3(history, year, lambda i: i == 1)
            assert own.t4 == oracle_t4(history, year, lambda i: i == 1)
        transaction.set_rollback(True)


@PROPERTY
@given(history=st.lists(cases(), max_size=40), year=st.sampled_from([2024, 2025]))
def test_it_lists_exactly_the_records_behind_every_cell(world, history, year):
    agencies = _agencies(world)
    with transaction.atomic():
        ids = [a.pk for a in write(history, agencies)]
        expected = oracle_t3(history, year, lambda i: True, ids)
        for row, cells in expected.items():
            for col, members in cells.items():
                listed = set(
                    t3_applications(world.district, Scope.TREE, year, row, col).values_list(
                        "pk", flat=True
                    )
                )
                assert listed == members, (row, col)
        transaction.set_rollback(True)


@PROPERTY
@given(history=st.lists(cases(), max_size=60))
def test_it_passes_every_rule_and_chains_across_years(world, history):
    agencies = _agencies(world)
    with transaction.atomic():
        write(history, agencies)
        previous = None
        for year in (2023, 2024, 2025):
            report = build_report(world.district, Scope.TREE, year)
            findings = check(report, previous)
            # The generated drafts of section 一 and, for a government, of section 五 (the supervision
            # figures: none here) are the same every year until the office writes its own:
            # X-YEAR-COPIED reminds it (a warning, which does not block publication).
            copied = [f.location.section for f in findings if f.rule == "X-YEAR-COPIED"]
            assert copied == ([] if previous is None else ["一", "五"])
            assert [
                f for f in findings if f.severity != Severity.INFO and f.rule != "X-YEAR-COPIED"
            ] == []
            if previous is not None:
                assert (
                    report.t3["carried_over_from_last_year"] == previous.t3["carried_to_next_year"]
                )
            previous = report
        transaction.set_rollback(True)
