from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    name = "raovat.jobs"
    verbose_name = "Công việc chạy nền"

    def ready(self):
        # Each app declares its job handlers in its own `tasks.py`; the worker must know
        # them all before it claims anything.
        autodiscover_modules("tasks")
