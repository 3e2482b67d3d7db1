from django.contrib import admin

from raovat.messaging.models import SmsDelivery, SmsTemplate
from raovat.readonly_admin import ReadOnlyAdmin


@admin.register(SmsTemplate)
class SmsTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "text", "active", "position"]
    list_editable = ["active", "position"]
    list_filter = ["active"]
    search_fields = ["name", "text"]


@admin.register(SmsDelivery)
class SmsDeliveryAdmin(ReadOnlyAdmin):
    """What the gateway did with each message, for support; written by the worker only."""

    list_display = [
        "message",
        "backend",
        "encoding",
        "segments",
        "attempts",
        "report_type",
        "reported_at",
    ]
    list_filter = ["backend", "encoding"]
    readonly_fields = [f.name for f in SmsDelivery._meta.fields]
