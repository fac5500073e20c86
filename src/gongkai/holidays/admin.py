from django import forms
from django.contrib import admin

from gongkai.agencies.access import access_for
from gongkai.deadlines import DeadlineError
from gongkai.deadlines import HolidayYear as NoticeYear
from gongkai.deadlines.notice_text import parse_notice

from .models import DayKind, HolidayYear, SpecialDay
from .signals import year_changed

BULK_HELP = (
    "粘贴国务院办公厅通知的正文（如“二、春节：2月15日至23日放假调休，共9天。2月14日（周六）、2月28日（周六）上班。”），"
    "或逐行填写“2027-10-01至2027-10-07 国庆节”“调休上班：2027-09-26、2027-10-09”。"
    "保存后将以此替换本年度的全部特殊日期；不填则只保存下方逐日录入的内容。"
)


class HolidayYearForm(forms.ModelForm):
    """The year's notice with an optional bulk entry: the whole schedule pasted at once."""

    bulk = forms.CharField(
        label="批量录入",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "cols": 90}),
        help_text=BULK_HELP,
    )

    class Meta:
        model = HolidayYear
        fields = ["year", "source"]

    def clean(self):
        data = super().clean()
        text, year = data.get("bulk", "").strip(), data.get("year")
        data["schedule"] = None
        if text and year:
            try:
                holidays, workdays = parse_notice(text, year)
                data["schedule"] = NoticeYear(
                    year=year,
                    notice=data.get("source") or "待录入",
                    holidays=holidays,
                    workdays=workdays,
                )
            except DeadlineError as e:
                self.add_error("bulk", str(e))
                return data
            taken = SpecialDay.objects.filter(date__in=[*holidays, *workdays]).exclude(
                holiday_year__year=year
            )
            if taken.exists():
                first = taken.order_by("date").select_related("holiday_year").first()
                self.add_error(
                    "bulk", f"{first.date} 已录入在{first.holiday_year.year}年的安排中。"
                )
        return data


class SpecialDayFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """Refuse a schedule the deadline package would refuse (a day both off and worked, a
        make-up day on a weekday, a date outside the notice's reach), with its message."""
        super().clean()
        year = self.instance.year
        days = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("date")
        ]
        if year is None or self.data.get("bulk", "").strip():
            return  # the pasted schedule replaces these rows; HolidayYearForm checks it
        try:
            NoticeYear(
                year=year,
                notice=self.instance.source or "待录入",
                holidays={
                    d["date"]: d.get("name", "") for d in days if d["kind"] == DayKind.HOLIDAY
                },
                workdays=frozenset(d["date"] for d in days if d["kind"] == DayKind.WORKDAY),
            )
        except DeadlineError as e:
            raise forms.ValidationError(str(e)) from e


class SpecialDayInline(admin.TabularInline):
    model = SpecialDay
    formset = SpecialDayFormSet
    extra = 5

    def has_view_permission(self, request, obj=None):
        return _maintains(request)

    def has_change_permission(self, request, obj=None):
        return _maintains(request)

    def has_add_permission(self, request, obj=None):
        return _maintains(request)

    def has_delete_permission(self, request, obj=None):
        return _maintains(request)


def _maintains(request) -> bool:
    """The holiday table is national data: kept by those Access.manages_calendar names (superusers
    and the group 节假日表维护), not by an agency's administrator."""
    return access_for(request).manages_calendar


@admin.register(HolidayYear)
class HolidayYearAdmin(admin.ModelAdmin):
    list_display = ["year", "source"]
    form = HolidayYearForm
    inlines = [SpecialDayInline]

    def has_module_permission(self, request):
        return _maintains(request)

    # Whoever computes dates from the table (the applications' stored due dates) hears of the
    # change once the year and all its days are saved: holidays.signals.holiday_year_changed.
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        schedule = form.cleaned_data.get("schedule")
        if schedule is not None:
            form.instance.replace_days(schedule)
        year_changed(form.instance.year)

    def delete_model(self, request, obj):
        year = obj.year
        super().delete_model(request, obj)
        year_changed(year)

    def delete_queryset(self, request, queryset):
        years = list(queryset.values_list("year", flat=True))
        super().delete_queryset(request, queryset)
        for year in years:
            year_changed(year)

    def has_view_permission(self, request, obj=None):
        return _maintains(request)

    def has_change_permission(self, request, obj=None):
        return _maintains(request)

    def has_add_permission(self, request):
        return _maintains(request)

    def has_delete_permission(self, request, obj=None):
        return _maintains(request)
