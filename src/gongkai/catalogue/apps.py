from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "gongkai.catalogue"
    verbose_name = "主动公开目录"

    def ready(self):
        from gongkai.holidays.signals import holiday_year_changed

        from .ontime import recompute_after_holiday_change

        # Stored due dates follow the holiday table, as the applications' do.
        holiday_year_changed.connect(
            recompute_after_holiday_change, dispatch_uid="catalogue.recompute_due"
        )
