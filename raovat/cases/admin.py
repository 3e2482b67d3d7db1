from django.contrib import admin

from raovat.cases.models import Case, CaseEvent, Dispatch, DispatchScan, StateDeadline


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
    fields = ["at", "action", "from_state", "to_state", "unit_name", "actor_name", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["number", "phone_national", "state", "current_unit", "reporting_unit",
                    "first_found_on"]
    list_filter = ["state"]
    search_fields = ["number", "phone_national"]
    list_select_related = ["current_unit", "reporting_unit"]
    show_full_result_count = False
    inlines = [CaseEventInline]


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
    list_display = ["state", "days"]
    list_editable = ["days"]
