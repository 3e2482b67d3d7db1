from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "raovat.cases"
    verbose_name = "Hồ sơ vi phạm"

    def ready(self):
        from raovat.cases import receivers  # noqa: F401  (connects the calendar's receivers)
        from raovat.cases.models import LegalClock, StateDeadline
        from raovat.cases.tallies import (
            dispatches,  # noqa: F401  (registers its tally)
            statistics,  # noqa: F401  (registers its tally)
        )
        from raovat.cases.tallies import map as map_tally  # noqa: F401  (registers it)
        from raovat.units.models import Unit
        from raovat.units.process_cache import clear_on_change

        clear_on_change(Unit, StateDeadline, LegalClock)
