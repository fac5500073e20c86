from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    verbose_name = "依申请公开"

    def ready(self):
        from gongkai.holidays.signals import holiday_year_changed

        from .deadline import recompute_after_holiday_change

        # The stored due dates follow the holiday table; the table does not know about them.
        holiday_year_changed.connect(
            recompute_after_holiday_change, dispatch_uid="applications.recompute_due"
        )
