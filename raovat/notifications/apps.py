from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "raovat.notifications"
    verbose_name = "Thư điện tử"
