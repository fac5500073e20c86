"""Holiday tables we author for tests.

`INVENTED_2027` is NOT the real 2027 schedule: it is invented so that a year chinese-calendar does
not know can be supplied through the override table. Its notice title says so.
"""

from __future__ import annotations

from datetime import date

from gongkai.deadlines import HolidayYear

INVENTED_2027 = HolidayYear(
    year=2027,
    notice="测试用虚构的2027年节假日安排（非真实通知）",
    # 元旦 on Friday 2027-01-01, joined to the weekend; Saturday 2027-01-09 worked instead.
    holidays={date(2027, 1, 1): "元旦", date(2027, 1, 2): "元旦", date(2027, 1, 3): "元旦"},
    workdays=frozenset({date(2027, 1, 9)}),
)


def invented_2027(**changes) -> HolidayYear:
    """INVENTED_2027 with some fields replaced."""
    fields = {
        "year": 2027,
        "notice": INVENTED_2027.notice,
        "holidays": INVENTED_2027.holidays,
        "workdays": INVENTED_2027.workdays,
    }
    return HolidayYear(**{**fields, **changes})
