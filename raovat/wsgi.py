import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raovat.settings")
application = get_wsgi_application()

from raovat.cases import calendar  # noqa: E402  (needs the apps loaded above)

calendar.preload()
