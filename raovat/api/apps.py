from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "raovat.api"
    label = "api"
    verbose_name = "Ứng dụng kết nối"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from raovat.api import schema  # noqa: F401 - registers the authentication extensions
        from raovat.api.webhooks import events, tasks  # noqa: F401 - listener, job handler
