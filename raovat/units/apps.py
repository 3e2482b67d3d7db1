from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "raovat.units"
    verbose_name = "Đơn vị và người dùng"
