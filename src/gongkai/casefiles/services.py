"""Attaching a file to an application and withdrawing one; each appends to the event log."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.access import access_for
from gongkai.applications.choices import EventKind, State
from gongkai.applications.models import Application
from gongkai.applications.services import InvalidInput, WrongRole, WrongState, log_event
from gongkai.web.uploads import Checked

from .models import CaseFile, Category

# Once a case is archived its file is closed (《条例》第四十五条).
CLOSED = frozenset({State.ARCHIVED})
# The states in which the reply has been signed: released files may then reach the applicant.
ANSWERED = frozenset({State.REPLIED, State.SERVED, State.ARCHIVED})


def store(app: Application, *, actor, category: str, checked: Checked, note: str = "") -> CaseFile:
    """Save one checked upload with the case (no permission check: callers decide who may)."""
    if category not in Category.values:
        raise InvalidInput(f"未知的材料类型：{category}")
    case_file = CaseFile(
        application=app,
        category=category,
        original_name=checked.original_name,
        content_type=checked.kind.content_type,
        size=checked.size,
        sha256=checked.sha256,
        note=note[:200],
        uploaded_by=actor,
    )
    case_file.file.save(checked.stored_name(), checked.file, save=False)
    case_file.save()
    # The file's name stays out of the log, which supervisors read too; the CaseFile row has it.
    log_event(
        app,
        actor,
        EventKind.FILE_ATTACHED,
        {"case_file": case_file.pk, "category": case_file.get_category_display()},
    )
    return case_file


@transaction.atomic
def attach(app: Application, *, actor, category: str, checked: Checked, note: str = "") -> CaseFile:
    """A member of the agency's case staff adds a file to the case."""
    locked = Application.objects.select_for_update().get(pk=app.pk)
    if not access_for(actor).can_handle(locked.agency_id):
        raise WrongRole("无权上传材料：需要本机关的登记、承办或审核签发角色。")
    if locked.state in CLOSED:
        raise WrongState("申请已归档，不能再上传材料。")
    return store(locked, actor=actor, category=category, checked=checked, note=note)


@transaction.atomic
def withdraw(case_file: CaseFile, *, actor) -> CaseFile:
    """Take a wrong file out of use: kept in the case, no longer given to the applicant."""
    locked = CaseFile.objects.select_for_update().select_related("application").get(pk=case_file.pk)
    app = locked.application
    if not access_for(actor).can_handle(app.agency_id):
        raise WrongRole("无权撤回材料：需要本机关的登记、承办或审核签发角色。")
    if locked.withdrawn_at:
        raise WrongState("该材料已撤回。")
    locked.withdrawn_at, locked.withdrawn_by = timezone.now(), actor
    locked.save(update_fields=["withdrawn_at", "withdrawn_by"])
    log_event(
        app,
        actor,
        EventKind.FILE_WITHDRAWN,
        {"case_file": locked.pk, "category": locked.get_category_display()},
    )
    return locked


def released(app: Application):
    """The files the applicant may download: released information, once the reply is signed."""
    if app.state not in ANSWERED:
        return CaseFile.objects.none()
    return app.files.filter(category=Category.RELEASED, withdrawn_at__isnull=True)
