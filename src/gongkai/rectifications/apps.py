from django.apps import AppConfig


class RectificationsConfig(AppConfig):
    name = "gongkai.rectifications"
    verbose_name = "通报与整改"
    default_auto_field = "django.db.models.BigAutoField"
