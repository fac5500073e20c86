from django.apps import AppConfig


class AnnualReportsConfig(AppConfig):
    name = "gongkai.annualreports"
    verbose_name = "政府信息公开工作年度报告"
    default_auto_field = "django.db.models.BigAutoField"
