"""Issuing a notice: compose its text, take the next document number, store it, log it.

All in one transaction with the application row locked, so a notice and its event appear
together or not at all. No state changes: the log entry keeps the state as it was.
"""

from __future__ import annotations

from django.db import transaction

from gongkai.agencies.access import roles_at
from gongkai.agencies.models import CASE_ROLES
from gongkai.applications.choices import EventKind
from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.services import InvalidInput, WrongRole

from . import numbering
from .compose import NotApplicable, compose
from .kinds import LetterKind
from .models import Notice


@transaction.atomic
def issue(app: Application, *, actor, kind: str) -> Notice:
    if kind not in LetterKind.values:
        raise InvalidInput(f"未知的告知书类型：{kind}")
    if not roles_at(actor, app.agency_id) & CASE_ROLES:
        raise WrongRole("无权生成告知书：需要本机关的登记、承办或审核签发角色。")
    locked = Application.objects.select_for_update().select_related("agency").get(pk=app.pk)
    existing = Notice.objects.filter(application=locked, kind=kind).first()
    if existing is not None:
        return existing
    try:
        content = compose(locked, kind)
    except NotApplicable as e:
        raise InvalidInput(str(e)) from e
    year = int(content["date"][:4])
    seq, number = numbering.take(locked.agency, year, kind)
    content["number"] = number
    notice = Notice.objects.create(
        application=locked, agency=locked.agency, kind=kind, year=year, seq=seq, number=number,
        content=content, created_by=actor,
    )
    ApplicationEvent.objects.create(
        application=locked, actor=actor, kind=EventKind.NOTICE_GENERATED, state_before=locked.state,
        state_after=locked.state, payload={"notice": notice.pk, "letter": kind, "number": number},
    )
    return notice
