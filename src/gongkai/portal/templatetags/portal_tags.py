"""The online-submission line on the staff application page (identity document link)."""

from django import template

from gongkai.agencies.access import access_for

from .. import tracking

register = template.Library()


@register.inclusion_tag("portal/submission_panel.html", takes_context=True)
def submission_panel(context, app):
    submission = getattr(app, "portal_submission", None)  # RelatedObjectDoesNotExist is an AttributeError
    show = submission is not None and access_for(context["request"]).sees_personal_data(app.agency_id)
    return {"s": submission if show else None, "code": tracking.display(submission.tracking_code) if show else ""}
