"""A year of office A's records written straight to the database, with the figures worked out by
hand beside them (no holiday and no make-up working day falls in the months used).

    case  received    due         replied     working days  outcome
    1     2025-03-03  2025-03-31  2025-03-20  13            granted
    2     2025-07-01  2025-07-29  2025-07-29  20            granted
    3     2025-08-04  2025-09-01  2025-09-08  25 (late)     unable.not_held
    4     2025-07-14  2025-08-11  2025-07-24   8            granted
    5     2025-11-03  2025-12-01  —           (overdue)     —
    6     2025-12-15  2026-01-13  2026-01-10  (2026)        granted
    7     2025-11-10  (error)     2025-11-14   4            granted

Reviews: case 1 行政复议 corrected (filed 2025-04-01, concluded 2025-08-01); case 2 直接起诉
corrected (filed 2025-09-01, concluded 2026-01-05); case 3 行政复议 upheld (filed 2025-10-01,
concluded 2025-12-01).
"""

from __future__ import annotations

import datetime as dt

from gongkai.applications.models import Application, ReviewCase

D = dt.date
CASES = [
    (D(2025, 3, 3), D(2025, 3, 31), D(2025, 3, 20), "granted"),
    (D(2025, 7, 1), D(2025, 7, 29), D(2025, 7, 29), "granted"),
    (D(2025, 8, 4), D(2025, 9, 1), D(2025, 9, 8), "unable.not_held"),
    (D(2025, 7, 14), D(2025, 8, 11), D(2025, 7, 24), "granted"),
    (D(2025, 11, 3), D(2025, 12, 1), None, ""),
    (D(2025, 12, 15), D(2026, 1, 13), D(2026, 1, 10), "granted"),
    (D(2025, 11, 10), None, D(2025, 11, 14), "granted"),
]


def write_year(agency) -> list[Application]:
    apps = Application.objects.bulk_create(
        Application(
            agency=agency,
            number=f"FX-{agency.code}-{i}",
            state="archived" if replied else "in_review",
            applicant_type="natural_person",
            applicant_name="测试",
            description="测试申请",
            delivery_form="paper",
            channel="in_person",
            submitted_on=received,
            received_on=received,
            answer_due_on=due,
            answer_due_error="" if due else "测试：期限无法计算",
            replied_on=replied,
            decided_on=replied,
            outcome=outcome,
        )
        for i, (received, due, replied, outcome) in enumerate(CASES, start=1)
    )
    ReviewCase.objects.bulk_create(
        [
            ReviewCase(
                application=apps[0],
                kind="review",
                filed_on=D(2025, 4, 1),
                concluded_on=D(2025, 8, 1),
                result="corrected",
            ),
            ReviewCase(
                application=apps[1],
                kind="litigation_direct",
                filed_on=D(2025, 9, 1),
                concluded_on=D(2026, 1, 5),
                result="corrected",
            ),
            ReviewCase(
                application=apps[2],
                kind="review",
                filed_on=D(2025, 10, 1),
                concluded_on=D(2025, 12, 1),
                result="upheld",
            ),
        ]
    )
    return apps
