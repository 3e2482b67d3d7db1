"""Form fields in the formats officers write: money as "1.500.000"."""

from django import forms


class MoneyInput(forms.TextInput):
    """A text input for whole đồng, shown with dots between thousands."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})


class MoneyField(forms.CharField):
    """Whole đồng, typed as officers write it: 1.500.000, 1 500 000 or 1500000."""

    widget = MoneyInput

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None if self.required else 0
        digits = text.replace("₫", "").replace("đồng", "").replace("đ", "")
        digits = "".join(digits.replace(".", "").replace(",", "").split())
        if not digits.isdigit():
            raise forms.ValidationError("Nhập số tiền bằng chữ số, ví dụ 1.500.000.")
        if len(digits) > 12:
            raise forms.ValidationError("Số tiền quá lớn.")
        return int(digits)

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return value
