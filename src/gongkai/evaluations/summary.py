"""The supervision figures a government's annual report states (《条例》第五十条（四）: 各级人民政府
的年度报告还应当包括工作考核、社会评议和责任追究结果情况), counted from the records of the office:
its 考评 of the year, the complaints about its units (社会评议), the accountability recorded
when rectifications were accepted (责任追究), and its notices (通报整改).

Where there is no record the text says so (未在本系统中开展…); it never prints a zero for work that
was not recorded here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from gongkai.agencies.models import Agency


@dataclass(frozen=True)
class Figures:
    scheme_title: str | None
    units: int
    scored: int  # units with a complete score
    average: Decimal | None
    full_marks: Decimal | None
    complaints: int
    complaints_forwarded: int
    complaints_dismissed: int
    notices: int
    addressees: int
    accepted: int
    overdue: int
    accountability: list[str]


def figures(office: Agency, year: int, today: dt.date | None = None) -> Figures:
    from gongkai.rectifications.models import (
        Addressee,
        AddresseeState,
        Complaint,
        ComplaintState,
        RectificationNotice,
    )

    from . import scoring
    from .models import Scheme

    today = today or dt.date(year + 1, 1, 1)
    scheme = Scheme.objects.filter(office=office, year=year).first()
    units, scored, average, full = 0, 0, None, None
    if scheme is not None:
        # The published scores when the office has published the year's (定稿), else live.
        tops, scores, _ = scoring.standing(scheme, scoring.units_of(scheme))
        full = sum(t.points for t in tops)
        units = len(scores)
        complete = [s.total for s in scores if s.complete]
        scored = len(complete)
        average = (
            (sum(complete) / scored).quantize(Decimal("0.01"), ROUND_HALF_UP) if complete else None
        )
    below = office.descendant_ids() - {office.pk}
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    complaints = Complaint.objects.filter(
        agency_id__in=below, submitted_at__date__gte=first, submitted_at__date__lte=last
    ).aggregate(
        n=Count("pk"),
        forwarded=Count("pk", filter=Q(state=ComplaintState.FORWARDED)),
        dismissed=Count("pk", filter=Q(state=ComplaintState.DISMISSED)),
    )
    notices = RectificationNotice.objects.filter(
        office=office, issued_on__gte=first, issued_on__lte=last
    )
    addressees = Addressee.objects.filter(notice__in=notices)
    counts = addressees.aggregate(
        n=Count("pk"),
        accepted=Count("pk", filter=Q(state=AddresseeState.ACCEPTED)),
        overdue=Count("pk", filter=Addressee.late_q(today)),
    )
    accountability = [
        f"{a.agency.name}：{a.accountability}"
        for a in addressees.exclude(accountability="").select_related("agency")
    ]
    return Figures(
        scheme.title if scheme else None,
        units,
        scored,
        average,
        full,
        complaints["n"],
        complaints["forwarded"],
        complaints["dismissed"],
        notices.count(),
        counts["n"],
        counts["accepted"],
        counts["overdue"],
        accountability,
    )


def section5(office: Agency, year: int) -> str:
    """工作考核、社会评议和责任追究结果情况, for section 五."""
    f = figures(office, year)
    if f.scheme_title is None:
        review = f"工作考核：{year}年度未在本系统中开展政府信息公开工作考评（无考评记录）。"
    elif f.average is None:
        review = f"工作考核：依据《{f.scheme_title}》对{f.units}个单位开展考评，尚无单位完成全部指标评分。"
    else:
        review = (
            f"工作考核：依据《{f.scheme_title}》对{f.units}个单位开展考评，{f.scored}个单位完成全部指标评分，"
            f"平均得分{f.average}分（满分{f.full_marks.normalize():f}分）。"
        )
    opinion = (
        (
            f"社会评议：全年收到公众对政府信息公开工作的投诉{f.complaints}宗，经调查转办整改{f.complaints_forwarded}宗、"
            f"不予支持{f.complaints_dismissed}宗。"
        )
        if f.complaints
        else "社会评议：全年未收到公众对政府信息公开工作的投诉。"
    )
    if f.accountability:
        duty = (
            f"责任追究：对{len(f.accountability)}个单位追究责任（"
            + "；".join(f.accountability)
            + "）。"
        )
    else:
        duty = "责任追究：本年度整改审核中未记录责任追究。"
    return "\n".join(["（工作考核、社会评议和责任追究结果情况）", review, opinion, duty])


def section6(office: Agency, year: int) -> str:
    """通报整改, for section 六."""
    f = figures(office, year)
    if not f.notices:
        return f"通报整改：{year}年未在本系统中发出政府信息公开工作通报。"
    return (
        f"通报整改：全年发出政府信息公开工作通报{f.notices}份，涉及{f.addressees}个单位次，"
        f"整改完成{f.accepted}个，逾期整改{f.overdue}个。"
    )
