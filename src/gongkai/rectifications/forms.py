from __future__ import annotations

from django import forms
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.applications.models import Application
from gongkai.web.uploads import RefusalsMixin, ScanField, setting


class IssueForm(forms.Form):
    office = forms.ModelChoiceField(label="发文机关", queryset=Agency.objects.none())
    title = forms.CharField(label="标题", max_length=200)
    body = forms.CharField(label="通报内容", widget=forms.Textarea(attrs={"rows": 4}))
    units = forms.ModelMultipleChoiceField(
        label="被通报单位（可多选）",
        queryset=Agency.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    problem = forms.CharField(label="发现的问题", widget=forms.Textarea(attrs={"rows": 3}))
    application = forms.CharField(
        label="相关申请编号（选填）",
        max_length=40,
        required=False,
        help_text="填写后问题链接到该申请；申请须属于所选单位之一",
    )
    link = forms.CharField(
        label="相关记录链接（选填）",
        max_length=500,
        required=False,
        help_text="如年度报告审核发现的问题页面（本系统内的地址）",
    )
    deadline = forms.DateField(label="整改期限", widget=forms.DateInput(attrs={"type": "date"}))
    finding = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, offices=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Agency.objects.filter(pk__in=offices)
        self.fields["units"].queryset = Agency.objects.filter(pk__in=units).order_by("code")
        if len(offices) == 1:
            self.fields["office"].initial = next(iter(offices))

    def clean_link(self):
        link = self.cleaned_data["link"].strip()
        if link and (not link.startswith("/") or link.startswith("//") or "\\" in link):
            raise forms.ValidationError("请填写本系统内的地址（以“/”开头）。")
        return link

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.localdate():
            raise forms.ValidationError("整改期限应晚于今天。")
        return deadline

    def clean(self):
        data = super().clean()
        number = (data.get("application") or "").strip()
        data["application_obj"] = None
        if number and data.get("units"):
            app = Application.objects.filter(number=number, agency__in=data["units"]).first()
            if app is None:
                self.add_error("application", "所选单位中没有这个申请编号。")
            data["application_obj"] = app
        data["finding_obj"] = None
        if data.get("finding") and data.get("units"):
            from gongkai.audits.models import AuditFinding

            data["finding_obj"] = AuditFinding.objects.filter(
                pk=data["finding"], agency__in=data["units"]
            ).first()
            if data["finding_obj"] is None:
                self.add_error(None, "所链接的审核问题不属于所选单位。")
        return data


class AnswerForm(RefusalsMixin, forms.Form):
    text = forms.CharField(label="整改情况", widget=forms.Textarea(attrs={"rows": 4}))
    evidence = ScanField(
        label="佐证材料", max_bytes=setting("CASEFILE_UPLOAD_MAX_BYTES"), required=False
    )
    link = forms.URLField(label="佐证链接", max_length=500, required=False, assume_scheme="https")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = (
            self.fields["evidence"].limits + "；材料和链接至少提供一项。"
        )

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("evidence") and not data.get("link"):
            raise forms.ValidationError("请上传佐证材料或填写佐证链接。")
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="审核结果",
        choices=[("accept", "通过"), ("return", "退回重新整改")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="审核意见",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="退回时必填",
    )
    new_deadline = forms.DateField(
        label="新的整改期限（退回时选填）",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    accountability = forms.CharField(
        label="责任追究情况（选填）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="如约谈、通报批评、问责人数；计入年度报告第五部分",
    )


class ComplaintForm(forms.Form):
    agency = forms.ModelChoiceField(label="被投诉单位", queryset=Agency.objects.order_by("code"))
    name = forms.CharField(label="您的姓名", max_length=100)
    phone = forms.CharField(label="联系电话", max_length=40, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    application_number = forms.CharField(
        label="相关申请编号（选填）", max_length=40, required=False
    )
    text = forms.CharField(
        label="投诉事项",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text="请写明单位在政府信息公开工作中未依法履行的职责和具体情况",
    )

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email"):
            raise forms.ValidationError("请至少留下一种联系方式，以便告知处理结果。")
        return data


class ComplaintActionForm(forms.Form):
    decision = forms.ChoiceField(
        label="处理",
        choices=[("forward", "转办整改"), ("dismiss", "不予支持")],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label="问题（转办）或理由（不予支持）", widget=forms.Textarea(attrs={"rows": 3})
    )
    deadline = forms.DateField(
        label="整改期限（转办时必填）",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reply = forms.CharField(
        label="答复投诉人（选填）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="投诉人凭查询码可看到此答复。不填时：转办的，告知已责成被投诉单位在期限前整改；"
        "不予支持的，以上面的理由答复。",
    )


class ComplaintStatusForm(forms.Form):
    code = forms.CharField(
        label="查询码", max_length=32, help_text="提交投诉后显示的13位查询码，可不输入短横线。"
    )
    contact = forms.CharField(label="投诉时填写的联系电话或电子邮箱", max_length=254)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "off", "autocapitalize": "characters"}
        )
