from django.contrib import admin
from django.utils.html import format_html

from raovat.audit.models import PersonalDataAccess
from raovat.params import int_or_none
from raovat.readonly_admin import ReadOnlyAdmin
from raovat.units.models import User


class UserFilter(admin.SimpleListFilter):
    """People of the unit chosen in the unit filter (all people with a unit otherwise):
    a city has too many officers for one flat list."""

    title = "người xem"
    parameter_name = "user"

    def lookups(self, request, model_admin):
        users = User.objects.filter(unit__isnull=False).order_by("full_name", "username")
        unit = request.GET.get("unit__id__exact")
        if (unit_id := int_or_none(unit)) is not None:
            users = users.filter(unit_id=unit_id)
        return [(u.pk, f"{u.display_name} ({u.username})") for u in users[:300]]

    def queryset(self, request, queryset):
        if (user_id := int_or_none(self.value())) is not None:
            return queryset.filter(user_id=user_id)
        return queryset


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(ReadOnlyAdmin):
    list_display = ["at", "user_name", "unit_name", "case_number", "page"]
    list_filter = [UserFilter, "unit", "page", "at"]
    date_hierarchy = "at"
    search_fields = ["=case__number", "=user__username"]
    search_help_text = "Nhập đúng số hồ sơ (ví dụ HS-2026-000123) hoặc tên đăng nhập."
    list_select_related = ["case"]
    show_full_result_count = False
    # Counting every filter choice over millions of rows would make each page slow.
    show_facets = admin.ShowFacets.NEVER
    list_per_page = 100
    fields = ["at", "user", "user_name", "unit", "unit_name", "case", "page"]
    readonly_fields = fields

    @admin.display(description="số hồ sơ", ordering="case__number")
    def case_number(self, obj):
        return format_html('<span style="white-space: nowrap">{}</span>', obj.case.number)

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(
            request,
            extra_context={"title": "Nhật ký xem thông tin chủ thuê bao", **(extra_context or {})},
        )
