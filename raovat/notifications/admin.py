from django.contrib import admin

from raovat.notifications.models import EmailSent


@admin.register(EmailSent)
class EmailSentAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "recipient", "subject"]
    search_fields = ["recipient", "subject", "key"]
    readonly_fields = ["key", "recipient", "subject", "sent_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
