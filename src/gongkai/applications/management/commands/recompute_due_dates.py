"""Recompute the stored answer deadlines (after a holiday-table change made outside the admin,
or after rows were loaded in bulk)."""

from django.core.management.base import BaseCommand

from gongkai.applications.deadline import affected_by_holiday_year, recompute_stored_due
from gongkai.applications.models import Application


class Command(BaseCommand):
    help = "重新计算已存储的答复期限（节假日表修改后、批量导入后）"

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, help="只重算可能受该年节假日安排影响的申请（默认全部）"
        )

    def handle(self, *args, year=None, **options):
        qs = Application.objects.all()
        if year is not None:
            qs = qs.filter(affected_by_holiday_year(year))
        changed = recompute_stored_due(qs)
        self.stdout.write(f"已重新计算答复期限：{changed}件有变化")
