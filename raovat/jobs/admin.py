from django.contrib import admin

from raovat.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """To watch the queue; jobs are changed by workers only."""

    list_display = ["id", "label", "kind", "status", "done", "total", "attempts", "run_after",
                    "lease_until", "unit"]
    list_filter = ["status", "kind"]
    # The result file holds personal data and has no URL: its name is enough here.
    exclude = ["result"]
    readonly_fields = [f.name for f in Job._meta.fields if f.name != "result"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
