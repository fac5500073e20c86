"""The notices panel on the staff application page."""

from django import template

from ..panel import panel_context

register = template.Library()


@register.inclusion_tag("notices/panel.html", takes_context=True)
def notices_panel(context, app):
    return {**panel_context(context["request"], app), "csrf_token": context.get("csrf_token")}


@register.simple_tag
def draft_reply_link(app):
    """The draft reply the approver is about to sign, as links to its PDF and DOCX."""
    from django.urls import reverse
    from django.utils.html import format_html

    from ..kinds import LetterKind
    from ..services import current

    draft = current(app, LetterKind.REPLY)
    if draft is None:
        return "尚未生成（签发时自动生成）"
    return format_html(
        '第{}版{} · <a href="{}">PDF</a> · <a href="{}">DOCX</a>',
        draft.version,
        "（草稿）" if draft.draft else "",
        reverse("notices:download_pdf", args=[draft.pk]),
        reverse("notices:download_docx", args=[draft.pk]),
    )
