"""Online submissions: storing one with its tracking code, finding it again, registering it.

Registration goes through gongkai.applications.services.register, which enforces the roles,
validates the applicant and appends the event; this module only supplies the online channel.
"""

from __future__ import annotations

import datetime as dt
import hmac

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.applications import services as app_services
from gongkai.applications.choices import Channel
from gongkai.applications.models import Application

from . import tracking
from .models import Submission

APPLICANT_FIELDS = (
    "applicant_type applicant_name id_doc_type id_number credit_code legal_representative "
    "contact_phone contact_email contact_address postal_code description purpose delivery_form"
).split()

CODE_ATTEMPTS = 8


class CodeSpaceExhausted(Exception):
    pass


def submit(*, agency: Agency, data: dict, id_document) -> Submission:
    """Store a submission under a fresh tracking code.

    The unique constraint decides: a collision (about 2**-59 per pair) rolls back only the savepoint
    and a new code is drawn, so two concurrent submissions can never share a code.
    """
    for _ in range(CODE_ATTEMPTS):
        submission = Submission(agency=agency, consented_at=timezone.now(), tracking_code=tracking.new_code(), **data)
        submission.id_document = id_document
        try:
            with transaction.atomic():
                submission.save()
        except IntegrityError:
            if Submission.objects.filter(tracking_code=submission.tracking_code).exists():
                continue
            raise
        return submission
    raise CodeSpaceExhausted("无法生成查询码，请稍后再试。")


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def second_factor_matches(submission: Submission, given: str) -> bool:
    """The phone number given when applying (digits only, compared in constant time)."""
    expected = _digits(submission.contact_phone)
    return bool(expected) and hmac.compare_digest(expected.encode(), _digits(given).encode())


def find(code: str, phone: str) -> Submission | None:
    submission = (
        Submission.objects.select_related("agency", "application")
        .filter(tracking_code=tracking.normalise(code))
        .first()
    )
    if submission is None or not second_factor_matches(submission, phone):
        return None
    return submission


class AlreadyRegistered(app_services.TransitionError):
    pass


@transaction.atomic
def register_submission(submission: Submission, *, actor, confirmed_on: dt.date) -> Application:
    """登记 an online submission: the registrar confirms receipt on `confirmed_on` (第三十一条第（三）项)."""
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.application_id:
        raise AlreadyRegistered("该网上申请已登记。")
    data = {name: getattr(locked, name) for name in APPLICANT_FIELDS}
    data.update(
        channel=Channel.INTERNET,
        submitted_on=timezone.localtime(locked.submitted_at).date(),
        confirmed_on=confirmed_on,
    )
    if confirmed_on < data["submitted_on"]:
        raise app_services.InvalidInput("确认日期不能早于提交日期。")
    app = app_services.register(actor=actor, agency=locked.agency, data=data)
    locked.application = app
    locked.save(update_fields=["application"])
    submission.application = app
    return app
