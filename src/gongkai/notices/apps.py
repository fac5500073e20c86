from django.apps import AppConfig
from django.db.models.signals import post_save


class NoticesConfig(AppConfig):
    name = "gongkai.notices"
    verbose_name = "告知书"

    def ready(self):
        from gongkai.applications.models import ApplicationEvent

        from .reactions import on_event

        post_save.connect(
            on_event, sender=ApplicationEvent, dispatch_uid="notices.reply_follows_case"
        )
