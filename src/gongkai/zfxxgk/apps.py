from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _repair_index(using, **kwargs):
    from django.db import connections

    from .index_sql import repair

    repair(connections[using])


class ZfxxgkConfig(AppConfig):
    name = "gongkai.zfxxgk"
    verbose_name = "政府信息公开专栏"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # A later catalogue migration may rebuild catalogue_item on SQLite, dropping the triggers.
        post_migrate.connect(_repair_index, sender=self, dispatch_uid="zfxxgk_repair_index")
