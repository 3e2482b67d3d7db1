from django.contrib import admin

from raovat.jobs.labels import KIND_LABELS, kind_label
from raovat.jobs.models import Job


class KindFilter(admin.SimpleListFilter):
    title = "loại công việc"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        kinds = model_admin.get_queryset(request).values_list("kind", flat=True).distinct()
        return sorted(
            ((k, kind_label(k)) for k in {*kinds, *KIND_LABELS}), key=lambda item: item[1]
        )

    def queryset(self, request, queryset):
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """To watch the queue; jobs are changed by workers only."""

    list_display = [
        "id",
        "label",
        "kind_text",
        "status",
        "done",
        "total",
        "attempts",
        "run_after",
        "lease_until",
        "unit",
    ]
    list_filter = ["status", KindFilter]
    # The result file holds personal data and has no URL: its name is enough here.
    readonly_fields = [
        "kind_text",
        *(f.name for f in Job._meta.fields if f.name not in ("kind", "result")),
    ]
    exclude = ["kind", "result"]

    @admin.display(description="loại công việc", ordering="kind")
    def kind_text(self, job):
        return kind_label(job.kind)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
