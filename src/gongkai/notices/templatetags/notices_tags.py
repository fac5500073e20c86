"""The notices panel on the staff application page."""

from django import template

from gongkai.agencies.models import CASE_ROLES, roles_at

from ..kinds import LetterKind

register = template.Library()


@register.inclusion_tag("notices/panel.html", takes_context=True)
def notices_panel(context, app):
    user = context["request"].user
    return {
        "app": app,
        "notices": app.notices.all(),
        "kinds": LetterKind.choices,
        "can_issue": bool(roles_at(user, app.agency_id) & CASE_ROLES),
        "csrf_token": context.get("csrf_token"),
    }
