"""State labels in the administration, with the units' names instead of placeholders."""

from django.contrib import admin

from raovat.cases.labels import chain_label, system_names
from raovat.cases.workflow import State


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
