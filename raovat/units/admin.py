from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.template.response import TemplateResponse

from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.rechain import chain_move_open_counts, chain_move_reporting_units
from raovat.units.forms import ChainMoveForm
from raovat.units.models import Role, Unit, User


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "code", "kind", "role", "parent", "handling_unit",
                    "active"]
    list_filter = ["role", "active", "kind"]
    search_fields = ["name", "short_name", "code", "=external_code"]
    autocomplete_fields = ["parent", "handling_unit", "telecom_authority", "culture_authority"]
    list_select_related = ["parent", "handling_unit"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "code", "kind", "parent", "active"]}),
        ("Vai trò trong chuỗi xử lý", {
            "fields": ["role", "handling_unit", "telecom_authority", "culture_authority"],
        }),
        ("Thông tin trên văn bản", {
            "fields": ["place_name", "address", "phone", "email", "signer_title", "signer_name"],
        }),
    ]

    actions = ["chain_move"]

    def has_delete_permission(self, request, obj=None):
        # Units are deactivated, never deleted: cases and history refer to them.
        return False

    @admin.action(description="Chuyển các đơn vị phát hiện đã chọn sang đơn vị xử lý khác",
                  permissions=["change"])
    def chain_move(self, request, queryset):
        units = list(queryset.select_related("handling_unit").order_by("name"))
        others = [u.name for u in units if u.role != Role.REPORTER]
        if others:
            self.message_user(request, "Chỉ chọn được đơn vị phát hiện; các đơn vị sau không "
                              "phải: " + ", ".join(others) + ".", messages.ERROR)
            return None
        form = ChainMoveForm(request.POST if "confirm" in request.POST else None,
                             reporting_units=units)
        if form.is_bound and form.is_valid():
            try:
                result = chain_move_reporting_units(
                    actor=request.user, reporting_units=units,
                    new_handling_unit=form.cleaned_data["new_handling_unit"],
                    note=form.cleaned_data["note"],
                    deactivate_old_handling_units=form.cleaned_data["deactivate_old"],
                )
            except WorkflowError as exc:
                for problem in exc.problems:
                    form.add_error(None, problem)
            else:
                done = (f"Đã chuyển {len(units)} đơn vị phát hiện và {result.moved} hồ sơ đang "
                        f"mở sang {result.new_handling_unit.name}.")
                if result.deactivated:
                    done += " Đã ngừng hoạt động: " + ", ".join(
                        u.name for u in result.deactivated) + "."
                self.message_user(request, done, messages.SUCCESS)
                return None
        counts = chain_move_open_counts(reporting_units=units)
        rows = [(u, counts.get(u.pk, 0)) for u in units]
        return TemplateResponse(request, "admin/units/unit/chain_move.html", {
            **self.admin_site.each_context(request),
            "title": "Chuyển đơn vị phát hiện sang đơn vị xử lý khác",
            "opts": self.model._meta,
            "form": form,
            "rows": rows,
            "total": sum(counts.values()),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        })


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "unit", "position", "is_active", "is_staff"]
    # No list filter by unit: a country has ~6,700; the search box takes a unit's name.
    list_filter = ["is_active", "is_staff", "unit__role"]
    search_fields = ["username", "full_name", "email", "unit__name"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("Thông tin cá nhân", {"fields": ["full_name", "email", "phone", "position",
                                          "email_digest"]}),
        ("Đơn vị", {"fields": ["unit"]}),
        ("Quyền", {"fields": ["is_active", "is_staff", "is_superuser", "groups",
                              "user_permissions"]}),
        ("Thời gian", {"fields": ["last_login", "date_joined"]}),
    ]
    # Set by sign-ins, never typed.
    readonly_fields = ["last_login", "date_joined"]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "full_name", "unit", "password1",
                                                 "password2"]}),
    ]
