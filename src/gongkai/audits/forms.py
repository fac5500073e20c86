"""The forms of a bulk audit: upload report files (or ZIP archives of them), or take the units'
published versions from the system."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from gongkai.web.uploads import RefusalsMixin, megabytes


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class ReportFilesField(forms.FileField):
    """Several files in one input; their content is checked when they are taken in
    (gongkai.audits.intake: by content, never by name; ZIP archives unpacked within limits)."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"multiple": True, "accept": ".txt,.md,.htm,.html,.docx,.xlsx,.pdf,.json,.zip"}
        )

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not files:
            raise ValidationError("请选择要审核的年度报告文件或其 ZIP 压缩包。", code="required")
        return [forms.FileField.clean(self, f, initial) for f in files]


_DATE_LINE = re.compile(r"^\s*(.+?)\s*[,，\t ]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*$")


def parse_dates(text: str) -> dict[str, dt.date]:
    """'文件名,2025-02-03' per line: the publication dates the supervisor enters."""
    dates = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = _DATE_LINE.match(line)
        if not m:
            raise ValidationError(
                f"发布日期第{number}行应为“文件名,年-月-日”，如“交通局.pdf,2025-01-20”。"
            )
        try:
            dates[m[1]] = dt.date(int(m[2]), int(m[3]), int(m[4]))
        except ValueError:
            raise ValidationError(
                f"发布日期第{number}行的日期不存在：{m[2]}-{m[3]}-{m[4]}。"
            ) from None
    return dates


class OwnerMixin:
    def __init__(self, *args, offices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [(a.pk, a.name) for a in offices]
        if len(offices) == 1:
            self.fields["owner"].initial = offices[0].pk


class UploadForm(OwnerMixin, RefusalsMixin, forms.Form):
    owner = forms.TypedChoiceField(label="审核机关", coerce=int)
    title = forms.CharField(label="批次名称", max_length=200, initial="年度报告审核")
    files = ReportFilesField(label="报告文件")
    dates = forms.CharField(
        label="发布日期（可选）", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="每行一个“文件名,年-月-日”；未填写的，按文件中的“发布时间”核对，没有的说明未核对。",
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = (
            f"可多选：文本、网页、DOCX、XLSX、PDF，或它们的 ZIP 压缩包；每个文件不超过 "
            f"{megabytes(settings.AUDIT_UPLOAD_MAX_BYTES)}，一次最多 {settings.AUDIT_UPLOAD_MAX_FILES} 个。"
        )

    def clean_dates(self):
        return parse_dates(self.cleaned_data.get("dates") or "")


class SystemForm(OwnerMixin, forms.Form):
    owner = forms.TypedChoiceField(label="审核机关", coerce=int)
    year = forms.IntegerField(label="报告年度", min_value=2008, max_value=2100)
