"""Online submissions: filing one with its tracking code, finding it again by code and phone.

The application is created by gongkai.applications.services.submit_online (which validates the
applicant, numbers the application and appends the event); this module adds the tracking code,
the identity document and the consent, in the same transaction.
"""

from __future__ import annotations

import hmac

from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.applications import services as app_services
from gongkai.applications.choices import EventKind, State
from gongkai.applications.models import Application
from gongkai.casefiles import services as casefiles
from gongkai.casefiles.models import Category
from gongkai.web.uploads import Checked

from . import tracking
from .models import OnlineCorrection, Submission
from .tasks import notify_registrars

APPLICANT_FIELDS = (
    "applicant_type applicant_name id_doc_type id_number credit_code legal_representative "
    "contact_phone contact_email contact_address postal_code description purpose delivery_form"
).split()


@transaction.atomic
def submit(*, agency: Agency, data: dict, id_document: Checked) -> Submission:
    """File an application online and give it a fresh tracking code. The identity document has
    passed uploads.check; it is stored under a random name with the extension of its real type.

    The tracking code is drawn by tracking.save_with_new_code (a collision draws another).
    """
    now = timezone.now()
    app = app_services.submit_online(
        agency=agency, data={**data, "submitted_on": timezone.localdate(now)}
    )
    submission = Submission(application=app, consented_at=now)
    submission.id_document.save(id_document.stored_name(), id_document.file, save=False)
    tracking.save_with_new_code(submission)
    # In the same transaction: the job exists exactly when the submission does.
    notify_registrars.enqueue(app.pk)
    return submission


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


class CorrectionRefused(Exception):
    """The 补正 cannot be sent online now (message for the applicant)."""


def correction_refusal(submission: Submission) -> str | None:
    """Why this application cannot take a 补正 online now, or None."""
    app = submission.application
    if OnlineCorrection.objects.filter(submission=submission).exists():
        return "您已在网上提交过补正，受理机关正在处理。如需补充，请与受理机关联系。"
    if app.state != State.AWAITING_CORRECTION:
        return "本申请当前不需要补正。"
    return None


@transaction.atomic
def submit_correction(
    submission: Submission, *, text: str, files: list[Checked]
) -> OnlineCorrection:
    """The applicant sends the 补正 asked for (《条例》第三十条). The state stays 待补正 until staff
    record it as received (services.receive_correction), which restarts the answer period."""
    app = Application.objects.select_for_update().get(pk=submission.application_id)
    submission.application = app
    refusal = correction_refusal(submission)
    if refusal:
        raise CorrectionRefused(refusal)
    correction = OnlineCorrection.objects.create(submission=submission, text=text.strip())
    stored = [
        casefiles.store(
            app,
            actor=None,
            category=Category.CORRECTION,
            checked=f,
            note="申请人网上提交的补正材料",
        )
        for f in files
    ]
    app_services.log_event(
        app,
        None,
        EventKind.CORRECTION_SUBMITTED_ONLINE,
        {
            "note": text.strip()[:200],
            "files": len(stored),
            "late": app.correction_due_on is not None
            and timezone.localdate() > app.correction_due_on,
        },
    )
    return correction
