"""The online-submission line on the staff application page (identity document link)."""

from django import template

from gongkai.agencies.models import CASE_ROLES, roles_at

from .. import tracking

register = template.Library()


@register.inclusion_tag("portal/submission_panel.html", takes_context=True)
def submission_panel(context, app):
    submission = getattr(app, "portal_submission", None)  # RelatedObjectDoesNotExist is an AttributeError
    user = context["request"].user
    show = submission is not None and bool(roles_at(user, app.agency_id) & CASE_ROLES)
    return {"s": submission if show else None, "code": tracking.display(submission.tracking_code) if show else ""}
