from __future__ import annotations

from django import forms

from gongkai.web.uploads import RefusalsMixin, ScanField, setting

from .models import Category


class UploadForm(RefusalsMixin, forms.Form):
    category = forms.ChoiceField(label="材料类型", choices=Category.choices)
    file = ScanField(label="文件", max_bytes=setting("CASEFILE_UPLOAD_MAX_BYTES"))
    note = forms.CharField(label="说明（选填）", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.fields["file"].limits + "；按文件内容识别类型。"
