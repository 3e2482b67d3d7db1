"""State labels in the administration, with the units' names instead of placeholders."""

from django.contrib import admin

from raovat.cases.labels import chain_label, system_names
from raovat.cases.workflow import State


def case_names(case, fallback: dict[str, str]) -> dict[str, str]:
    """The names on a case's route without a query per row: the list selects the units,
    and a case not yet routed takes the system's names, read once per page."""
    names = dict(fallback)
    if case.telecom_unit_id:
        names["telecom"] = case.telecom_unit.short_name
    if case.culture_unit_id:
        names["culture"] = case.culture_unit.short_name
    return names


def state_choices() -> list[tuple[str, str]]:
    names = system_names()
    return [(value, chain_label(label, names=names)) for value, label in State.choices]


def state_text(state: str, names: dict | None = None) -> str:
    try:
        label = State(state).label
    except ValueError:
        return state or ""
    return chain_label(label, names=names or system_names())


class StateFilter(admin.SimpleListFilter):
    title = "trạng thái"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return state_choices()

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(state=value) if value else queryset
