"""Swagger UI and ReDoc from the vendored sidecar files: no CDN, no inline script (the
split Swagger view serves its start-up script as a file of its own)."""

from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

redoc = SpectacularRedocView.as_view(url_name="api_schema", template_name="api/redoc.html")
swagger = SpectacularSwaggerSplitView.as_view(url_name="api_schema")
