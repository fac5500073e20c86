from django import forms
from django.contrib import admin
from django.db import transaction

from gongkai.agencies.access import access_for
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


def _recompute_after_commit(year: int) -> None:
    from gongkai.applications.deadline import affected_by_holiday_year, recompute_stored_due
    from gongkai.applications.models import Application

    transaction.on_commit(lambda: recompute_stored_due(Application.objects.filter(affected_by_holiday_year(year))))


def _maintains(request) -> bool:
    """The holiday table is national data: kept by those Access.manages_calendar names (superusers
    and the group 节假日表维护), not by an agency's administrator."""
    return access_for(request).manages_calendar


@admin.register(HolidayYear)
class HolidayYearAdmin(admin.ModelAdmin):
    list_display = ["year", "source"]
    inlines = [SpecialDayInline]

    def has_module_permission(self, request):
        return _maintains(request)

    # The applications store their due date; an edited notice changes the working days, so the
    # stored dates it may affect are recomputed once the year and all its days are saved.
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        _recompute_after_commit(form.instance.year)

    def delete_model(self, request, obj):
        year = obj.year
        super().delete_model(request, obj)
        _recompute_after_commit(year)

    def delete_queryset(self, request, queryset):
        years = list(queryset.values_list("year", flat=True))
        super().delete_queryset(request, queryset)
        for year in years:
            _recompute_after_commit(year)

    def has_view_permission(self, request, obj=None):
        return _maintains(request)

    def has_change_permission(self, request, obj=None):
        return _maintains(request)

    def has_add_permission(self, request):
        return _maintains(request)

    def has_delete_permission(self, request, obj=None):
        return _maintains(request)


