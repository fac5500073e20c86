"""Applications, events and notices as JSON objects (the shapes declared in schema.py)."""

from __future__ import annotations

from gongkai.applications.models import Application, ApplicationEvent
from gongkai.applications.personal import personal_data
from gongkai.notices.models import Notice


def _iso(day):
    return day.isoformat() if day else None


def application_summary(app: Application, full: bool) -> dict:
    """`full`: the caller sees the applicant's personal data in full (Access.sees_personal_data)."""
    return {
        "id": app.pk,
        "number": app.number,
        "agency": {"id": app.agency_id, "code": app.agency.code, "name": app.agency.name},
        "state": app.state,
        "state_label": app.get_state_display(),
        "applicant_type": app.applicant_type,
        "applicant_name": app.applicant_name,
        # Full ID numbers only to staff handling the agency's cases, as on the staff pages.
        "id_number": personal_data(app, full)["id_number"],
        "received_on": _iso(app.received_on),
        "outcome": app.outcome or None,
    }


def application_detail(app: Application, full: bool, transitions: list[str]) -> dict:
    data = application_summary(app, full)
    personal = personal_data(app, full)
    data.update(
        {
            "id_doc_type": app.id_doc_type or None,
            "credit_code": app.credit_code or None,
            # Contact details masked for readers who do not handle the case, as the ID number.
            "contact_phone": personal["contact_phone"],
            "contact_email": personal["contact_email"],
            "contact_address": personal["contact_address"],
            "description": app.description,
            "purpose": app.purpose,
            "delivery_form": app.delivery_form,
            "channel": app.channel,
            "correction_requested_on": _iso(app.correction_requested_on),
            "correction_items": app.correction_items,
            "correction_due_on": _iso(app.correction_due_on),
            "correction_received_on": _iso(app.correction_received_on),
            "extension_days": app.extension_days,
            "decision_reason": app.decision_reason,
            "decided_on": _iso(app.decided_on),
            "replied_on": _iso(app.replied_on),
            "served_on": _iso(app.served_on),
            "archived_on": _iso(app.archived_on),
            "allowed_transitions": transitions,
        }
    )
    return data


def event(e: ApplicationEvent) -> dict:
    return {
        "id": e.pk,
        "kind": e.kind,
        "kind_label": e.get_kind_display(),
        "actor": e.actor.get_username() if e.actor else None,
        "created_at": e.created_at.isoformat(),
        "state_before": e.state_before or None,
        "state_after": e.state_after,
        "payload": e.payload,
    }


def notice(n: Notice) -> dict:
    return {
        "id": n.pk,
        "kind": n.kind,
        "title": n.get_kind_display(),
        "number": n.number,
        "version": n.version,
        "draft": n.draft,
        "superseded": n.superseded_at is not None,
        "created_at": n.created_at.isoformat(),
        "articles": n.content.get("articles", []),
        "docx_url": f"/staff/notices/{n.pk}.docx",
        "pdf_url": f"/staff/notices/{n.pk}.pdf",
    }
