"""Every state change of a notice, an addressee or a complaint, each recorded as an event.

Services check the actor's roles afresh inside their transaction (access.roles_at), whatever a
view decided before: the office issues, returns and accepts (supervisor role at the notice's
office); the unit answers (access.ANSWERING_ROLES at the unit).
"""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.access import ANSWERING_ROLES, roles_at
from gongkai.agencies.models import Agency, Role
from gongkai.portal import tracking
from gongkai.web.uploads import Checked

from .models import (
    OWING,
    Addressee,
    AddresseeState,
    Answer,
    Complaint,
    ComplaintState,
    EventKind,
    NoticeKind,
    Problem,
    RectificationEvent,
    RectificationNotice,
)


class RectificationError(Exception):
    """A change refused, with the reason in Chinese for the person who tried it."""


@dataclass(frozen=True)
class ProblemInput:
    agency: Agency
    text: str
    application_id: int | None = None
    link: str = ""
    finding_id: int | None = None


def _record(
    actor, kind, *, notice=None, addressee=None, complaint=None, before="", after="", **payload
):
    RectificationEvent.objects.create(
        notice=notice or (addressee.notice if addressee else None),
        addressee=addressee,
        complaint=complaint,
        actor=actor,
        kind=kind,
        state_before=before,
        state_after=after,
        payload=payload,
    )


def _require_office(actor, office: Agency) -> None:
    if Role.SUPERVISOR not in roles_at(actor, office.pk):
        raise RectificationError(f"只有{office.name}的监督人员可以进行此操作。")


def _below(office: Agency, agency: Agency) -> bool:
    node = agency.parent
    while node is not None:
        if node.pk == office.pk:
            return True
        node = node.parent
    return False


def _check_evidence(text: str, checked: Checked | None, link: str, what: str) -> None:
    if not text.strip():
        raise RectificationError(f"请填写{what}。")
    if checked is None and not link:
        raise RectificationError("请上传佐证材料或填写佐证链接。")


def _store_evidence(record, checked: Checked | None) -> None:
    if checked is not None:
        record.evidence_file.save(checked.stored_name(), checked.file, save=False)
        record.evidence_name = checked.original_name
        record.evidence_type = checked.kind.content_type


@transaction.atomic
def issue(
    *,
    office: Agency,
    actor,
    title: str,
    body: str,
    deadline: dt.date,
    problems: list[ProblemInput],
    kind: str = NoticeKind.CIRCULAR,
    complaint: Complaint | None = None,
    on: dt.date | None = None,
) -> RectificationNotice:
    """The office sends a notice to the units named in `problems` (one addressee per unit)."""
    _require_office(actor, office)
    on = on or timezone.localdate()
    if not problems:
        raise RectificationError("请至少列出一个单位的问题。")
    if deadline <= on:
        raise RectificationError("整改期限应晚于发出日期。")
    for p in problems:
        if not _below(office, p.agency):
            raise RectificationError(f"{p.agency.name}不在{office.name}的监督范围内。")
        if not p.text.strip():
            raise RectificationError(f"请写明{p.agency.name}的问题。")
        if p.application_id is not None:
            from gongkai.applications.models import Application

            if not Application.objects.filter(pk=p.application_id, agency=p.agency).exists():
                raise RectificationError(f"所链接的申请不属于{p.agency.name}。")
        if p.finding_id is not None:
            from gongkai.audits.models import AuditFinding

            if not AuditFinding.objects.filter(pk=p.finding_id, agency=p.agency).exists():
                raise RectificationError(f"所链接的审核问题不属于{p.agency.name}。")
    notice = RectificationNotice.objects.create(
        office=office,
        kind=kind,
        title=title.strip(),
        body=body.strip(),
        deadline=deadline,
        issued_on=on,
        issued_by=actor,
        complaint=complaint,
    )
    addressees: dict[int, Addressee] = {}
    for p in problems:
        if p.agency.pk not in addressees:
            addressees[p.agency.pk] = Addressee.objects.create(
                notice=notice, agency=p.agency, deadline=deadline
            )
        Problem.objects.create(
            addressee=addressees[p.agency.pk],
            text=p.text.strip(),
            application_id=p.application_id,
            finding_id=p.finding_id,
            link=p.link,
        )
    _record(
        actor,
        EventKind.ISSUED,
        notice=notice,
        after=AddresseeState.ISSUED,
        deadline=deadline.isoformat(),
        units=[a.agency.name for a in addressees.values()],
    )
    return notice


def _locked(addressee: Addressee) -> Addressee:
    return (
        Addressee.objects.select_for_update()
        .select_related("notice", "notice__office", "agency")
        .get(pk=addressee.pk)
    )


@transaction.atomic
def answer(
    addressee: Addressee,
    *,
    actor,
    text: str,
    checked: Checked | None = None,
    link: str = "",
    on: dt.date | None = None,
) -> Answer:
    """The unit reports what it changed, with evidence; late when after the deadline in force."""
    locked = _locked(addressee)
    if not roles_at(actor, locked.agency_id) & ANSWERING_ROLES:
        raise RectificationError(
            f"只有{locked.agency.name}的承办、审核签发或管理人员可以报送整改情况。"
        )
    if locked.state not in OWING:
        raise RectificationError(f"当前状态为“{locked.get_state_display()}”，不能再报送。")
    _check_evidence(text, checked, link, "整改情况")
    on = on or timezone.localdate()
    record = Answer(
        addressee=locked, text=text.strip(), evidence_link=link, answered_on=on, answered_by=actor
    )
    _store_evidence(record, checked)
    record.save()
    before = locked.state
    locked.state = AddresseeState.ANSWERED
    locked.first_answered_on = locked.first_answered_on or on
    late = on > locked.deadline
    locked.answered_late = locked.answered_late or late
    locked.save()
    _record(
        actor,
        EventKind.ANSWERED,
        addressee=locked,
        before=before,
        after=locked.state,
        answer=record.pk,
        late=late,
        file=record.evidence_name,
        link=link,
    )
    return record


def _review(
    addressee: Addressee, actor, outcome: str, note: str, on: dt.date | None
) -> tuple[Addressee, Answer]:
    locked = _locked(addressee)
    _require_office(actor, locked.notice.office)
    if locked.state != AddresseeState.ANSWERED:
        raise RectificationError(
            f"当前状态为“{locked.get_state_display()}”，没有待审核的整改情况。"
        )
    current = locked.answers.order_by("-pk").first()
    current.review, current.review_note, current.reviewed_on = (
        outcome,
        note.strip(),
        on or timezone.localdate(),
    )
    current.save(update_fields=["review", "review_note", "reviewed_on"])
    return locked, current


@transaction.atomic
def accept(
    addressee: Addressee,
    *,
    actor,
    note: str = "",
    accountability: str = "",
    on: dt.date | None = None,
) -> Addressee:
    """The office accepts the rectification (and records any 责任追究 it decided, 第五十条（四）)."""
    locked, current = _review(addressee, actor, "accepted", note, on)
    locked.state = AddresseeState.ACCEPTED
    locked.accepted_on = current.reviewed_on
    locked.accountability = accountability.strip()
    locked.save()
    _record(
        actor,
        EventKind.ACCEPTED,
        addressee=locked,
        before=AddresseeState.ANSWERED,
        after=locked.state,
        answer=current.pk,
        note=note,
        accountability=locked.accountability,
    )
    return locked


@transaction.atomic
def send_back(
    addressee: Addressee,
    *,
    actor,
    note: str,
    new_deadline: dt.date | None = None,
    on: dt.date | None = None,
) -> Addressee:
    """The office returns the answer with the reason; the unit answers again (by a new deadline)."""
    if not note.strip():
        raise RectificationError("退回时请写明理由。")
    locked, current = _review(addressee, actor, "returned", note, on)
    if new_deadline is not None:
        if new_deadline <= current.reviewed_on:
            raise RectificationError("新的整改期限应晚于退回日期。")
        locked.deadline = new_deadline
    locked.state = AddresseeState.RETURNED
    locked.save()
    _record(
        actor,
        EventKind.RETURNED,
        addressee=locked,
        before=AddresseeState.ANSWERED,
        after=locked.state,
        answer=current.pk,
        note=note,
        deadline=locked.deadline.isoformat(),
    )
    return locked


# -- complaints (《条例》第四十七条第二款) -----------------------------------------------------


@transaction.atomic
def receive_complaint(
    *, agency: Agency, name: str, phone: str, email: str, text: str, application_number: str = ""
) -> Complaint:
    """A complaint from the public form, with a fresh tracking code shown to the complainant."""
    complaint = Complaint(
        agency=agency,
        name=name.strip(),
        phone=phone.strip(),
        email=email.strip(),
        text=text.strip(),
        application_number=application_number.strip(),
    )
    tracking.save_with_new_code(complaint)
    _record(
        None,
        EventKind.COMPLAINT_RECEIVED,
        complaint=complaint,
        after=complaint.state,
        agency=agency.name,
    )
    return complaint


def _locked_complaint(complaint: Complaint, actor, office: Agency) -> Complaint:
    locked = Complaint.objects.select_for_update().select_related("agency").get(pk=complaint.pk)
    _require_office(actor, office)
    if not _below(office, locked.agency):
        raise RectificationError(f"{locked.agency.name}不在{office.name}的监督范围内。")
    if locked.state != ComplaintState.RECEIVED:
        raise RectificationError(f"该投诉已处理（{locked.get_state_display()}）。")
    return locked


@transaction.atomic
def forward_complaint(
    complaint: Complaint,
    *,
    office: Agency,
    actor,
    problem: str,
    deadline: dt.date,
    reply: str = "",
    on: dt.date | None = None,
) -> RectificationNotice:
    """Upheld: the complaint becomes a notice to the unit, in the same flow as any other. The
    complainant is answered with `reply`, else told the unit must rectify by the deadline."""
    locked = _locked_complaint(complaint, actor, office)
    notice = issue(
        office=office,
        actor=actor,
        title=f"关于投诉事项的整改通知（投诉{locked.pk}号）",
        body=problem,
        deadline=deadline,
        problems=[ProblemInput(locked.agency, problem)],
        kind=NoticeKind.COMPLAINT,
        complaint=locked,
        on=on,
    )
    locked.state, locked.outcome, locked.handled_on = (
        ComplaintState.FORWARDED,
        problem.strip(),
        notice.issued_on,
    )
    locked.reply = reply.strip() or (
        f"经调查，已责成{locked.agency.name}于{deadline.year}年{deadline.month}月"
        f"{deadline.day}日前整改。"
    )
    locked.save()
    _record(
        actor,
        EventKind.COMPLAINT_FORWARDED,
        notice=notice,
        complaint=locked,
        before=ComplaintState.RECEIVED,
        after=locked.state,
    )
    return notice


@transaction.atomic
def dismiss_complaint(
    complaint: Complaint,
    *,
    office: Agency,
    actor,
    reason: str,
    reply: str = "",
    on: dt.date | None = None,
) -> Complaint:
    """Not upheld: the complainant is answered with `reply`, else with the reason."""
    if not reason.strip():
        raise RectificationError("请写明不予支持的理由。")
    locked = _locked_complaint(complaint, actor, office)
    locked.state, locked.outcome, locked.handled_on = (
        ComplaintState.DISMISSED,
        reason.strip(),
        on or timezone.localdate(),
    )
    locked.reply = reply.strip() or locked.outcome
    locked.save()
    _record(
        actor,
        EventKind.COMPLAINT_DISMISSED,
        complaint=locked,
        before=ComplaintState.RECEIVED,
        after=locked.state,
        reason=reason,
    )
    return locked


def find_complaint(code: str, contact: str) -> Complaint | None:
    """The complaint with this tracking code whose complainant gave this phone number or email
    (phone by its digits, email in any case; compared in constant time), else None."""
    complaint = (
        Complaint.objects.select_related("agency")
        .filter(tracking_code=tracking.normalise(code))
        .first()
    )
    if complaint is None or not contact.strip():
        return None
    given = contact.strip()
    if "@" in given:
        expected, typed = complaint.email.strip().lower(), given.lower()
    else:
        expected = "".join(c for c in complaint.phone if c.isdigit())
        typed = "".join(c for c in given if c.isdigit())
    if expected and hmac.compare_digest(expected.encode(), typed.encode()):
        return complaint
    return None
