"""The online-submission part of the staff application page: the identity document link and the
补正 the applicant sent online (case staff of the agency only)."""

from django import template

from gongkai.agencies.access import access_for
from gongkai.applications.choices import State

from .. import tracking
from ..models import OnlineCorrection

register = template.Library()


@register.inclusion_tag("portal/submission_panel.html", takes_context=True)
def submission_panel(context, app):
    submission = getattr(
        app, "portal_submission", None
    )  # RelatedObjectDoesNotExist is an AttributeError
    if submission is None or not access_for(context["request"]).can_handle(app.agency_id):
        return {"s": None}
    correction = OnlineCorrection.objects.filter(submission=submission).first()
    late = bool(
        correction
        and app.correction_due_on
        and correction.submitted_at.date() > app.correction_due_on
    )
    return {
        "s": submission,
        "app": app,
        "code": tracking.display(submission.tracking_code),
        "correction": correction,
        "files": app.files.filter(uploaded_by=None) if correction else [],
        "late": late,
        "awaiting": app.state == State.AWAITING_CORRECTION,
    }
