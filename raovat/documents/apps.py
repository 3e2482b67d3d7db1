from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "raovat.documents"
    verbose_name = "Văn bản"
    default_auto_field = "django.db.models.BigAutoField"
