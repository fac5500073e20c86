"""The case-files panel on the staff application page (case staff of the agency only)."""

from django import template

from gongkai.agencies.access import access_for

from ..forms import UploadForm
from ..services import CLOSED

register = template.Library()


@register.inclusion_tag("casefiles/panel.html", takes_context=True)
def case_files_panel(context, app):
    request = context["request"]
    if not access_for(request).can_handle(app.agency_id):
        return {"show": False}
    return {
        "show": True,
        "app": app,
        "files": app.files.select_related("uploaded_by", "withdrawn_by"),
        "form": UploadForm() if app.state not in CLOSED else None,
        "csrf_token": context.get("csrf_token"),
    }
