from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class AgenciesConfig(AppConfig):
    name = "gongkai.agencies"
    verbose_name = "机关与人员"

    def ready(self):
        from .access import ensure_calendar_group

        # After the holiday table's permissions exist: the group that keeps the table.
        post_migrate.connect(
            ensure_calendar_group,
            sender=apps.get_app_config("holidays"),
            dispatch_uid="calendar_group",
        )
