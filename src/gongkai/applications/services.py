"""Every change of an application's state. Each function checks the state and the actor's role at
the application's agency, applies the change and appends one ApplicationEvent, all in one
transaction; a refused transition raises a TransitionError and changes nothing.

Views, the portal and the API call these functions; nothing else assigns Application.state.

A transition is declared with @transition(name, event kind): the declaration locks the row,
checks the role and state of its RULES entry, saves, appends the event and refreshes the caller's
object, so the function below it holds only what is particular to the transition (its inputs,
its changes, its payload). start_consultation returns the Consultation it opens (Created), and
the two extension decisions pass a guard that also wants a pending request.

Explicit, because the declaration does not fit them: register and submit_online create the
application (nothing to lock yet; register checks the role at the agency chosen), and the two
review-case steps change a ReviewCase, not the application (saving it would only move its
updated_at; concluding checks the role alone, whatever the state, and locks the case as well).
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.agencies.models import Agency, Role, roles_at
from gongkai.deadlines import (
    CORRECTION_NOTICE_DAYS,
    MAX_EXTENSION_DAYS,
    DeadlineError,
    information_fee,
)
from gongkai.deadlines import FeeMethod as FeeMethodKind
from gongkai.holidays.table import working_calendar

from .choices import (
    OUTCOME_KEYS,
    Channel,
    ConsultedParty,
    DiscardReason,
    EventKind,
    FeeMethod,
    ReviewKind,
    ReviewResult,
    ServiceMethod,
    State,
)
from .deadline import due_info, refresh_stored_due
from .inputs import clean_payload, out_of_bounds
from .models import Application, ApplicationEvent, Consultation, ReviewCase
from .numbering import take_number


class TransitionError(Exception):
    """A refused transition; the message is shown to staff as is."""


class WrongState(TransitionError):
    pass


class WrongRole(TransitionError):
    pass


class InvalidInput(TransitionError):
    pass


# -- dates and bounds ------------------------------------------------------------------------

# 《政府信息公开条例》 took effect on 1 May 2008: no application handled here is older.
EARLIEST = dt.date(2008, 5, 1)
# A period the agency sets (补正期限, 缴费期限, the 第三十五条 deadline) ends within a year.
MAX_PERIOD = dt.timedelta(days=366)


def _check_day(day: dt.date, label: str, *after: tuple[dt.date | None, str]) -> None:
    """`day` records something that happened: not in the future, not before 2008-05-01, and not
    before any of the steps `after` it follows (pairs of date and what it is; None = not taken)."""
    today = timezone.localdate()
    if day > today:
        raise InvalidInput(f"{label}（{day}）晚于今天（{today}）：只能登记已经发生的日期。")
    if day < EARLIEST:
        raise InvalidInput(f"{label}（{day}）早于《条例》施行之日（{EARLIEST}）。")
    for earlier, what in after:
        if earlier is not None and day < earlier:
            raise InvalidInput(f"{label}（{day}）不能早于{what}（{earlier}）。")


def _check_period(end: dt.date, start: dt.date, label: str, start_label: str) -> None:
    """A period set by the agency: `end` after `start`, within a year."""
    if end <= start:
        raise InvalidInput(f"{label}应晚于{start_label}。")
    if end > start + MAX_PERIOD:
        raise InvalidInput(f"{label}（{end}）距{start_label}超过一年，请核对。")


def _save(obj) -> None:
    """Save after cleaning the text and checking every value fits its column (inputs.py)."""
    problems = out_of_bounds(obj)
    if problems:
        raise InvalidInput("；".join(problems) + "。")
    obj.save()


def _last_answer(app: Application) -> dt.date | None:
    """The day the last finished consultation ended (a later step cannot predate it)."""
    days = [c.answered_on for c in app.consultations.all() if c.answered_on]
    return max(days, default=None)


def receipt_date(
    channel: str,
    submitted_on: dt.date,
    signed_on: dt.date | None = None,
    confirmed_on: dt.date | None = None,
) -> dt.date:
    """收到申请之日 by channel (《条例》第三十一条).

    E-mail is a 数据电文 sent over the internet, so, like online forms and fax, it counts from the
    date both sides confirm (第三十一条第（三）项; 国办公开办函〔2015〕207号 used the mail system's
    receipt date, superseded by the 2019 Regulation).
    """
    if channel == Channel.IN_PERSON:
        return submitted_on
    if channel == Channel.POST_SIGNED:
        if signed_on is None:
            raise InvalidInput(
                "邮寄需签收的申请，以行政机关签收之日为收到申请之日，请填写签收日期。"
            )
        return signed_on
    if channel in (Channel.ORDINARY_LETTER, Channel.INTERNET, Channel.FAX, Channel.EMAIL):
        if confirmed_on is None:
            raise InvalidInput(
                f"{Channel(channel).label}提交的申请，以双方确认之日为收到申请之日，请填写确认日期。"
            )
        return confirmed_on
    raise InvalidInput(f"未知的提交方式：{channel}")


def _check_role(app: Application, actor, allowed: Iterable[str], action: str) -> set[str]:
    held = roles_at(actor, app.agency_id)
    if not held & set(allowed):
        need = "、".join(r.label for r in Role if r in set(allowed))
        raise WrongRole(f"无权{action}：需要本机关的{need}角色。")
    return held


def _check_state(app: Application, allowed: Iterable[State], action: str) -> None:
    allowed = set(allowed)
    if app.state not in allowed:
        need = "、".join(s.label for s in State if s in allowed)
        raise WrongState(
            f"不能{action}：申请当前状态为“{app.get_state_display()}”，只有“{need}”状态可以。"
        )


@dataclass(frozen=True)
class Rule:
    label: str
    states: frozenset[str]
    roles: frozenset[str]
    # Extra condition on the record beyond the state (e.g. an extension awaiting approval).
    needs: Callable[[Application], bool] | None = None


_REVIEWING = frozenset({State.IN_REVIEW, State.IN_CONSULTATION})
_ANSWERED = frozenset({State.REPLIED, State.SERVED, State.ARCHIVED})
_H = frozenset({Role.HANDLER})
_RH = frozenset({Role.REGISTRAR, Role.HANDLER})
_A = frozenset({Role.APPROVER})
_HA = frozenset({Role.HANDLER, Role.APPROVER})
# Registration data may be corrected until the reply is signed (the answered case is on record).
_CORRECTABLE = frozenset(
    {
        State.REGISTERED,
        State.IN_REVIEW,
        State.AWAITING_CORRECTION,
        State.IN_CONSULTATION,
        State.AWAITING_FEE,
        State.DECIDED,
    }
)


def _extension_pending(app: Application) -> bool:
    return bool(app.extension_requested_days) and not app.extension_days


def _extension_possible(app: Application) -> bool:
    return not app.extension_requested_days and not app.extension_days


def _review_pending(app: Application) -> bool:
    return app.review_cases.filter(result="pending").exists()


# Which transition is allowed in which state and to which role (at the application's agency).
# The services enforce it; the staff views use it to offer only what would succeed.
RULES: dict[str, Rule] = {
    "confirm_receipt": Rule("确认收到申请", frozenset({State.SUBMITTED}), _RH),
    "correct_registration": Rule("更正登记信息", _CORRECTABLE, frozenset({Role.REGISTRAR})),
    "start_review": Rule("开始审查", frozenset({State.REGISTERED}), _H),
    "request_correction": Rule(
        "告知补正", frozenset({State.IN_REVIEW}), _H, lambda a: not a.correction_requested_on
    ),
    "receive_correction": Rule("登记补正", frozenset({State.AWAITING_CORRECTION}), _RH),
    "lapse_correction": Rule("按逾期未补正处理", frozenset({State.AWAITING_CORRECTION}), _H),
    "start_consultation": Rule("征求意见", frozenset({State.IN_REVIEW}), _H),
    "end_consultation": Rule("结束征求意见", frozenset({State.IN_CONSULTATION}), _H),
    "request_extension": Rule("申请延期", _REVIEWING, _H, _extension_possible),
    "set_reasonable_deadline": Rule(
        "确定延迟答复期限（第三十五条）", _REVIEWING, _A, lambda a: not a.art35_deadline
    ),
    "approve_extension": Rule("批准延期", _REVIEWING, _A, _extension_pending),
    "refuse_extension": Rule("不同意延期", _REVIEWING, _A, _extension_pending),
    "notify_fee": Rule(
        "通知缴纳信息处理费", frozenset({State.IN_REVIEW}), _H, lambda a: not a.fee_notified_on
    ),
    "record_fee_paid": Rule("登记缴费", frozenset({State.AWAITING_FEE}), _RH),
    "lapse_fee": Rule("按逾期未缴费处理", frozenset({State.AWAITING_FEE}), _H),
    "decide": Rule("拟定答复", frozenset({State.IN_REVIEW}), _H),
    "sign_reply": Rule("签发答复", frozenset({State.DECIDED}), _A),
    "return_draft": Rule("退回修改", frozenset({State.DECIDED}), _A),
    "serve": Rule("登记送达", frozenset({State.REPLIED}), _RH),
    "archive": Rule("归档", frozenset({State.SERVED}), _RH),
    "record_review_case": Rule("记录复议诉讼", _ANSWERED, _HA),
    "conclude_review_case": Rule("记录复议诉讼结果", _ANSWERED, _HA, _review_pending),
}


def allowed_transitions(app: Application, user) -> list[str]:
    """The transitions `user` could perform on `app` now (for offering buttons)."""
    held = roles_at(user, app.agency_id)
    return [
        name
        for name, rule in RULES.items()
        if held & rule.roles
        and app.state in rule.states
        and (rule.needs is None or rule.needs(app))
    ]


def _guard(app: Application, actor, name: str) -> None:
    rule = RULES[name]
    _check_role(app, actor, rule.roles, rule.label)
    _check_state(app, rule.states, rule.label)


def _record(
    app: Application, actor, kind: EventKind, before: str, payload: dict
) -> ApplicationEvent:
    """Append the event, and refresh the stored due date: every transition ends here, after all
    of its changes (consultations included) are saved, so this is the one place to keep it true."""
    if refresh_stored_due([app]):
        Application.objects.filter(pk=app.pk).update(
            answer_due_on=app.answer_due_on,
            answer_due_error=app.answer_due_error,
            answer_due_provisional=app.answer_due_provisional,
        )
    return log_event(app, actor, kind, payload, before=before)


def log_event(
    app: Application, actor, kind: EventKind, payload: dict, *, before: str | None = None
) -> ApplicationEvent:
    """Append to the case's log, its text cleaned: the state `before` (if not given, the state
    now: a step that changes none, such as a file attached or a letter issued) and after."""
    return ApplicationEvent.objects.create(
        application=app,
        actor=actor,
        kind=kind,
        state_before=app.state if before is None else before,
        state_after=app.state,
        payload=clean_payload(payload),
    )


def _locked(app: Application) -> Application:
    """A fresh, row-locked copy, so checks see the committed state and concurrent changes wait."""
    return Application.objects.select_for_update().select_related("agency").get(pk=app.pk)


def _finish(original: Application, locked: Application) -> Application:
    original.refresh_from_db()
    return locked


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


# -- the declaration of a transition ---------------------------------------------------------


@dataclass(frozen=True)
class Created:
    """What a transition body returns when it creates a row the caller needs (the consultation it
    opens): the caller gets that row instead of the application; the event gets the payload."""

    row: Consultation
    payload: dict


def transition(
    name: str, kind: EventKind, *, guard: Callable[[Application, Any, str], None] = _guard
):
    """Declare the function below as transition `name` (its RULES entry), appending an event of
    `kind`. The function is the transition's body: it gets the locked application and the
    caller's keywords, checks its inputs, changes the application and returns the event's payload
    (or Created). The declaration keeps the caller's signature and does the rest in one
    transaction: lock the row, check the role and then the state (`guard`; so a user is refused by
    role before state and by both before any input), remember the state before, run the body,
    save with the bounds check, append the event (which refreshes the stored due date), refresh
    the caller's object, and return the locked copy."""

    def declare(body: Callable[..., dict | Created]) -> Callable[..., Any]:
        signature = inspect.signature(body)

        @functools.wraps(body)
        @transaction.atomic
        def run(app: Application, *, actor, **inputs):
            # A wrong keyword fails as in a plain call: before the row is locked or a role checked.
            signature.bind(app, actor=actor, **inputs)
            locked = _locked(app)
            guard(locked, actor, name)
            before = locked.state
            done = body(locked, actor=actor, **inputs)
            payload = done.payload if isinstance(done, Created) else done
            _save(locked)
            _record(locked, actor, kind, before, payload)
            _finish(app, locked)
            return done.row if isinstance(done, Created) else locked

        return run

    return declare


# -- registration ---------------------------------------------------------------------------

_REGISTRATION_FIELDS = (
    "applicant_type applicant_name id_doc_type id_number credit_code legal_representative "
    "contact_phone contact_email contact_address postal_code description purpose delivery_form "
    "channel submitted_on signed_on confirmed_on"
).split()


def _validate_registration(app: Application) -> None:
    """The applicant and request fields as the model requires them, text cleaned and bounded,
    and the submission dates in order (《条例》第三十一条)."""
    if app.credit_code:
        app.credit_code = app.credit_code.upper()
    if app.id_number:
        app.id_number = app.id_number.upper()
    problems = out_of_bounds(app)
    if problems:
        raise InvalidInput("；".join(problems) + "。")
    try:
        app.full_clean(exclude=["number"])
    except ValidationError as e:
        labels = {f.name: str(f.verbose_name) for f in Application._meta.fields}
        raise InvalidInput(
            "；".join(f"{labels.get(k, k)}：{'，'.join(v)}" for k, v in e.message_dict.items())
        ) from e
    _check_day(app.submitted_on, "提交日期")
    for day, label in ((app.signed_on, "签收日期"), (app.confirmed_on, "确认日期")):
        if day is not None:
            _check_day(day, label, (app.submitted_on, "提交日期"))


def _new_application(agency: Agency, data: dict) -> Application:
    unknown = set(data) - set(_REGISTRATION_FIELDS)
    if unknown:
        raise InvalidInput(f"未知字段：{', '.join(sorted(unknown))}")
    app = Application(agency=agency, **data)
    _validate_registration(app)
    return app


def _number(app: Application, agency: Agency, day: dt.date) -> None:
    app.number = take_number(agency, day.year)


@transaction.atomic
def register(*, actor, agency: Agency, data: dict) -> Application:
    """登记 (第四十五条). `data` holds the applicant, request and receipt fields of Application."""
    held = roles_at(actor, agency.pk)
    if not held & _RH:
        raise WrongRole("无权登记申请：需要本机关的登记或承办角色。")
    data = dict(data)
    channel, submitted = data.get("channel"), data.get("submitted_on")
    if channel is None or submitted is None:
        raise InvalidInput("请填写提交方式和提交日期。")
    received = receipt_date(channel, submitted, data.get("signed_on"), data.get("confirmed_on"))
    app = _new_application(agency, data)
    app.received_on = received
    _number(app, agency, received)
    app.state = State.REGISTERED
    _save(app)
    _record(
        app,
        actor,
        EventKind.REGISTERED,
        "",
        {"received_on": received.isoformat(), "channel": app.channel},
    )
    return app


@transaction.atomic
def submit_online(*, agency: Agency, data: dict) -> Application:
    """An application filed by the applicant on the portal. It has a number at once (to quote when
    asking about it) but no receipt date until staff confirm it (第三十一条第（三）项)."""
    data = {**data, "channel": Channel.INTERNET, "signed_on": None, "confirmed_on": None}
    if data.get("submitted_on") is None:
        raise InvalidInput("请填写提交日期。")
    app = _new_application(agency, data)
    _number(app, agency, app.submitted_on)
    app.state = State.SUBMITTED
    _save(app)
    _record(app, None, EventKind.SUBMITTED, "", {"submitted_on": app.submitted_on.isoformat()})
    return app


@transition("confirm_receipt", EventKind.RECEIPT_CONFIRMED)
def confirm_receipt(app: Application, *, actor, on: dt.date) -> dict:
    """Staff confirm a portal submission with the applicant; that day is the day of receipt."""
    _check_day(on, "确认日期", (app.submitted_on, "提交日期"))
    app.state = State.REGISTERED
    app.confirmed_on = app.received_on = on
    return {"received_on": on.isoformat()}


def _first_step_after_receipt(app: Application) -> tuple[dt.date, str] | None:
    """The earliest later step recorded on the case (a corrected receipt date cannot follow it)."""
    steps = [
        (app.correction_requested_on, "告知补正日期"),
        (app.extension_requested_on, "申请延期日期"),
        (app.fee_notified_on, "收费通知日期"),
        (app.decided_on, "拟办日期"),
        *((c.sent_on, "发出征求意见书日期") for c in app.consultations.all()),
    ]
    dated = [(day, what) for day, what in steps if day is not None]
    return min(dated, default=None)


def _shown(value) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else value


@transition("correct_registration", EventKind.REGISTRATION_CORRECTED)
def correct_registration(app: Application, *, actor, data: dict, reason: str) -> dict:
    """更正登记信息: a registrar corrects what was registered (the applicant, the request, the
    channel and its dates, hence the receipt date of 第三十一条), with a reason. The event keeps
    each changed field before and after; the due date is recomputed (by _record)."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput("请说明更正的理由。")
    unknown = set(data) - set(_REGISTRATION_FIELDS)
    if unknown:
        raise InvalidInput(f"未知字段：{', '.join(sorted(unknown))}")
    before_values = {name: getattr(app, name) for name in _REGISTRATION_FIELDS}
    before_received = app.received_on
    for name, value in data.items():
        setattr(app, name, value)
    _validate_registration(app)
    received = receipt_date(app.channel, app.submitted_on, app.signed_on, app.confirmed_on)
    later = _first_step_after_receipt(app)
    if later is not None and received > later[0]:
        raise InvalidInput(
            f"更正后的收到申请之日（{received}）晚于已登记的{later[1]}（{later[0]}），请先核对。"
        )
    app.received_on = received
    changes = {
        name: {"before": _shown(before_values[name]), "after": _shown(getattr(app, name))}
        for name in _REGISTRATION_FIELDS
        if getattr(app, name) != before_values[name]
    }
    if received != before_received:
        changes["received_on"] = {"before": _shown(before_received), "after": _shown(received)}
    if not changes:
        raise InvalidInput("没有需要更正的内容。")
    return {"reason": reason, "changes": changes}


@transition("start_review", EventKind.REVIEW_STARTED)
def start_review(app: Application, *, actor) -> dict:
    """承办人 takes the case (审核、办理)."""
    app.state = State.IN_REVIEW
    app.handler = actor
    return {}


# -- 补正 (第三十条) -------------------------------------------------------------------------


@transition("request_correction", EventKind.CORRECTION_REQUESTED)
def request_correction(
    app: Application, *, actor, items: str, due_on: dt.date, on: dt.date
) -> dict:
    """告知补正: once, stating what to correct and by when (第三十条)."""
    if app.correction_requested_on:
        raise InvalidInput("补正只能一次性告知（《条例》第三十条），本申请已告知过补正。")
    if not items.strip():
        raise InvalidInput("请说明需要补正的事项。")
    _check_day(on, "告知补正日期", (app.received_on, "收到申请之日"))
    _check_period(due_on, on, "补正期限", "告知日期")
    try:
        limit = working_calendar().add_working_days(app.received_on, CORRECTION_NOTICE_DAYS)
    except DeadlineError:
        limit = None  # the year's holidays are not known; the due-date view says so
    app.state = State.AWAITING_CORRECTION
    app.correction_requested_on = on
    app.correction_items = items
    app.correction_due_on = due_on
    return {
        "items": items,
        "due_on": due_on.isoformat(),
        "on": on.isoformat(),
        "late_notice": None if limit is None else on > limit,
        "notice_limit": _iso(limit),
    }


@transition("receive_correction", EventKind.CORRECTION_RECEIVED)
def receive_correction(app: Application, *, actor, on: dt.date, note: str = "") -> dict:
    """The corrected application arrives; the answer period restarts from this day (第三十条)."""
    _check_day(on, "收到补正日期", (app.correction_requested_on, "告知补正日期"))
    app.state = State.IN_REVIEW
    app.correction_received_on = on
    return {"on": on.isoformat(), "note": note}


# The outcomes of a lapse (each reached only through its own transition), with the reply's reason.
_LAPSE_REASONS = {
    "other.no_correction": "申请人无正当理由逾期不补正，视为放弃申请（《条例》第三十条）。",
    "other.fee_not_paid": "申请人逾期未按收费通知要求缴纳费用，不再处理其政府信息公开申请。",
}


def _lapse(app: Application, on: dt.date, due: dt.date, step: str, outcome: str) -> dict:
    """The applicant let the period for `step` (补正, 缴费) end on `due`: from the next day the
    case is decided as `outcome`, not processed further."""
    if on <= due:
        raise InvalidInput(f"{step}期限至{due}，期限届满后才能按逾期未{step}处理。")
    _check_day(on, "处理日期")
    app.state = State.DECIDED
    app.outcome = outcome
    app.decided_on = on
    app.decision_reason = _LAPSE_REASONS[outcome]
    return {"on": on.isoformat(), "outcome": outcome}


@transition("lapse_correction", EventKind.CORRECTION_LAPSED)
def lapse_correction(app: Application, *, actor, on: dt.date) -> dict:
    """No 补正 in time: deemed abandoned, not processed further (第三十条; 表三 （六）1)."""
    return _lapse(app, on, app.correction_due_on, "补正", "other.no_correction")


# -- consultation (第三十二条, 第三十四条) ---------------------------------------------------


@transition("start_consultation", EventKind.CONSULTATION_STARTED)
def start_consultation(
    app: Application, *, actor, party_kind: str, party_name: str, sent_on: dt.date
) -> Created:
    """Written consultation; the answer clock pauses until it ends (第三十三条第三款). The caller
    gets the Consultation."""
    if party_kind not in ConsultedParty.values:
        raise InvalidInput(f"未知的征求对象类型：{party_kind}")
    if not party_name.strip():
        raise InvalidInput("请填写征求意见的对象。")
    _check_day(
        sent_on,
        "发出征求意见书日期",
        (app.clock_start, "答复期限起算日"),
        (_last_answer(app), "上一次征求意见结束日期"),
        (app.fee_paid_on, "缴费日期"),
    )
    consultation = Consultation(
        application=app, party_kind=party_kind, party_name=party_name, sent_on=sent_on
    )
    _save(consultation)
    app.state = State.IN_CONSULTATION
    payload = {
        "consultation": consultation.pk,
        "party_kind": party_kind,
        "party_name": party_name,
        "sent_on": sent_on.isoformat(),
    }
    return Created(consultation, payload)


@transition("end_consultation", EventKind.CONSULTATION_ENDED)
def end_consultation(app: Application, *, actor, answered_on: dt.date, opinion: str = "") -> dict:
    """The opinion arrives, or the 15 working days lapse (silence: 第三十二条 the body decides;
    第三十四条 the other agency is deemed to consent)."""
    consultation = app.consultations.filter(answered_on__isnull=True).last()
    if consultation is None:  # pragma: no cover - state and rows are changed together
        raise WrongState("没有正在进行的征求意见。")
    _check_day(answered_on, "收到意见日期", (consultation.sent_on, "发出征求意见书日期"))
    consultation.answered_on = answered_on
    consultation.opinion = opinion
    _save(consultation)
    app.state = State.IN_REVIEW
    return {
        "consultation": consultation.pk,
        "answered_on": answered_on.isoformat(),
        "opinion": opinion,
    }


# -- extension (第三十三条第二款) -------------------------------------------------------------


def _check_inside_clock(app: Application, on: dt.date, what: str) -> None:
    """《条例》第三十三条第二款: the period may be extended while it runs, not once it has expired.
    `app` has no approved extension yet, so the due date is the original one. A paused clock (no
    due date) has not expired."""
    due = due_info(app, working_calendar(), on).due_on
    if due is not None and on > due:
        raise InvalidInput(
            f"答复期限已于{due}届满，不能再{what}：延长答复期限应在期限届满前经政府信息公开工作机构负责人同意"
            "并告知申请人（《条例》第三十三条第二款）。"
        )


@transition("request_extension", EventKind.EXTENSION_REQUESTED)
def request_extension(
    app: Application, *, actor, days: int, reason: str, on: dt.date | None = None
) -> dict:
    """The handler asks the head of the GIO body to extend, on `on` (today if not given), while
    the answer period runs (第三十三条第二款)."""
    on = on or timezone.localdate()
    if app.extension_days or app.extension_requested_days:
        raise InvalidInput("答复期限只能延长一次，本申请已申请或批准过延期。")
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise InvalidInput(
            f"延长的期限最长不得超过{MAX_EXTENSION_DAYS}个工作日（《条例》第三十三条）。"
        )
    if not reason.strip():
        raise InvalidInput("请说明延期理由。")
    _check_day(on, "申请延期日期", (app.clock_start, "答复期限起算日"))
    _check_inside_clock(app, on, "申请延期")
    app.extension_requested_days = days
    app.extension_requested_on = on
    app.extension_reason = reason
    return {"days": days, "reason": reason, "on": on.isoformat()}


def _pending_extension(locked: Application, actor, name: str) -> None:
    _guard(locked, actor, name)
    if not _extension_pending(locked):
        raise WrongState(f"不能{RULES[name].label}：没有待审批的延期申请。")


@transition("approve_extension", EventKind.EXTENSION_APPROVED, guard=_pending_extension)
def approve_extension(app: Application, *, actor, on: dt.date, notified_on: dt.date) -> dict:
    """The head of the GIO body consents on `on`; the applicant is told (第三十三条第二款)."""
    _check_day(
        on,
        "批准日期",
        (app.extension_requested_on, "申请延期日期"),
        (app.clock_start, "答复期限起算日"),
    )
    _check_day(notified_on, "告知申请人日期", (on, "批准日期"))
    _check_inside_clock(app, on, "批准延期")
    app.extension_days = app.extension_requested_days
    app.extension_approved_on = on
    app.extension_notified_on = notified_on
    return {
        "days": app.extension_days,
        "on": on.isoformat(),
        "notified_on": notified_on.isoformat(),
    }


@transition("refuse_extension", EventKind.EXTENSION_REFUSED, guard=_pending_extension)
def refuse_extension(app: Application, *, actor, reason: str = "") -> dict:
    """The head of the GIO body does not consent (第三十三条第二款): the original period stands."""
    days = app.extension_requested_days
    app.extension_requested_days = None
    app.extension_requested_on = None
    return {"days": days, "reason": reason}


@transition("set_reasonable_deadline", EventKind.REASONABLE_DEADLINE_SET)
def set_reasonable_deadline(
    app: Application, *, actor, deadline: dt.date, reason: str, notified_on: dt.date
) -> dict:
    """《条例》第三十五条: a large or frequent request with reasonable grounds that cannot be
    answered within 第三十三条's period gets a reasonable later deadline, told to the applicant.
    (Unreasonable grounds are the outcome not_processed.excessive instead.)"""
    if app.art35_deadline:
        raise InvalidInput("已确定过延迟答复期限。")
    if not reason.strip():
        raise InvalidInput("请说明确定延迟答复期限的理由。")
    _check_day(notified_on, "告知日期", (app.clock_start, "答复期限起算日"))
    current = due_info(app, working_calendar(), notified_on).due_on
    if current is not None and deadline <= current:
        raise InvalidInput(f"延迟答复期限应晚于现行答复期限（{current}）。")
    _check_period(deadline, notified_on, "延迟答复期限", "告知日期")
    app.art35_deadline = deadline
    app.art35_reason = reason
    return {
        "deadline": deadline.isoformat(),
        "reason": reason,
        "notified_on": notified_on.isoformat(),
    }


# -- 信息处理费 (《条例》第四十二条; 国办函〔2020〕109号) -----------------------------------------


@transition("notify_fee", EventKind.FEE_NOTIFIED)
def notify_fee(
    app: Application,
    *,
    actor,
    method: str,
    quantity: int,
    on: dt.date,
    pay_by: dt.date,
    already_this_month: int = 0,
) -> dict:
    """收费通知: the fee computed by gongkai.deadlines from the chosen method and quantity; the
    answer clock is paused until payment."""
    if app.fee_notified_on:
        raise InvalidInput("本申请已通知过缴费。")
    if method not in FeeMethod.values:
        raise InvalidInput(f"未知的收费方式：{method}")
    _check_day(
        on,
        "收费通知日期",
        (app.clock_start, "答复期限起算日"),
        (_last_answer(app), "征求意见结束日期"),
    )
    _check_period(pay_by, on, "缴费期限", "通知日期")
    try:
        fee = information_fee(
            FeeMethodKind[method], quantity, already_this_month=already_this_month
        )
    except DeadlineError as e:
        raise InvalidInput(str(e)) from e
    if fee.amount == 0:
        raise InvalidInput("按该数量不收取信息处理费，无需通知缴费。")
    app.state = State.AWAITING_FEE
    app.fee_method, app.fee_quantity, app.fee_amount = method, quantity, fee.amount
    app.fee_notified_on, app.fee_pay_by = on, pay_by
    return {
        "on": on.isoformat(),
        "pay_by": pay_by.isoformat(),
        "amount": fee.amount,
        "lines": fee.lines(),
    }


@transition("record_fee_paid", EventKind.FEE_PAID)
def record_fee_paid(app: Application, *, actor, on: dt.date) -> dict:
    """缴费: paid on `on`; the answer clock runs again."""
    _check_day(on, "缴费日期", (app.fee_notified_on, "收费通知日期"))
    app.state = State.IN_REVIEW
    app.fee_paid_on = on
    return {"on": on.isoformat(), "amount": app.fee_amount}


@transition("lapse_fee", EventKind.FEE_LAPSED)
def lapse_fee(app: Application, *, actor, on: dt.date) -> dict:
    """Not paid in time: not processed further (表三 （六）2)."""
    return _lapse(app, on, app.fee_pay_by, "缴费", "other.fee_not_paid")


# -- decision, reply, service, archive ------------------------------------------------------

# Outcomes reached only through their own transition.
_OUTCOMES_WITH_OWN_TRANSITION = set(_LAPSE_REASONS)


@transition("decide", EventKind.DECIDED)
def decide(
    app: Application,
    *,
    actor,
    outcome: str,
    reason: str = "",
    on: dt.date,
    duplicate_of: Application | None = None,
    redirect_to: str = "",
) -> dict:
    """拟定答复: exactly one leaf outcome row of 表三 (2021 format)."""
    if outcome not in OUTCOME_KEYS:
        raise InvalidInput(f"办理结果必须是表三的一个末级项目，“{outcome}”不是。")
    if outcome in _OUTCOMES_WITH_OWN_TRANSITION:
        raise InvalidInput("逾期未补正、逾期未缴费请使用相应的“按逾期……处理”。")
    if outcome != "granted" and not reason.strip():
        raise InvalidInput("除予以公开外，答复应说明理由（《条例》第三十六条）。")
    if outcome == "unable.unclear_after_correction" and not app.correction_received_on:
        raise InvalidInput("只有补正后的申请才能以“补正后申请内容仍不明确”答复。")
    if outcome == "not_processed.duplicate":
        if (
            duplicate_of is None
            or duplicate_of.agency_id != app.agency_id
            or duplicate_of.pk == app.pk
        ):
            raise InvalidInput(
                "重复申请应指明本机关已答复的原申请（《条例》第三十六条第（六）项）。"
            )
        if duplicate_of.state not in (State.REPLIED, State.SERVED, State.ARCHIVED):
            raise InvalidInput("原申请尚未答复，不能按重复申请处理。")
    elif duplicate_of is not None:
        raise InvalidInput("只有“重复申请”才关联原申请。")
    _check_day(
        on,
        "拟办日期",
        (app.clock_start, "答复期限起算日"),
        (_last_answer(app), "征求意见结束日期"),
        (app.fee_paid_on, "缴费日期"),
        (app.extension_approved_on, "批准延期日期"),
    )
    app.state = State.DECIDED
    app.outcome = outcome
    app.decision_reason = reason
    app.decided_on = on
    app.duplicate_of = duplicate_of
    app.redirect_to = redirect_to
    return {
        "outcome": outcome,
        "reason": reason,
        "on": on.isoformat(),
        "duplicate_of": duplicate_of.number if duplicate_of else None,
        "redirect_to": redirect_to,
    }


@transition("sign_reply", EventKind.REPLY_SIGNED)
def sign_reply(app: Application, *, actor, on: dt.date) -> dict:
    """The head of the GIO body signs the reply (答复)."""
    _check_day(on, "签发日期", (app.decided_on, "拟办日期"))
    app.state = State.REPLIED
    app.replied_on = on
    app.signed_by = actor
    return {"on": on.isoformat()}


@transition("return_draft", EventKind.DRAFT_RETURNED)
def return_draft(app: Application, *, actor, reason: str) -> dict:
    """审核退回: the approver sends the draft back with a reason. The case returns to the state the
    draft was made in (审查办理中, or 待补正/待缴费 for a lapse) and the draft's outcome is cleared;
    the event keeps what was returned, so the handler sees it and redrafts."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput("请说明退回修改的理由。")
    drafted = app.events.filter(state_after=State.DECIDED).order_by("-pk").first()
    returned = {
        "outcome": app.outcome,
        "draft_reason": app.decision_reason,
        "decided_on": _iso(app.decided_on),
        "duplicate_of": app.duplicate_of.number if app.duplicate_of_id else None,
        "redirect_to": app.redirect_to,
    }
    app.state = (
        drafted.state_before if drafted is not None and drafted.state_before else State.IN_REVIEW
    )
    app.outcome, app.decision_reason, app.decided_on = "", "", None
    app.duplicate_of, app.redirect_to = None, ""
    return {"reason": reason, **returned}


@transition("serve", EventKind.SERVED)
def serve(app: Application, *, actor, method: str, on: dt.date, proof: str) -> dict:
    """送达: how, when, and the proof (tracking number, signature, system receipt)."""
    if method not in ServiceMethod.values:
        raise InvalidInput(f"未知的送达方式：{method}")
    if not proof.strip():
        raise InvalidInput("请填写送达凭证（如邮件单号、签收人）。")
    _check_day(on, "送达日期", (app.replied_on, "答复日期"))
    app.state = State.SERVED
    app.service_method = method
    app.served_on = on
    app.service_proof = proof
    return {"method": method, "on": on.isoformat(), "proof": proof}


@transition("archive", EventKind.ARCHIVED)
def archive(app: Application, *, actor, on: dt.date) -> dict:
    """归档 (第四十五条)."""
    _check_day(on, "归档日期", (app.served_on, "送达日期"))
    app.state = State.ARCHIVED
    app.archived_on = on
    return {"on": on.isoformat()}


# -- review and litigation (表四) ------------------------------------------------------------


def _record_review_case(app: Application, actor, case: ReviewCase, *, new: bool) -> None:
    """Recording a review case and concluding it both append REVIEW_CASE_RECORDED, the state
    unchanged; a new case's event gives its filing date too."""
    filed = {"filed_on": case.filed_on.isoformat()} if new else {}
    payload = {
        "review_case": case.pk,
        "kind": case.kind,
        **filed,
        "result": case.result,
        "concluded_on": _iso(case.concluded_on),
    }
    _record(app, actor, EventKind.REVIEW_CASE_RECORDED, app.state, payload)


@transaction.atomic
def record_review_case(
    app: Application,
    *,
    actor,
    kind: str,
    filed_on: dt.date,
    result: str = ReviewResult.PENDING,
    concluded_on: dt.date | None = None,
    note: str = "",
) -> ReviewCase:
    """A 行政复议 or 行政诉讼 against the reply, with its result once concluded."""
    locked = _locked(app)
    _guard(locked, actor, "record_review_case")
    if kind not in ReviewKind.values:
        raise InvalidInput(f"未知的复议诉讼类型：{kind}")
    if result not in ReviewResult.values:
        raise InvalidInput(f"未知的结果：{result}")
    if (result == ReviewResult.PENDING) != (concluded_on is None):
        raise InvalidInput("尚未审结的案件不填审结日期；已审结的案件应填写审结日期。")
    _check_day(filed_on, "申请复议或起诉日期", (locked.replied_on, "答复日期"))
    if concluded_on is not None:
        _check_day(concluded_on, "审结日期", (filed_on, "申请复议或起诉日期"))
    if (
        kind == ReviewKind.LITIGATION_AFTER_REVIEW
        and not locked.review_cases.filter(kind=ReviewKind.REVIEW).exists()
    ):
        raise InvalidInput("复议后起诉应先有行政复议记录。")
    case = ReviewCase(
        application=locked,
        kind=kind,
        filed_on=filed_on,
        result=result,
        concluded_on=concluded_on,
        note=note,
    )
    _save(case)
    _record_review_case(locked, actor, case, new=True)
    _finish(app, locked)
    return case


@transaction.atomic
def conclude_review_case(
    case: ReviewCase, *, actor, result: str, concluded_on: dt.date, note: str = ""
) -> ReviewCase:
    """The decision of the review body or court (表四: 维持, 纠正, 其他)."""
    locked = _locked(case.application)
    _check_role(
        locked, actor, RULES["conclude_review_case"].roles, RULES["conclude_review_case"].label
    )
    case = ReviewCase.objects.select_for_update().get(pk=case.pk)
    if case.result != ReviewResult.PENDING:
        raise WrongState("该复议诉讼已审结。")
    if result not in ReviewResult.values or result == ReviewResult.PENDING:
        raise InvalidInput("请选择维持、纠正或其他结果。")
    _check_day(concluded_on, "审结日期", (case.filed_on, "申请复议或起诉日期"))
    case.result = result
    case.concluded_on = concluded_on
    if note:
        case.note = note
    _save(case)
    _record_review_case(locked, actor, case, new=False)
    return case


# -- assignment, and online submissions declined or discarded --------------------------------

_UNFINISHED = frozenset(State) - {State.ARCHIVED, State.NOT_ACCEPTED, State.DISCARDED}

# The head of the office (审核签发) or the registrar who enters the case hands it to a handler.
RULES["assign"] = Rule("分配承办人", _UNFINISHED, frozenset({Role.REGISTRAR, Role.APPROVER}))
RULES["decline_submission"] = Rule("不予受理", frozenset({State.SUBMITTED}), _RH)
RULES["discard_submission"] = Rule("作废（垃圾信息或重复提交）", frozenset({State.SUBMITTED}), _RH)


def _person(user) -> str | None:
    return (user.get_full_name() or user.get_username()) if user is not None else None


@transition("assign", EventKind.ASSIGNED)
def assign(app: Application, *, actor, handler) -> dict:
    """分配承办人: the case goes to one handler of its agency, who then finds it in 我的待办."""
    if (
        handler is None
        or not handler.is_active
        or Role.HANDLER not in roles_at(handler, app.agency_id)
    ):
        raise InvalidInput("只能分配给本机关的承办人员。")
    if app.handler_id == handler.pk:
        raise InvalidInput(f"本申请已由{_person(handler)}承办。")
    previous = app.handler
    app.handler = handler
    return {
        "handler": _person(handler),
        "handler_id": handler.pk,
        "previous_handler": _person(previous),
    }


@transition("decline_submission", EventKind.SUBMISSION_NOT_ACCEPTED)
def decline_submission(app: Application, *, actor, reason: str, on: dt.date) -> dict:
    """不予受理: an online submission that is not an application to answer (a complaint, no
    identifiable applicant…), declined with the reason the applicant sees on the status page.
    It was never received (第三十一条), so it enters no 表三 figure; a request that is an
    application is confirmed and answered instead, e.g. 不予处理 (第三十六条第（六）项, 第三十九条)."""
    if not reason.strip():
        raise InvalidInput("请说明不予受理的理由（申请人查询进度时可见）。")
    if on < app.submitted_on:
        raise InvalidInput("处理日期不能早于提交日期。")
    app.state = State.NOT_ACCEPTED
    return {"reason": reason.strip(), "on": on.isoformat()}


@transition("discard_submission", EventKind.SUBMISSION_DISCARDED)
def discard_submission(
    app: Application,
    *,
    actor,
    discard_reason: str,
    duplicate_of: Application | None = None,
    note: str = "",
) -> dict:
    """作废: spam, or a second copy of a submission (a double click, a resubmission); recorded,
    kept, and out of the working lists."""
    if discard_reason not in DiscardReason.values:
        raise InvalidInput(f"未知的作废原因：{discard_reason}")
    if discard_reason == DiscardReason.DUPLICATE:
        if (
            duplicate_of is None
            or duplicate_of.agency_id != app.agency_id
            or duplicate_of.pk == app.pk
        ):
            raise InvalidInput("重复提交应指明本机关的另一件申请。")
    elif duplicate_of is not None:
        raise InvalidInput("只有“重复提交”才关联另一件申请。")
    app.state = State.DISCARDED
    return {
        "discard_reason": discard_reason,
        "duplicate_of": duplicate_of.number if duplicate_of else None,
        "note": note,
    }
