from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from raovat.units.models import Unit, User


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "short_name",
        "code",
        "kind",
        "role",
        "parent",
        "handling_unit",
        "active",
    ]
    list_filter = ["role", "active", "kind"]
    search_fields = ["name", "short_name", "code", "=external_code"]
    autocomplete_fields = [
        "parent",
        "handling_unit",
        "telecom_authority",
        "culture_authority",
        "penalty_issuer",
    ]
    list_select_related = ["parent", "handling_unit"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "code", "kind", "parent", "active"]}),
        (
            "Vai trò trong chuỗi xử lý",
            {
                "fields": ["role", "handling_unit", "telecom_authority", "culture_authority"],
            },
        ),
        (
            "Thông tin trên văn bản",
            {
                "fields": [
                    "place_name",
                    "address",
                    "phone",
                    "email",
                    "signer_title",
                    "signer_name",
                ],
            },
        ),
        (
            "Quyết định xử phạt (đơn vị xử lý)",
            {
                "fields": [
                    "penalty_issuer",
                    "penalty_authority",
                    "penalty_signer_title",
                    "penalty_signer_name",
                    "penalty_delegation",
                    "treasury_name",
                    "treasury_account",
                ],
            },
        ),
    ]

    def has_delete_permission(self, request, obj=None):
        # Units are deactivated, never deleted: cases and history refer to them.
        return False


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
        (
            "Thông tin cá nhân",
            {"fields": ["full_name", "email", "phone", "position", "email_digest"]},
        ),
        ("Đơn vị", {"fields": ["unit", "leader"]}),
        (
            "Quyền",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Thời gian", {"fields": ["last_login", "date_joined"]}),
    ]
    # Set by sign-ins, never typed.
    readonly_fields = ["last_login", "date_joined"]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "full_name", "unit", "password1", "password2"],
            },
        ),
    ]
