"""The notices panel on the staff application page."""

from django import template

from gongkai.agencies.access import access_for

from ..kinds import LetterKind

register = template.Library()


@register.inclusion_tag("notices/panel.html", takes_context=True)
def notices_panel(context, app):
    access = access_for(context["request"])
    return {
        "app": app,
        "notices": app.notices.all(),
        "kinds": LetterKind.choices,
        "can_issue": access.can_handle(app.agency_id),
        "csrf_token": context.get("csrf_token"),
    }
