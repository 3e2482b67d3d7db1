from django.apps import AppConfig
from django.core import checks


class DocumentsConfig(AppConfig):
    name = "raovat.documents"
    verbose_name = "Văn bản"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        checks.register(fonts_check)


def fonts_check(app_configs=None, **kwargs):
    """Every PDF needs the font files: say so at start-up, not at the first print."""
    from raovat.documents.pdf import FontsMissing, fonts

    try:
        fonts()
    except FontsMissing as problem:
        return [
            checks.Error(
                str(problem),
                hint="Install fonts-liberation2 or set "
                "DOCUMENT_FONT_DIR to a folder with Liberation Serif.",
                id="documents.E001",
            )
        ]
    return []
