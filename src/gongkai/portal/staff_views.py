"""The identity document uploaded with an online application, for the agency's case staff only.

Anyone else (another agency, a supervisor, a role without case work) gets a 404, so neither the
document nor the application's existence is revealed.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from gongkai.agencies.access import access_for
from gongkai.applications.choices import State
from gongkai.web.uploads import serve

from .models import OnlineCorrection, Submission


@login_required
def id_document(request, pk: int):
    submission = get_object_or_404(
        Submission.objects.filter(application__agency_id__in=access_for(request).handles), pk=pk
    )
    name = Path(submission.id_document.name).name
    return serve(
        submission.id_document,
        filename=name,
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
    )


@login_required
def corrections(request):
    """补正 sent online and not yet registered, at the agencies the user handles cases for."""
    pending = (
        OnlineCorrection.objects.filter(
            submission__application__agency_id__in=access_for(request).handles,
            submission__application__state=State.AWAITING_CORRECTION,
        )
        .select_related("submission__application__agency")
        .order_by("submitted_at")
    )
    return render(request, "portal/staff_corrections.html", {"pending": pending})
