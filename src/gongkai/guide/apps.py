from django.apps import AppConfig


class GuideConfig(AppConfig):
    name = "gongkai.guide"
    verbose_name = "使用指南"
