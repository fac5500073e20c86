from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AnnualReportsConfig(AppConfig):
    name = "gongkai.annualreports"
    verbose_name = "政府信息公开工作年度报告"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .indexes import ensure_indexes

        # Recreated after every migrate: a SQLite table rebuild by the applications app drops them.
        post_migrate.connect(
            ensure_indexes, sender=self, dispatch_uid="annualreports.ensure_indexes"
        )
