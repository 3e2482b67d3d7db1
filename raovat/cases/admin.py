from django.contrib import admin

from raovat.cases.admin_labels import StateFilter, case_names, state_choices, state_text
from raovat.cases.labels import chain_label, system_names
from raovat.cases.models import Case, CaseEvent, Dispatch, DispatchScan, StateDeadline
from raovat.cases.phones import display


class ReadOnlyAdmin(admin.ModelAdmin):
    """Cases change only through the workflow service, never by editing rows here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CaseEventInline(admin.TabularInline):
    model = CaseEvent
    fields = ["at", "action_text", "from_text", "to_text", "unit_name", "actor_name", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    @admin.display(description="thao tác")
    def action_text(self, event):
        return chain_label(str(event.action_label), names=case_names(event.case, self.names))

    @admin.display(description="từ trạng thái")
    def from_text(self, event):
        if not event.from_state:
            return "—"
        return state_text(event.from_state, case_names(event.case, self.names))

    @admin.display(description="sang trạng thái")
    def to_text(self, event):
        return state_text(event.to_state, case_names(event.case, self.names))

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        self.names = system_names()  # once per page, for the display methods
        return super().get_queryset(request).select_related(
            "case__telecom_unit", "case__culture_unit")


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["number", "phone_text", "state_label", "current_unit", "reporting_unit",
                    "first_found_on"]
    list_filter = [StateFilter]
    search_fields = ["number", "phone_national"]
    list_select_related = ["current_unit", "reporting_unit", "telecom_unit", "culture_unit"]
    show_full_result_count = False
    inlines = [CaseEventInline]
    exclude = ["state"]
    readonly_fields = ["state_label"]

    def get_queryset(self, request):
        self.names = system_names()  # once per page, for the display methods
        return super().get_queryset(request)

    @admin.display(description="trạng thái", ordering="state")
    def state_label(self, case):
        return state_text(case.state, case_names(case, self.names))

    @admin.display(description="số thuê bao", ordering="phone_national")
    def phone_text(self, case):
        return display(case.phone_e164)


class DispatchScanInline(admin.TabularInline):
    """Signed scans taken off because the slip's content changed: kept, never edited."""

    model = DispatchScan
    fields = ["detached_at", "version", "reason", "detached_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Dispatch)
class DispatchAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "kind", "from_unit", "to_unit", "sent_at"]
    inlines = [DispatchScanInline]
    list_filter = ["kind"]
    list_select_related = ["from_unit", "to_unit"]


@admin.register(StateDeadline)
class StateDeadlineAdmin(admin.ModelAdmin):
    list_display = ["state_label", "days"]
    list_editable = ["days"]

    @admin.display(description="trạng thái", ordering="state")
    def state_label(self, deadline):
        return state_text(deadline.state)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "state":
            kwargs["choices"] = [("", "---------"), *state_choices()]
        return super().formfield_for_choice_field(db_field, request, **kwargs)
