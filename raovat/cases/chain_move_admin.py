"""The guided change of chain in the administration: an action on the unit list that moves
reporting units, and their open cases, to another handling unit (services/rechain.py).

It lives with the cases because it moves cases; the units app knows nothing of them."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect
from django.template.response import TemplateResponse

from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.rechain import (
    chain_move_blockers,
    chain_move_open_counts,
    chain_move_reporting_units,
)
from raovat.units.admin import UnitAdmin
from raovat.units.models import Role, Unit


class ChainMoveForm(forms.Form):
    """The confirmation page of the guided change of chain."""

    new_handling_unit = forms.ModelChoiceField(
        label="Đơn vị xử lý mới",
        queryset=Unit.objects.none(),
        empty_label="— Chọn đơn vị xử lý —",
        # Search as you type: a country has ~3,300 handling units.
        widget=AutocompleteSelect(
            Unit._meta.get_field("handling_unit"),
            admin.site,
            attrs={"data-placeholder": "Gõ tên đơn vị xử lý để tìm", "data-width": "34em"},
        ),
    )
    note = forms.CharField(
        label="Ghi chú (căn cứ, lý do chuyển)",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Ghi vào quá trình xử lý của từng hồ sơ được chuyển, ví dụ số nghị quyết "
        "sắp xếp đơn vị hành chính.",
    )
    deactivate_old = forms.BooleanField(
        label="Ngừng hoạt động đơn vị xử lý cũ sau khi chuyển",
        required=False,
        help_text="Chỉ làm được khi đơn vị cũ không còn đơn vị phát hiện nào khác và không "
        "còn hồ sơ đang mở. Đơn vị ngừng hoạt động vẫn giữ nguyên lịch sử.",
    )

    def __init__(self, *args, reporting_units, **kwargs):
        super().__init__(*args, **kwargs)
        self.reporting_units = reporting_units
        current = {u.handling_unit_id for u in reporting_units}
        field = self.fields["new_handling_unit"]
        field.queryset = (
            Unit.objects.filter(role=Role.HANDLER, active=True)
            .exclude(pk__in=current if len(current) == 1 else [])
            .order_by("name")
        )

    def clean(self):
        data = super().clean()
        if not self.cleaned_data.get("deactivate_old") or "new_handling_unit" not in data:
            return data
        olds = (
            Unit.objects.filter(pk__in={u.handling_unit_id for u in self.reporting_units})
            .exclude(pk=data["new_handling_unit"].pk)
            .order_by("name")
        )
        problems = chain_move_blockers(old_units=olds, reporting_units=self.reporting_units)
        for problem in problems:
            self.add_error("deactivate_old", problem)
        return data


admin.site.unregister(Unit)


@admin.register(Unit)
class UnitWithChainMoveAdmin(UnitAdmin):
    actions = [*(UnitAdmin.actions or ()), "chain_move"]

    @admin.action(
        description="Chuyển các đơn vị phát hiện đã chọn sang đơn vị xử lý khác",
        permissions=["change"],
    )
    def chain_move(self, request, queryset):
        units = list(queryset.select_related("handling_unit").order_by("name"))
        others = [u.name for u in units if u.role != Role.REPORTER]
        if others:
            self.message_user(
                request,
                "Chỉ chọn được đơn vị phát hiện; các đơn vị sau không "
                "phải: " + ", ".join(others) + ".",
                messages.ERROR,
            )
            return None
        form = ChainMoveForm(
            request.POST if "confirm" in request.POST else None, reporting_units=units
        )
        if form.is_bound and form.is_valid():
            try:
                result = chain_move_reporting_units(
                    actor=request.user,
                    reporting_units=units,
                    new_handling_unit=form.cleaned_data["new_handling_unit"],
                    note=form.cleaned_data["note"],
                    deactivate_old_handling_units=form.cleaned_data["deactivate_old"],
                )
            except WorkflowError as exc:
                for problem in exc.problems:
                    form.add_error(None, problem)
            else:
                done = (
                    f"Đã chuyển {len(units)} đơn vị phát hiện và {result.moved} hồ sơ đang "
                    f"mở sang {result.new_handling_unit.name}."
                )
                if result.deactivated:
                    done += (
                        " Đã ngừng hoạt động: "
                        + ", ".join(u.name for u in result.deactivated)
                        + "."
                    )
                self.message_user(request, done, messages.SUCCESS)
                return None
        counts = chain_move_open_counts(reporting_units=units)
        rows = [(u, counts.get(u.pk, 0)) for u in units]
        return TemplateResponse(
            request,
            "admin/units/unit/chain_move.html",
            {
                **self.admin_site.each_context(request),
                "title": "Chuyển đơn vị phát hiện sang đơn vị xử lý khác",
                "opts": self.model._meta,
                "form": form,
                "rows": rows,
                "total": sum(counts.values()),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "media": self.media + form.media,
            },
        )
