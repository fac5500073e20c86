"""The applicant's personal data as a given reader may see it.

Identity document number, phone, e-mail and postal address are shown in full only to the staff
handling the agency's cases (`Access.sees_personal_data`); supervisors, administrators and
superusers see them masked, on the pages, in the exports and in the API alike (《个人信息保护法》
第六条: no more than the purpose needs — a supervisor checks the handling, not the person).
"""

from __future__ import annotations

from .identifiers import mask_id_number


def mask_phone(value: str) -> str:
    """138****5678: the first three and last four characters stay."""
    value = value.strip()
    if not value:
        return ""
    if len(value) <= 7:
        return "*" * (len(value) - 2) + value[-2:] if len(value) > 2 else "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_email(value: str) -> str:
    """z***@example.com: the mailbox's first character and the domain stay."""
    value = value.strip()
    if not value:
        return ""
    local, at, domain = value.partition("@")
    return f"{local[:1]}***{at}{domain}"


def mask_address(value: str) -> str:
    """The first six characters (province, city, district as people write them), then ****."""
    value = value.strip()
    if not value:
        return ""
    return value[:6] + "****" if len(value) > 6 else "****"


def mask_postal_code(value: str) -> str:
    value = value.strip()
    return value[:2] + "*" * (len(value) - 2) if len(value) > 2 else value


def personal_data(app, full: bool) -> dict[str, str]:
    """The applicant's identifying and contact fields, in full or masked."""
    fields = {
        "id_number": app.id_number,
        "contact_phone": app.contact_phone,
        "contact_email": app.contact_email,
        "contact_address": app.contact_address,
        "postal_code": app.postal_code,
    }
    if full:
        return fields
    return {
        "id_number": mask_id_number(fields["id_number"]),
        "contact_phone": mask_phone(fields["contact_phone"]),
        "contact_email": mask_email(fields["contact_email"]),
        "contact_address": mask_address(fields["contact_address"]),
        "postal_code": mask_postal_code(fields["postal_code"]),
    }
