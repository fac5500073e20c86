"""Overdue and due-soon lists, in working days."""

from datetime import date

from gongkai.deadlines import WorkingCalendar, due_within, is_overdue, triage, working_days_left

D = date.fromisoformat
CAL = WorkingCalendar()


def test_it_treats_the_due_day_as_still_in_time():
    assert not is_overdue(D("2024-10-30"), D("2024-10-30"))
    assert working_days_left(D("2024-10-30"), D("2024-10-30"), CAL) == 0
    assert is_overdue(D("2024-10-30"), D("2024-10-31"))
    assert working_days_left(D("2024-10-30"), D("2024-10-31"), CAL) == -1


def test_it_counts_days_left_in_working_days():
    # (2024-09-30, 2024-10-30]: 10-08..11 = 4, 10-12 Sat make-up = 5, 14..18 = 10, 21..25 = 15, 28..30 = 18.
    assert working_days_left(D("2024-10-30"), D("2024-09-30"), CAL) == 18
    assert due_within(D("2024-10-30"), D("2024-09-30"), 18, CAL)
    assert not due_within(D("2024-10-30"), D("2024-09-30"), 17, CAL)
    assert not due_within(D("2024-10-30"), D("2024-11-04"), 100, CAL)


def test_it_sorts_applications_into_overdue_and_due_soon():
    today = D("2024-10-08")
    dues = [
        ("late", D("2024-09-30")),
        ("today", D("2024-10-08")),
        ("soon", D("2024-10-12")),  # 10-09, 10-10, 10-11, 10-12 (make-up): 4 working days
        ("later", D("2024-10-14")),  # 5 working days
        ("paused", None),
        ("latest-late", D("2024-09-27")),
    ]
    result = triage(dues, today, 4, CAL)
    assert result.overdue == ["latest-late", "late"]
    assert result.due_soon == ["today", "soon"]
