"""Ứng dụng kết nối: an administrator registers a client, sees its token once, revokes it."""

from django.contrib import admin, messages
from django.utils import timezone

from raovat.api.models import ApiCall, ApiClient, client_create


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "scope", "expires_at", "revoked_at", "token_hint",
                    "last_used_at"]
    list_filter = ["scope"]
    search_fields = ["name", "unit__name"]
    fields = ["name", "unit", "scope", "expires_at", "revoked_at", "token_hint", "created_at",
              "last_used_at"]
    readonly_fields = ["revoked_at", "token_hint", "created_at", "last_used_at"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        # A client's unit is fixed: its history entries are that unit's.
        return self.readonly_fields + (["unit"] if obj else [])

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        client, token = client_create(name=obj.name, unit=obj.unit, scope=obj.scope,
                                      expires_at=obj.expires_at)
        obj.pk = client.pk
        obj.__dict__.update(client.__dict__)
        messages.warning(request, f"Mã truy cập của ứng dụng “{client.name}” (chỉ hiện một "
                                  f"lần, hãy sao chép ngay): {token}")

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the call log keeps naming the client

    @admin.action(description="Thu hồi mã truy cập của các ứng dụng đã chọn")
    def revoke(self, request, queryset):
        n = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, f"Đã thu hồi {n} ứng dụng.")


@admin.register(ApiCall)
class ApiCallAdmin(admin.ModelAdmin):
    list_display = ["at", "client", "unit", "method", "operation", "status"]
    list_filter = ["status", "method"]
    list_select_related = ["client", "unit"]
    date_hierarchy = "at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
