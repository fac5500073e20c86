"""What the notices panel on an application shows: every version of every letter, the one in
force first in its series, drafts and superseded versions marked as such."""

from __future__ import annotations

from gongkai.agencies.access import access_for

from .kinds import LetterKind


def panel_context(request, app) -> dict:
    notices = list(app.notices.select_related("superseded_by").order_by("kind", "-version"))
    prefix_missing = not app.agency.doc_prefix.strip()
    return {
        "app": app,
        "notices": sorted(
            notices, key=lambda n: (list(LetterKind.values).index(n.kind), -n.version)
        ),
        "kinds": LetterKind.choices,
        "can_issue": access_for(request).can_handle(app.agency_id),
        "prefix_missing": prefix_missing,
    }
