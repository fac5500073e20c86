from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "gongkai.evaluations"
    verbose_name = "政府信息公开工作考评"
    default_auto_field = "django.db.models.BigAutoField"
