"""Issuing a notice: compose its text, take the next document number, store it, log it.

All in one transaction with the application row locked, so a notice and its event appear
together or not at all. No state changes: the log entry keeps the state as it was.

The reply is drafted while the decision awaits signing (no number, no date) and issued on
signing, dated that day (《条例》第三十六条; reactions.py calls `issue` on both events). Each
regeneration is a new version; the one it replaces is kept and marked superseded.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gongkai.agencies.access import access_for
from gongkai.applications.choices import EventKind, State
from gongkai.applications.models import Application
from gongkai.applications.services import InvalidInput, WrongRole, log_event

from . import numbering
from .compose import NotApplicable, compose
from .kinds import LetterKind
from .models import Notice


def current(app: Application, kind: str) -> Notice | None:
    """The version in force (a draft or the issued letter), or None."""
    return app.notices.filter(kind=kind, superseded_at__isnull=True).first()


def current_reply(app: Application) -> Notice | None:
    """The signed reply as issued (never a draft)."""
    return app.notices.filter(
        kind=LetterKind.REPLY, superseded_at__isnull=True, draft=False
    ).first()


def _is_draft(app: Application, kind: str) -> bool:
    return kind == LetterKind.REPLY and app.state == State.DECIDED


@transaction.atomic
def issue(app: Application, *, actor, kind: str, log: bool = True) -> Notice:
    """The letter of `kind` for `app`: the one in force, or a new version. `log=False` when the
    letter follows a transition (reactions.py): the transition's own event records the step, so
    each transition still appends exactly one event; the notice keeps who and when."""
    if kind not in LetterKind.values:
        raise InvalidInput(f"未知的告知书类型：{kind}")
    if not access_for(actor).can_handle(app.agency_id):
        raise WrongRole("无权生成告知书：需要本机关的登记、承办或审核签发角色。")
    locked = Application.objects.select_for_update().select_related("agency").get(pk=app.pk)
    existing = current(locked, kind)
    if existing is not None and not existing.draft:
        return existing  # an issued letter is final
    try:
        content = compose(locked, kind)
    except NotApplicable as e:
        raise InvalidInput(str(e)) from e
    draft = _is_draft(locked, kind)
    if existing is not None and draft and existing.content == {**content, "number": ""}:
        return existing  # the draft is up to date
    return _store(locked, actor, kind, content, draft, replacing=existing, log=log)


def _store(
    app: Application,
    actor,
    kind: str,
    content: dict,
    draft: bool,
    replacing: Notice | None,
    log: bool,
) -> Notice:
    year = seq = None
    content["number"] = ""
    if not draft:
        year = int(content["date"][:4])
        seq, content["number"] = numbering.take(app.agency, year, kind)
    last = app.notices.filter(kind=kind).aggregate(v=Max("version"))["v"] or 0
    if replacing is not None:
        # Out of force first: one current version per letter is a database constraint.
        replacing.superseded_at = timezone.now()
        replacing.save(update_fields=["superseded_at"])
    notice = Notice.objects.create(
        application=app,
        agency=app.agency,
        kind=kind,
        version=last + 1,
        draft=draft,
        year=year,
        seq=seq,
        number=content["number"],
        content=content,
        created_by=actor,
    )
    if replacing is not None:
        replacing.superseded_by = notice
        replacing.save(update_fields=["superseded_by"])
    if not log:
        return notice
    payload = {
        "notice": notice.pk,
        "letter": kind,
        "number": notice.number or "（草稿）",
        "version": notice.version,
    }
    log_event(app, actor, EventKind.NOTICE_GENERATED, payload)
    return notice
