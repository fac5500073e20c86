"""The public forms: applying online and looking up a submission."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from gongkai.agencies.models import Agency
from gongkai.applications.choices import ApplicantType
from gongkai.applications.inputs import bound_text_fields
from gongkai.applications.models import Application

from .services import APPLICANT_FIELDS

ALLOWED_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png"}

CONSENT_TEXT = (
    "本人同意受理机关为办理本政府信息公开申请、答复和送达之目的，处理本人提交的姓名、证件号码、"
    "联系方式和身份证明文件等个人信息（《中华人民共和国个人信息保护法》第十三条、第二十九条）。"
)


class ApplyForm(forms.ModelForm):
    agency = forms.ModelChoiceField(label="受理机关", queryset=Agency.objects.order_by("code"), empty_label="请选择")
    id_document = forms.FileField(
        label="身份证明文件（身份证件或营业执照等扫描件，PDF、JPG 或 PNG）",
        help_text="仅受理机关工作人员可以查看。",
    )
    consent = forms.BooleanField(label=CONSENT_TEXT, required=True, error_messages={"required": "提交申请须同意处理个人信息。"})

    class Meta:
        model = Application
        fields = ["agency", *APPLICANT_FIELDS]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "purpose": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"contact_phone": "查询办理进度时需要输入此号码。"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The phone number is the second factor of the status look-up, so it is required here.
        self.fields["contact_phone"].required = True
        self.fields["applicant_type"].help_text = "自然人，或法人或者其他组织的五类：商业企业、科研机构、社会公益组织、法律服务机构、其他。"
        bound_text_fields(self.fields)  # the text columns' bound (the services refuse longer text)

    def clean_id_document(self):
        upload = self.cleaned_data["id_document"]
        if Path(upload.name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise ValidationError("身份证明文件只接受 PDF、JPG 或 PNG 格式。")
        if upload.size > settings.PORTAL_UPLOAD_MAX_BYTES:
            raise ValidationError(f"身份证明文件不能超过 {settings.PORTAL_UPLOAD_MAX_BYTES // (1024 * 1024)} MB。")
        return upload

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
    code = forms.CharField(label="查询码", max_length=32)
    phone = forms.CharField(label="申请时填写的联系电话", max_length=40)
