from __future__ import annotations

from django import forms
from django.conf import settings

from gongkai.web.uploads import RefusalsMixin, megabytes

# What a person may paste: a whole report's text is 10–40 KB; a generous bound keeps a paste of a
# whole web page possible while a pasted book is refused before it is read.
TEXT_MAX_CHARS = 300_000


class CheckForm(RefusalsMixin, forms.Form):
    report = forms.FileField(
        label="报告文件",
        required=False,
        help_text="TXT、HTML、DOCX、PDF、XLSX 或 JSON，不超过 {limit}。文件只用于本次核对，不会保存。",
    )
    text = forms.CharField(
        label="或粘贴报告全文",
        required=False,
        max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = megabytes(settings.REPORT_CHECK_MAX_BYTES)
        self.fields["report"].help_text = self.fields["report"].help_text.format(limit=limit)

    def clean(self):
        data = super().clean()  # the upload handler's refusals (too large) beside the field
        if not self.errors and not data.get("report") and not (data.get("text") or "").strip():
            raise forms.ValidationError("请选择报告文件，或粘贴报告全文。")
        return data

    def payload(self) -> tuple[bytes, str]:
        """The bytes to read and the name the reader sees (its extension picks no reader: the
        content does; the name is what the findings are reported under)."""
        upload = self.cleaned_data.get("report")
        if upload:
            return upload.read(), upload.name
        return self.cleaned_data["text"].encode("utf-8"), "粘贴的文本.txt"
