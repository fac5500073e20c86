"""Online submissions: filing one with its tracking code, finding it again by code and phone.

The application is created by gongkai.applications.services.submit_online (which validates the
applicant, numbers the application and appends the event); this module adds the tracking code,
the identity document and the consent, in the same transaction.
"""

from __future__ import annotations

import hmac

from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.applications import services as app_services

from . import tracking
from .models import Submission
from .tasks import notify_registrars

APPLICANT_FIELDS = (
    "applicant_type applicant_name id_doc_type id_number credit_code legal_representative "
    "contact_phone contact_email contact_address postal_code description purpose delivery_form"
).split()

CODE_ATTEMPTS = 8


class CodeSpaceExhausted(Exception):
    pass


@transaction.atomic
def submit(*, agency: Agency, data: dict, id_document) -> Submission:
    """File an application online and give it a fresh tracking code.

    The unique constraint decides: a collision (about 2**-59 per pair) rolls back only the savepoint
    and a new code is drawn, so two concurrent submissions can never share a code.
    """
    now = timezone.now()
    app = app_services.submit_online(agency=agency, data={**data, "submitted_on": timezone.localdate(now)})
    for _ in range(CODE_ATTEMPTS):
        submission = Submission(application=app, consented_at=now, tracking_code=tracking.new_code())
        submission.id_document = id_document
        try:
            with transaction.atomic():
                submission.save()
        except IntegrityError:
            if Submission.objects.filter(tracking_code=submission.tracking_code).exists():
                continue
            raise
        # In the same transaction: the job exists exactly when the submission does.
        notify_registrars.enqueue(app.pk)
        return submission
    raise CodeSpaceExhausted("无法生成查询码，请稍后再试。")


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def second_factor_matches(submission: Submission, given: str) -> bool:
    """The phone number given when applying (digits only, compared in constant time)."""
    expected = _digits(submission.application.contact_phone)
    return bool(expected) and hmac.compare_digest(expected.encode(), _digits(given).encode())


def find(code: str, phone: str) -> Submission | None:
    submission = (
        Submission.objects.select_related("application__agency")
        .filter(tracking_code=tracking.normalise(code))
        .first()
    )
    if submission is None or not second_factor_matches(submission, phone):
        return None
    return submission
