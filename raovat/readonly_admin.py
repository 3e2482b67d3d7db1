"""The admin of rows that are facts (history, logs, deliveries): read, never added,
edited or deleted by hand. They change only through the services that write them."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
