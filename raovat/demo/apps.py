from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "raovat.demo"
    verbose_name = "Dữ liệu mẫu"
