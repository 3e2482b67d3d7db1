from django.contrib import admin

from raovat.cases import chain_move_admin  # noqa: F401  (adds the chain move to the unit list)
from raovat.cases.admin_labels import StateFilter, case_names, state_choices, state_text
from raovat.cases.labels import chain_label, system_names
from raovat.cases.models import (
    CalendarDay,
    Case,
    CaseEvent,
    Dispatch,
    DispatchScan,
    LegalClock,
    Payment,
    PenaltyDecision,
    StateDeadline,
)
from raovat.cases.phones import display
from raovat.cases.workflow import STATE_ACTOR
from raovat.readonly_admin import ReadOnlyAdmin
from raovat.units.models import Role


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
        return (
            super().get_queryset(request).select_related("case__telecom_unit", "case__culture_unit")
        )


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = [
        "number",
        "phone_text",
        "state_label",
        "current_unit",
        "reporting_unit",
        "first_found_on",
    ]
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
    """Working days per state; a change recomputes the open cases' due dates (a job)."""

    list_display = ["state_label", "role_label", "days", "source"]
    list_editable = ["days", "source"]

    @admin.display(description="trạng thái", ordering="state")
    def state_label(self, deadline):
        return state_text(deadline.state)

    @admin.display(description="đơn vị phải xử lý")
    def role_label(self, deadline):
        role = STATE_ACTOR.get(deadline.state)
        return Role(role).label if role else "—"

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "state":
            kwargs["choices"] = [("", "---------"), *state_choices()]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """The days off and make-up working days the government sets for a year."""

    list_display = ["day_text", "kind", "note"]
    list_filter = ["kind"]
    date_hierarchy = "day"
    search_fields = ["note"]
    fields = ["day", "kind", "note"]

    @admin.display(description="ngày", ordering="day")
    def day_text(self, row):
        return f"{row.day:%d/%m/%Y} ({_WEEKDAYS[row.day.weekday()]})"


_WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


@admin.register(PenaltyDecision)
class PenaltyDecisionAdmin(ReadOnlyAdmin):
    """Decisions are made on the handling unit's screen, through the workflow."""

    list_display = ["number_label", "case", "decided_on", "amount", "payment_due"]
    search_fields = ["number_label", "case__number"]
    list_select_related = ["case"]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["reference", "decision", "paid_on", "amount"]
    search_fields = ["reference", "decision__number_label", "decision__case__number"]
    list_select_related = ["decision"]


@admin.register(LegalClock)
class LegalClockAdmin(admin.ModelAdmin):
    """The law's clocks: their length, what they count from, and the provision."""

    list_display = ["key", "amount", "counting", "starts", "source"]
    fields = ["key", "amount", "counting", "starts", "source"]

    def get_readonly_fields(self, request, obj=None):
        return ["key"] if obj else []
