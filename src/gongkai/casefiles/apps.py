from django.apps import AppConfig


class CaseFilesConfig(AppConfig):
    name = "gongkai.casefiles"
    verbose_name = "案卷材料"
