"""Holidays and make-up working days as published each year by the State Council (国务院办公厅
关于节假日安排的通知). Administrators enter a year once it is published; a year in this table
overrides any built-in calendar for that year."""

from __future__ import annotations

from django.db import models


class HolidayYear(models.Model):
    year = models.PositiveIntegerField("年份", unique=True)
    source = models.CharField(
        "依据", max_length=200, blank=True, help_text="例如：国办发明电〔2024〕12号"
    )

    class Meta:
        verbose_name = "节假日安排（年度）"
        verbose_name_plural = "节假日安排（年度）"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"

    def replace_days(self, schedule) -> None:
        """Replace every special day of this year by those of `schedule` (a checked
        gongkai.deadlines.HolidayYear, e.g. read from the pasted notice)."""
        self.days.all().delete()
        SpecialDay.objects.bulk_create(
            [
                SpecialDay(holiday_year=self, date=d, kind=DayKind.HOLIDAY, name=name[:50])
                for d, name in schedule.holidays.items()
            ]
            + [
                SpecialDay(holiday_year=self, date=d, kind=DayKind.WORKDAY)
                for d in sorted(schedule.workdays)
            ]
        )


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "放假"
    WORKDAY = "workday", "调休上班"


class SpecialDay(models.Model):
    holiday_year = models.ForeignKey(HolidayYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=8, choices=DayKind.choices)
    name = models.CharField("名称", max_length=50, blank=True, help_text="例如：春节")

    class Meta:
        verbose_name = "特殊日期"
        verbose_name_plural = "特殊日期"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"
