"""Staff forms of the catalogue. They only collect and shape input; services decide and record."""

from __future__ import annotations

from django import forms

from gongkai.agencies.models import Agency
from gongkai.web.uploads import RefusalsMixin

from .attachments import XLSX, AttachmentField
from .attachments import check as check_attachment
from .choices import Attribute, AttributeArticle, Validity
from .models import Genre, Item, Topic
from .services import CONTENT_FIELDS, EDITING_ROLES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LINKS = ("interprets", "amends", "consultation_result")


class IndexNoField(forms.CharField):
    """An item chosen by its 索引号 (what staff see and cite), among those the user reads."""

    def __init__(self, *, reads=frozenset(), **kwargs):
        self.reads = reads
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 60)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        found = Item.objects.filter(index_no=value, agency_id__in=self.reads).first()
        if found is None:
            raise forms.ValidationError(f"没有索引号为“{value}”的条目（或无权查看）。")
        return found


class ItemForm(RefusalsMixin, forms.ModelForm):
    """Register or edit: content, dates, classification and links. On registration also the
    agency, the disclosure attribute (源头认定) and the first attachment."""

    interprets = IndexNoField(label="所解读文件的索引号")
    amends = IndexNoField(label="所修订或废止文件的索引号")
    consultation_result = IndexNoField(label="意见征集结果条目的索引号")

    class Meta:
        model = Item
        fields = [f for f in CONTENT_FIELDS if f not in LINKS] + [
            "interpretation_kind",
            "amendment_kind",
        ]
        widgets = {
            "formed_on": DATE,
            "changed_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, access, creating: bool, **kwargs):
        super().__init__(*args, **kwargs)
        for name in LINKS:
            self.fields[name].reads = access.reads
            linked = getattr(self.instance, name, None) if self.instance.pk else None
            if linked is not None:
                self.initial[name] = linked.index_no
        self.fields["topic"].queryset = Topic.objects.filter(active=True)
        self.fields["genre"].queryset = Genre.objects.filter(active=True)
        if creating:
            editable = access.agencies_with(EDITING_ROLES)
            self.fields["agency"] = forms.ModelChoiceField(
                Agency.objects.filter(pk__in=editable), label="发布机构（主办）"
            )
            self.fields["co_publishers"] = forms.ModelMultipleChoiceField(
                Agency.objects.all(),
                required=False,
                label="联合发布机构",
                widget=forms.SelectMultiple(attrs={"size": 4}),
            )
            self.fields["attribute"] = forms.ChoiceField(
                choices=Attribute.choices, label="公开属性", initial=Attribute.PROACTIVE
            )
            self.fields["attribute_reason"] = forms.CharField(
                label="不公开或依申请公开的理由",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields["attribute_article"] = forms.ChoiceField(
                choices=[("", "—")] + AttributeArticle.choices, label="依据条款", required=False
            )
            self.fields["attachment"] = AttachmentField(label="附件", required=False)
            self.order_fields(
                [
                    "agency",
                    "co_publishers",
                    "title",
                    "doc_number",
                    "attribute",
                    "attribute_reason",
                    "attribute_article",
                ]
            )

    def service_fields(self) -> dict:
        data = {
            name: self.cleaned_data.get(name)
            for name in (*CONTENT_FIELDS,)
            if name in self.cleaned_data
        }
        for name in (
            "doc_number",
            "summary",
            "body",
            "interpretation_kind",
            "amendment_kind",
            "art20_item",
            "register_kind",
        ):
            if data.get(name) is None:
                data[name] = ""
        return data


class AttributeForm(forms.Form):
    attribute = forms.ChoiceField(choices=Attribute.choices, label="公开属性")
    reason = forms.CharField(label="理由", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    article = forms.ChoiceField(
        choices=[("", "—")] + AttributeArticle.choices, label="依据条款", required=False
    )


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(choices=Validity.choices, label="有效性")
    on = forms.DateField(label="失效/废止日期", required=False, widget=DATE)


class ApproveForm(forms.Form):
    published_on = forms.DateField(
        label="发布日期（主动公开的，默认今天）", required=False, widget=DATE
    )
    note = forms.CharField(label="审查意见", required=False, max_length=500)


class ReturnForm(forms.Form):
    note = forms.CharField(
        label="退回意见", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class AttachmentForm(RefusalsMixin, forms.Form):
    attachment = AttachmentField(label="附件")


class ImportForm(forms.Form):
    agency = forms.ModelChoiceField(Agency.objects.none(), label="导入到机关")
    file = forms.FileField(label="全清单（XLSX）")

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(
            pk__in=access.agencies_with(EDITING_ROLES)
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        checked = check_attachment(upload)
        if checked.kind is not XLSX:
            raise forms.ValidationError(f"文件“{checked.original_name}”不是 Excel（XLSX）工作簿。")
        return upload
