from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "raovat.web"
    verbose_name = "Giao diện"
