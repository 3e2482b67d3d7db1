from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "raovat.cases"
    verbose_name = "Hồ sơ vi phạm"
