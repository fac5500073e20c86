"""The identity document uploaded with an online application, for the agency's case staff only.

Anyone else (another agency, a supervisor, a role without case work) gets a 404, so neither the
document nor the application's existence is revealed.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404

from gongkai.agencies.access import access_for

from .models import Submission


@login_required
def id_document(request, pk: int):
    submission = get_object_or_404(
        Submission.objects.filter(application__agency_id__in=access_for(request).handles), pk=pk
    )
    name = Path(submission.id_document.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(submission.id_document.open("rb"), content_type=content_type, as_attachment=True, filename=name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
