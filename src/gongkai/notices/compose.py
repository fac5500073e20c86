"""The text of each letter, from the application record. Pure: no numbering, no saving.

Each letter states its legal basis (the article of 《条例》 that decides, per outcome for replies).
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from gongkai.applications.choices import ApplicantType, ConsultedParty, EventKind, State
from gongkai.applications.deadline import due_info
from gongkai.applications.models import Application
from gongkai.holidays.table import working_calendar

from .kinds import FEE_RULES, OUTCOME_BASIS, OUTCOME_TEXT, LetterKind, cite


class NotApplicable(Exception):
    """This letter cannot be issued for the application in its present state (message for staff)."""


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# 《行政复议法》第二十条 (60 days) and 《行政诉讼法》第四十六条 (6 months); 《条例》第五十一条.
def remedy(app: Application) -> str:
    """The remedy sentence, naming the 复议机关 and the court when the agency has set them."""
    review = f"向{clause(app.agency.review_body)}" if clause(app.agency.review_body) else "依法"
    court = f"向{clause(app.agency.court)}" if clause(app.agency.court) else "依法向人民法院"
    return (
        f"如对本答复不服，可以自收到本告知书之日起六十日内{review}申请行政复议，"
        f"或者自收到本告知书之日起六个月内{court}提起行政诉讼（《条例》第五十一条）。"
    )


# -- punctuation: text typed by staff and applicants is set into sentences of the letter ------

_MARKS = "。，、；：！？,.;:!?"
_CLOSERS = "”’」』）)"


def clause(text: str) -> str:
    """Typed text to be set inside a sentence or quotation marks: without its final mark."""
    text = " ".join((text or "").split())
    while text and text[-1] in _MARKS:
        text = text[:-1].rstrip()
    return text


def sentence(text: str) -> str:
    """Typed text as a sentence of its own: one final mark, 。 unless it asks or exclaims."""
    text = (text or "").strip()
    core = clause(text)
    if not core:
        return ""
    end = text[len(core) :].strip()
    if core[-1] in _CLOSERS and len(core) > 1 and core[-2] in "。！？":
        return core  # “……。” closes the sentence already
    last = end[-1:]
    return core + ("！" if last and last in "!！" else "？" if last and last in "?？" else "。")


_DOUBLED = re.compile(f"[{_MARKS}]+(?=[{_MARKS}])")
_AROUND_CLOSER = re.compile(f"[{_MARKS}]([{_CLOSERS}])(?=[{_MARKS}])")


def tidy(text: str) -> str:
    """No doubled punctuation: of marks in a row the last (the letter's own) stays; a mark inside
    closing quotes or brackets followed by another outside loses the inner one."""
    text = _AROUND_CLOSER.sub(r"\1", text)
    return _DOUBLED.sub("", text)


def _you(app: Application) -> str:
    return "您" if app.applicant_type == ApplicantType.NATURAL_PERSON else "贵单位"


def _opening(app: Application) -> str:
    return (
        f"本机关于{cn_date(app.received_on)}收到{_you(app)}提出的政府信息公开申请（申请编号：{app.number}），"
        f"申请获取“{clause(app.description)}”。"
    )


def _reply(app: Application) -> tuple[dt.date, list[str], tuple[str, ...]]:
    if not app.outcome or app.state not in (
        State.DECIDED,
        State.REPLIED,
        State.SERVED,
        State.ARCHIVED,
    ):
        raise NotApplicable("尚未拟定答复，不能生成答复告知书。")
    articles = OUTCOME_BASIS[app.outcome]
    paragraphs = [_opening(app), OUTCOME_TEXT[app.outcome]]
    if sentence(app.decision_reason):
        paragraphs.append(sentence(app.decision_reason))
    if clause(app.redirect_to):
        paragraphs.append(f"{_you(app)}可以向{clause(app.redirect_to)}咨询或者申请。")
    if app.duplicate_of_id:
        paragraphs.append(f"本机关已就申请编号{app.duplicate_of.number}的申请作出答复。")
    paragraphs.append(f"依据{cite(articles)}的规定，特此告知。")
    paragraphs.append(remedy(app))
    # Dated when signed: a draft (decided, not signed) carries no date yet.
    return app.replied_on, paragraphs, articles


def _correction(app: Application):
    if not app.correction_requested_on:
        raise NotApplicable("本申请没有告知补正，不能生成补正告知书。")
    articles = ("第三十条",)
    paragraphs = [
        _opening(app),
        "经审查，申请内容不明确。请按下列事项一次性作出补正：",
        *[sentence(line) for line in app.correction_items.splitlines() if clause(line)],
        f"请于{cn_date(app.correction_due_on)}前提交补正后的申请。答复期限自本机关收到补正的申请之日起计算；"
        "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
        f"依据{cite(articles)}的规定，特此告知。",
    ]
    return app.correction_requested_on, paragraphs, articles


def _extension(app: Application):
    if not app.extension_days:
        raise NotApplicable("本申请没有经批准的延期，不能生成延期答复告知书。")
    if app.state == State.ARCHIVED:
        raise NotApplicable("本申请已归档，不能再生成延期答复告知书。")
    articles = ("第三十三条第二款",)
    info = due_info(app, working_calendar(), timezone.localdate())
    until = f"，答复期限延长至{cn_date(info.due_on)}" if info.due_on else ""
    paragraphs = [
        _opening(app),
        f"因{clause(app.extension_reason) or '需要延长答复期限'}，经本机关政府信息公开工作机构负责人同意，"
        f"答复期限延长{app.extension_days}个工作日{until}。",
        f"依据{cite(articles)}的规定，特此告知。",
    ]
    return app.extension_notified_on or app.extension_approved_on, paragraphs, articles


def _consultation(app: Application):
    consultation = app.consultations.order_by("-sent_on", "-pk").first()
    if consultation is None:
        raise NotApplicable("本申请没有征求意见记录，不能生成征求意见函。")
    third_party = consultation.party_kind == ConsultedParty.THIRD_PARTY
    articles = ("第三十二条",) if third_party else ("第三十四条",)
    consequence = (
        "逾期未提出意见的，由本机关依照《条例》的规定决定是否公开。"
        if third_party
        else "逾期未提出意见的，视为同意公开。"
    )
    paragraphs = [
        f"本机关收到政府信息公开申请（申请编号：{app.number}），申请获取“{clause(app.description)}”。"
        + ("该信息公开可能损害贵方合法权益。" if third_party else "该信息涉及贵机关。"),
        f"现书面征求贵方意见，请自收到本函之日起15个工作日内提出是否同意公开的意见及理由。{consequence}",
        f"依据{cite(articles)}的规定，特此函告。",
    ]
    return consultation.sent_on, paragraphs, articles, clause(consultation.party_name)


def _fee(app: Application):
    if not app.fee_notified_on:
        raise NotApplicable("本申请没有通知缴纳信息处理费，不能生成收费通知书。")
    # The breakdown as computed when the fee was notified (services.notify_fee logs it).
    event = app.events.filter(kind=EventKind.FEE_NOTIFIED).order_by("-pk").first()
    lines = event.payload.get("lines", []) if event else []
    articles = ("第四十二条",)
    paragraphs = [
        _opening(app),
        f"{_you(app)}申请公开政府信息的数量、频次明显超过合理范围。按照{FEE_RULES}（{app.get_fee_method_display()}），"
        f"应缴纳信息处理费{app.fee_amount}元：",
        *lines,
        f"请于{cn_date(app.fee_pay_by)}前缴纳；逾期未缴纳的，本机关不再处理该政府信息公开申请。"
        "答复期限自收到本通知之日起至缴纳费用之日止中止计算。",
        f"依据{cite(articles)}和{FEE_RULES}的规定，特此通知。",
    ]
    return app.fee_notified_on, paragraphs, articles


_BUILDERS = {
    LetterKind.REPLY: _reply,
    LetterKind.CORRECTION: _correction,
    LetterKind.EXTENSION: _extension,
    LetterKind.CONSULTATION: _consultation,
    LetterKind.FEE: _fee,
}


def contact_line(app: Application) -> str:
    """The 附注 under the date (GB/T 9704): whom the recipient calls, and the number."""
    agency = app.agency
    parts = []
    if clause(agency.contact_person):
        parts.append(f"联系人：{clause(agency.contact_person)}")
    if clause(agency.office_phone):
        parts.append(f"联系电话：{clause(agency.office_phone)}")
    return f"（{'；'.join(parts)}）" if parts else ""


def compose(app: Application, kind: str) -> dict:
    """The letter's text: title, addressee, paragraphs, the articles cited, issuer, date and the
    contact line. `date` is None on a reply not yet signed (a draft)."""
    built = _BUILDERS[LetterKind(kind)](app)
    day, paragraphs, articles = built[:3]
    recipient = built[3] if len(built) > 3 else clause(app.applicant_name)
    return {
        "kind": kind,
        "title": LetterKind(kind).label,
        "recipient": recipient,
        "paragraphs": [tidy(p) for p in paragraphs if p],
        "articles": list(articles),
        "issuer": app.agency.name,
        "date": day.isoformat() if day else None,
        "contact": contact_line(app),
        "application": app.number,
    }
