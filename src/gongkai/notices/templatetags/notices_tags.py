"""The notices panel on the staff application page."""

from django import template

from ..panel import panel_context

register = template.Library()


@register.inclusion_tag("notices/panel.html", takes_context=True)
def notices_panel(context, app):
    return {**panel_context(context["request"], app), "csrf_token": context.get("csrf_token")}
