from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "gongkai.notices"
    verbose_name = "告知书"
