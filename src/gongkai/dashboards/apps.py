from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "gongkai.dashboards"
    verbose_name = "统计图表"
