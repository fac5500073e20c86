from __future__ import annotations

from django import forms

from gongkai.web.uploads import RefusalsMixin, ScanField, setting

from .models import Indicator


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["parent", "name", "points", "method", "deduction", "criteria", "position"]
        widgets = {"criteria": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, scheme, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.scheme = scheme
        parents = scheme.indicators.all()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].required = False


class ManualScoreForm(RefusalsMixin, forms.Form):
    score = forms.DecimalField(label="得分", max_digits=6, decimal_places=2, min_value=0)
    reason = forms.CharField(label="评分说明", widget=forms.Textarea(attrs={"rows": 3}))
    evidence = ScanField(
        label="佐证材料", max_bytes=setting("CASEFILE_UPLOAD_MAX_BYTES"), required=False
    )
    link = forms.URLField(label="佐证链接", max_length=500, required=False, assume_scheme="https")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = (
            self.fields["evidence"].limits + "；材料和链接至少提供一项。"
        )


class SchemeForm(forms.Form):
    year = forms.IntegerField(label="考评年度", min_value=2008, max_value=2100)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="撤回理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="撤回后考评结果按当前记录计算，可修改指标和评分，再重新发布；发布和撤回均留有记录。",
    )
