from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect

from raovat.units.models import Role, Unit


class ChainMoveForm(forms.Form):
    """The confirmation page of the guided change of chain."""

    new_handling_unit = forms.ModelChoiceField(
        label="Đơn vị xử lý mới", queryset=Unit.objects.none(),
        empty_label="— Chọn đơn vị xử lý —",
        # Search as you type: a country has ~3,300 handling units.
        widget=AutocompleteSelect(Unit._meta.get_field("handling_unit"), admin.site,
                                  attrs={"data-placeholder": "Gõ tên đơn vị xử lý để tìm",
                                         "data-width": "34em"}),
    )
    note = forms.CharField(
        label="Ghi chú (căn cứ, lý do chuyển)", max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Ghi vào quá trình xử lý của từng hồ sơ được chuyển, ví dụ số nghị quyết "
                  "sắp xếp đơn vị hành chính.",
    )
    deactivate_old = forms.BooleanField(
        label="Ngừng hoạt động đơn vị xử lý cũ sau khi chuyển", required=False,
        help_text="Chỉ làm được khi đơn vị cũ không còn đơn vị phát hiện nào khác và không "
                  "còn hồ sơ đang mở. Đơn vị ngừng hoạt động vẫn giữ nguyên lịch sử.",
    )

    def __init__(self, *args, reporting_units, **kwargs):
        super().__init__(*args, **kwargs)
        self.reporting_units = reporting_units
        current = {u.handling_unit_id for u in reporting_units}
        field = self.fields["new_handling_unit"]
        field.queryset = (Unit.objects.filter(role=Role.HANDLER, active=True)
                          .exclude(pk__in=current if len(current) == 1 else [])
                          .order_by("name"))

    def clean(self):
        data = super().clean()
        if not self.cleaned_data.get("deactivate_old") or "new_handling_unit" not in data:
            return data
        from raovat.cases.services.rechain import chain_move_blockers

        olds = Unit.objects.filter(pk__in={u.handling_unit_id for u in self.reporting_units})\
            .exclude(pk=data["new_handling_unit"].pk).order_by("name")
        problems = chain_move_blockers(old_units=olds, reporting_units=self.reporting_units)
        for problem in problems:
            self.add_error("deactivate_old", problem)
        return data
