"""One small form per transition; `perform` hands the cleaned data to the service."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.agencies.models import Agency, Role
from gongkai.deadlines.fees import MAX_ITEMS_PER_MONTH, MAX_PAGES

from . import services
from .choices import (
    OUTCOME_CHOICES,
    ConsultedParty,
    DiscardReason,
    EventKind,
    FeeMethod,
    ReviewKind,
    ReviewResult,
    ServiceMethod,
)
from .inputs import TEXT_MAX, bound_text_fields, clean_text
from .models import Application, Consultation, ReviewCase


def _same_agency_application(app: Application, number: str) -> Application | None:
    """The application of `app`'s agency with this number (None when blank). Only the same
    agency's applications can be named, so the form cannot probe others."""
    number = number.strip()
    if not number:
        return None
    found = Application.objects.filter(agency_id=app.agency_id, number=number).first()
    if found is None:
        raise forms.ValidationError("本机关没有该编号的申请。")
    return found


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        # <input type="date"> accepts only ISO dates; the zh-hans format (2025/3/3) leaves it empty.
        super().__init__(attrs, format=format)


def _today():
    return timezone.localdate()


def date_field(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, initial=_today, widget=DateInput)


def text_field(label: str, required: bool = True, rows: int = 3) -> forms.CharField:
    """Free text (reasons, items, opinions): bounded like the text columns (inputs.TEXT_MAX)."""
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def line_field(
    label: str, model=Application, name: str | None = None, required: bool = True
) -> forms.CharField:
    """One line, as long as the model column it is stored in (or a short note's 200)."""
    max_length = model._meta.get_field(name).max_length if name else 200
    return forms.CharField(label=label, required=required, max_length=max_length)


class CleanTextForm(forms.Form):
    """Control characters are removed from every text value (inputs.clean_text): invisible on the
    page, they make the letters (DOCX) fail."""

    def clean(self):
        data = super().clean()
        for name, value in data.items():
            if isinstance(value, str):
                multiline = isinstance(self.fields[name].widget, forms.Textarea)
                data[name] = clean_text(value, multiline=multiline)
        return data


class ActionForm(CleanTextForm):
    def __init__(self, *args, application: Application, **kwargs):
        self.application = application
        super().__init__(*args, **kwargs)

    def perform(self, user):  # pragma: no cover - every subclass overrides it
        raise NotImplementedError


class ConfirmReceipt(ActionForm):
    on = date_field("与申请人确认日期")

    def perform(self, user):
        services.confirm_receipt(self.application, actor=user, on=self.cleaned_data["on"])


class SetReasonableDeadline(ActionForm):
    deadline = forms.DateField(label="延迟答复的合理期限", widget=DateInput)
    reason = text_field("理由")
    notified_on = date_field("告知申请人日期")

    def perform(self, user):
        services.set_reasonable_deadline(self.application, actor=user, **self.cleaned_data)


class StartReview(ActionForm):
    def perform(self, user):
        services.start_review(self.application, actor=user)


class RequestCorrection(ActionForm):
    items = text_field("需要补正的事项")
    due_on = forms.DateField(label="补正期限", widget=DateInput)
    on = date_field("告知日期")

    def perform(self, user):
        d = self.cleaned_data
        services.request_correction(
            self.application, actor=user, items=d["items"], due_on=d["due_on"], on=d["on"]
        )


class ReceiveCorrection(ActionForm):
    on = date_field("收到补正申请日期")
    note = line_field("备注", required=False)

    def perform(self, user):
        services.receive_correction(
            self.application, actor=user, on=self.cleaned_data["on"], note=self.cleaned_data["note"]
        )


class LapseCorrection(ActionForm):
    on = date_field("处理日期")

    def perform(self, user):
        services.lapse_correction(self.application, actor=user, on=self.cleaned_data["on"])


class StartConsultation(ActionForm):
    party_kind = forms.ChoiceField(label="征求对象类型", choices=ConsultedParty.choices)
    party_name = line_field("征求对象名称", Consultation, "party_name")
    sent_on = date_field("发出征求意见书日期")

    def perform(self, user):
        services.start_consultation(self.application, actor=user, **self.cleaned_data)


class EndConsultation(ActionForm):
    answered_on = date_field("收到意见或期满日期")
    opinion = text_field("意见", required=False)

    def perform(self, user):
        services.end_consultation(self.application, actor=user, **self.cleaned_data)


class RequestExtension(ActionForm):
    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20, initial=20)
    reason = text_field("延期理由")
    on = date_field("申请日期")

    def perform(self, user):
        services.request_extension(self.application, actor=user, **self.cleaned_data)


class ApproveExtension(ActionForm):
    on = date_field("批准日期")
    notified_on = date_field("告知申请人日期")

    def perform(self, user):
        services.approve_extension(self.application, actor=user, **self.cleaned_data)


class RefuseExtension(ActionForm):
    reason = line_field("不同意的理由", required=False)

    def perform(self, user):
        services.refuse_extension(self.application, actor=user, **self.cleaned_data)


class NotifyFee(ActionForm):
    method = forms.ChoiceField(label="收费方式", choices=FeeMethod.choices)
    quantity = forms.IntegerField(
        label="计费数量（按件：件数；按量：页数）",
        min_value=1,
        max_value=max(MAX_PAGES, MAX_ITEMS_PER_MONTH),
    )
    already_this_month = forms.IntegerField(
        label="本月已申请件数（按件计收时）", min_value=0, max_value=MAX_ITEMS_PER_MONTH, initial=0
    )
    on = date_field("收费通知日期")
    pay_by = forms.DateField(label="缴费期限", widget=DateInput)

    def perform(self, user):
        services.notify_fee(self.application, actor=user, **self.cleaned_data)


class RecordFeePaid(ActionForm):
    on = date_field("缴费日期")

    def perform(self, user):
        services.record_fee_paid(self.application, actor=user, on=self.cleaned_data["on"])


class LapseFee(ActionForm):
    on = date_field("处理日期")

    def perform(self, user):
        services.lapse_fee(self.application, actor=user, on=self.cleaned_data["on"])


class Decide(ActionForm):
    outcome = forms.ChoiceField(
        label="办理结果（表三）",
        choices=[
            c for c in OUTCOME_CHOICES if c[0] not in {"other.no_correction", "other.fee_not_paid"}
        ],
    )
    reason = text_field("答复理由及依据", required=False)
    on = date_field("拟办日期")
    duplicate_of = line_field("原申请编号（重复申请时填写）", Application, "number", required=False)
    redirect_to = line_field("告知的负责机关或渠道", Application, "redirect_to", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A draft sent back by the approver comes back to its author as it was (services.return_draft).
        last = (
            self.application.events.filter(kind__in=[EventKind.DECIDED, EventKind.DRAFT_RETURNED])
            .order_by("-pk")
            .first()
        )
        if last is not None and last.kind == EventKind.DRAFT_RETURNED:
            p = last.payload
            self.initial.update(
                outcome=p.get("outcome") or None,
                reason=p.get("draft_reason", ""),
                duplicate_of=p.get("duplicate_of") or "",
                redirect_to=p.get("redirect_to", ""),
            )

    def clean_duplicate_of(self):
        return _same_agency_application(self.application, self.cleaned_data["duplicate_of"])

    def perform(self, user):
        services.decide(self.application, actor=user, **self.cleaned_data)


class SignReply(ActionForm):
    on = date_field("签发日期")

    def perform(self, user):
        services.sign_reply(self.application, actor=user, on=self.cleaned_data["on"])


class ReturnDraft(ActionForm):
    reason = text_field("退回理由（承办人将看到）")

    def perform(self, user):
        services.return_draft(self.application, actor=user, reason=self.cleaned_data["reason"])


class Serve(ActionForm):
    method = forms.ChoiceField(label="送达方式", choices=ServiceMethod.choices)
    on = date_field("送达日期")
    proof = line_field("送达凭证（邮件单号、签收人等）", Application, "service_proof")

    def perform(self, user):
        services.serve(self.application, actor=user, **self.cleaned_data)


class Archive(ActionForm):
    on = date_field("归档日期")

    def perform(self, user):
        services.archive(self.application, actor=user, on=self.cleaned_data["on"])


class RecordReviewCase(ActionForm):
    kind = forms.ChoiceField(label="类型", choices=ReviewKind.choices)
    filed_on = forms.DateField(label="申请复议或起诉日期", widget=DateInput)
    result = forms.ChoiceField(
        label="结果", choices=ReviewResult.choices, initial=ReviewResult.PENDING
    )
    concluded_on = forms.DateField(label="审结日期", required=False, widget=DateInput)
    note = text_field("备注", required=False, rows=2)

    def perform(self, user):
        services.record_review_case(self.application, actor=user, **self.cleaned_data)


class ConcludeReviewCase(ActionForm):
    case = forms.ModelChoiceField(label="案件", queryset=ReviewCase.objects.none())
    result = forms.ChoiceField(
        label="结果", choices=[c for c in ReviewResult.choices if c[0] != ReviewResult.PENDING]
    )
    concluded_on = date_field("审结日期")
    note = text_field("备注", required=False, rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = self.application.review_cases.filter(
            result=ReviewResult.PENDING
        )

    def perform(self, user):
        d = dict(self.cleaned_data)
        services.conclude_review_case(d.pop("case"), actor=user, **d)


def registering_agencies(access):
    """Agencies where the user of `access` (gongkai.agencies.access) may register applications."""
    return Agency.objects.filter(pk__in=access.registers)


REGISTRATION_FIELDS = [
    "applicant_type",
    "applicant_name",
    "id_doc_type",
    "id_number",
    "credit_code",
    "legal_representative",
    "contact_phone",
    "contact_email",
    "contact_address",
    "postal_code",
    "description",
    "purpose",
    "delivery_form",
    "channel",
    "submitted_on",
    "signed_on",
    "confirmed_on",
]
REGISTRATION_WIDGETS = {
    "submitted_on": DateInput,
    "signed_on": DateInput,
    "confirmed_on": DateInput,
    "description": forms.Textarea(attrs={"rows": 3}),
    "purpose": forms.Textarea(attrs={"rows": 2}),
}


def registration_data(cleaned: dict) -> dict:
    """The service's `data` from a registration form: blank text is "", blank dates None."""
    return {
        k: ("" if v is None and k not in {"submitted_on", "signed_on", "confirmed_on"} else v)
        for k, v in cleaned.items()
        if k in REGISTRATION_FIELDS
    }


class RegistrationForm(CleanTextForm, forms.ModelForm):
    agency = forms.ModelChoiceField(label="受理机关", queryset=Agency.objects.none())

    class Meta:
        model = Application
        fields = ["agency", *REGISTRATION_FIELDS]
        widgets = REGISTRATION_WIDGETS

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = registering_agencies(access)
        bound_text_fields(self.fields)

    def _post_clean(self):
        # Validation happens in services.register (one place), not in the ModelForm.
        pass


class CorrectRegistration(ActionForm):
    """更正登记信息: the registration fields as recorded, and the reason for the correction."""

    reason = text_field("更正理由", rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        app = self.application
        fields = forms.fields_for_model(
            Application, fields=REGISTRATION_FIELDS, widgets=REGISTRATION_WIDGETS
        )
        bound_text_fields(fields)
        reason = self.fields.pop("reason")
        self.fields.update(fields)
        self.fields["reason"] = reason
        self.initial.update({name: getattr(app, name) for name in REGISTRATION_FIELDS})

    def perform(self, user):
        services.correct_registration(
            self.application,
            actor=user,
            data=registration_data(self.cleaned_data),
            reason=self.cleaned_data["reason"],
        )


def handlers_at(agency_id: int):
    """The active users holding the handler role at the agency (for assignment)."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True, memberships__agency_id=agency_id, memberships__role=Role.HANDLER
        )
        .distinct()
        .order_by("username")
    )


class HandlerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class Assign(ActionForm):
    handler = HandlerChoice(label="承办人", queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers_at(self.application.agency_id)

    def perform(self, user):
        services.assign(self.application, actor=user, handler=self.cleaned_data["handler"])


class DeclineSubmission(ActionForm):
    reason = forms.CharField(
        label="不予受理的理由（申请人查询进度时可见）",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="属于政府信息公开申请的，应确认收到后依法答复（如不予处理），而不是不予受理。",
    )
    on = date_field("处理日期")

    def perform(self, user):
        services.decline_submission(self.application, actor=user, **self.cleaned_data)


class DiscardSubmission(ActionForm):
    discard_reason = forms.ChoiceField(label="作废原因", choices=DiscardReason.choices)
    duplicate_of = forms.CharField(label="重复的申请编号（重复提交时填写）", required=False)
    note = forms.CharField(label="备注", required=False)

    def clean_duplicate_of(self):
        return _same_agency_application(self.application, self.cleaned_data["duplicate_of"])

    def perform(self, user):
        services.discard_submission(self.application, actor=user, **self.cleaned_data)


ACTION_FORMS: dict[str, type[ActionForm]] = {
    "confirm_receipt": ConfirmReceipt,
    "correct_registration": CorrectRegistration,
    "set_reasonable_deadline": SetReasonableDeadline,
    "start_review": StartReview,
    "request_correction": RequestCorrection,
    "receive_correction": ReceiveCorrection,
    "lapse_correction": LapseCorrection,
    "start_consultation": StartConsultation,
    "end_consultation": EndConsultation,
    "request_extension": RequestExtension,
    "approve_extension": ApproveExtension,
    "refuse_extension": RefuseExtension,
    "notify_fee": NotifyFee,
    "record_fee_paid": RecordFeePaid,
    "lapse_fee": LapseFee,
    "decide": Decide,
    "sign_reply": SignReply,
    "return_draft": ReturnDraft,
    "serve": Serve,
    "archive": Archive,
    "record_review_case": RecordReviewCase,
    "conclude_review_case": ConcludeReviewCase,
    "assign": Assign,
    "decline_submission": DeclineSubmission,
    "discard_submission": DiscardSubmission,
}
