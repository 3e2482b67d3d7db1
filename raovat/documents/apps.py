from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "raovat.documents"
    verbose_name = "Văn bản"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        import logging

        # WeasyPrint logs every rendering step at INFO; at the project's INFO level that
        # would flood the log with each printed document.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
