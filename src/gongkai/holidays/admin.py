from django import forms
from django.contrib import admin

from gongkai.agencies.models import administered_agency_ids
from gongkai.deadlines import DeadlineError
from gongkai.deadlines import HolidayYear as NoticeYear

from .models import DayKind, HolidayYear, SpecialDay


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
        if year is None:
            return
        try:
            NoticeYear(
                year=year,
                notice=self.instance.source or "待录入",
                holidays={d["date"]: d.get("name", "") for d in days if d["kind"] == DayKind.HOLIDAY},
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
    """The holiday table is national data: superusers and any agency administrator keep it."""
    return request.user.is_superuser or bool(administered_agency_ids(request.user))


@admin.register(HolidayYear)
class HolidayYearAdmin(admin.ModelAdmin):
    list_display = ["year", "source"]
    inlines = [SpecialDayInline]

    def has_module_permission(self, request):
        return _maintains(request)

    def has_view_permission(self, request, obj=None):
        return _maintains(request)

    def has_change_permission(self, request, obj=None):
        return _maintains(request)

    def has_add_permission(self, request):
        return _maintains(request)

    def has_delete_permission(self, request, obj=None):
        return _maintains(request)


