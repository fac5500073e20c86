from django.apps import AppConfig


class ReportCheckConfig(AppConfig):
    name = "gongkai.reportcheck"
    verbose_name = "年度报告核对"
