"""The public forms: applying online, looking up a submission, sending the 补正."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from gongkai.agencies.models import Agency
from gongkai.applications.choices import ApplicantType
from gongkai.applications.identifiers import normalise_phone
from gongkai.applications.inputs import bound_text_fields
from gongkai.applications.models import Application
from gongkai.web.uploads import MultipleScanField, RefusalsMixin, ScanField, setting

from .services import APPLICANT_FIELDS

CONSENT_TEXT = (
    "本人同意受理机关为办理本政府信息公开申请、答复和送达之目的，处理本人提交的姓名、证件号码、"
    "联系方式和身份证明文件等个人信息（《中华人民共和国个人信息保护法》第十三条、第二十九条）。"
)

# Fields required for one kind of applicant only (Application.clean decides); the label says so.
CONDITIONAL = {
    "id_doc_type": "（自然人必填）",
    "id_number": "（自然人必填）",
    "credit_code": "（法人或其他组织必填）",
    "legal_representative": "（法人或其他组织填写）",
}


def phone_field_attrs(field: forms.Field) -> None:
    field.widget.input_type = "tel"
    field.widget.attrs.update({"inputmode": "tel", "autocomplete": "tel", "maxlength": "20"})


class ApplyForm(RefusalsMixin, forms.ModelForm):
    agency = forms.ModelChoiceField(
        label="受理机关", queryset=Agency.objects.order_by("code"), empty_label="请选择"
    )
    id_document = ScanField(
        label="身份证明文件（身份证件或营业执照等的扫描件或照片）",
        max_bytes=setting("PORTAL_UPLOAD_MAX_BYTES"),
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        required=True,
        error_messages={"required": "提交申请须同意处理个人信息。"},
    )

    class Meta:
        model = Application
        fields = ["agency", *APPLICANT_FIELDS]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "purpose": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"contact_phone": "查询办理进度、提交补正和下载答复时需要输入此号码。"}

    def __init__(self, *args, held=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.held = held
        # The phone number is the second factor of the status look-up, so it is required here.
        self.fields["contact_phone"].required = True
        phone_field_attrs(self.fields["contact_phone"])
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["postal_code"].widget.attrs.update(
            {"inputmode": "numeric", "pattern": "[0-9]{6}", "maxlength": "6"}
        )
        self.fields[
            "applicant_type"
        ].help_text = "自然人，或法人或者其他组织的五类：商业企业、科研机构、社会公益组织、法律服务机构、其他。"
        bound_text_fields(self.fields)  # the text columns' bound (the services refuse longer text)
        for name, note in CONDITIONAL.items():
            self.fields[name].label = f"{self.fields[name].label}{note}"
        document = self.fields["id_document"]
        # Shown before any file is chosen; the browser script also checks the size on choosing.
        document.help_text = f"{document.limits}。仅受理机关工作人员可以查看。"
        # Not required when the file chosen last time is held (portal.held).
        document.required = held is None
        document.error_messages["required"] = f"请选择身份证明文件（{document.limits}）。"

    def keep(self, held) -> None:
        """The document passed and is held (portal.held): the field need not be filled again."""
        self.held = held
        self.fields["id_document"].required = False

    def error_summary(self) -> list[tuple[str, str]]:
        """(field name, short label) of each field with an error, in the order of the form."""
        short = {"consent": "同意处理个人信息", "id_document": "身份证明文件"}
        return [
            (name, short.get(name, field.label))
            for name, field in self.fields.items()
            if name in self.errors
        ]

    def clean_contact_phone(self):
        phone = self.cleaned_data.get("contact_phone", "")
        return normalise_phone(phone) if phone else phone

    def clean(self):
        data = super().clean()
        # The applicant rules (证件 for persons, 统一社会信用代码 for organisations) live in Application.clean.
        probe = Application(**{name: data.get(name) or "" for name in APPLICANT_FIELDS})
        try:
            probe.clean()
        except ValidationError as e:
            for field, messages in e.message_dict.items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, messages)
        if data.get("applicant_type") == ApplicantType.NATURAL_PERSON:
            data["credit_code"] = ""
            data["legal_representative"] = ""
        for name in ("id_number", "credit_code"):
            if data.get(name):
                data[name] = data[name].strip().upper()
        return data

    def _post_clean(self):
        # services.submit creates the application through the workflow service.
        pass

    def submission_data(self) -> dict:
        return {name: self.cleaned_data.get(name) or "" for name in APPLICANT_FIELDS}


class StatusForm(forms.Form):
    code = forms.CharField(
        label="查询码", max_length=32, help_text="提交申请后显示的13位查询码，可不输入短横线。"
    )
    phone = forms.CharField(label="申请时填写的联系电话", max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        phone_field_attrs(self.fields["phone"])
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "off", "autocapitalize": "characters"}
        )


class CorrectionForm(RefusalsMixin, StatusForm):
    """The 补正 sent online (《条例》第三十条): what was asked, in text, files or both."""

    text = forms.CharField(
        label="补正内容",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="请按补正告知书列明的事项逐项说明，如所需信息的名称、文号、形成时间等。",
    )
    files = MultipleScanField(
        label="补正材料（选填）", max_bytes=setting("PORTAL_UPLOAD_MAX_BYTES"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        files = self.fields["files"]
        files.help_text = f"最多{settings.PORTAL_CORRECTION_MAX_FILES}个文件，每个{files.limits}。"

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        if len(files) > settings.PORTAL_CORRECTION_MAX_FILES:
            raise ValidationError(f"最多上传{settings.PORTAL_CORRECTION_MAX_FILES}个文件。")
        return files

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("text", "").strip() or data.get("files")):
            self.add_error("text", "请填写补正内容或上传补正材料。")
        return data
