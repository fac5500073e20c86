from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class GongkaiAdminConfig(AdminConfig):
    """django.contrib.admin with the site of admin_site.py (loaded once the apps are ready)."""

    default_site = "gongkai.web.admin_site.GongkaiAdminSite"


class WebConfig(AppConfig):
    """What running the system needs beside the domain apps: start-up checks, the shared rate-limit
    counters and cache table, the append-only triggers, job logging, backups and the worker."""

    name = "gongkai.web"
    label = "web"
    verbose_name = "运行"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import appendonly, checks, logs  # noqa: F401  (checks register on import)

        logs.connect_job_signals()
        post_migrate.connect(appendonly.ensure_triggers, sender=self)
