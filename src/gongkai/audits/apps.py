from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "gongkai.audits"
    verbose_name = "年度报告审核"
    default_auto_field = "django.db.models.BigAutoField"
