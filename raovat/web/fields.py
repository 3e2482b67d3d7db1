"""Form fields in the formats officers write: money as "1.500.000"."""

from django import forms


class MoneyInput(forms.TextInput):
    """A text input for whole đồng, shown with dots between thousands."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})


class MoneyField(forms.CharField):
    """Whole đồng, typed as officers write it: 1.500.000, 1 500 000 or 1500000."""

    widget = MoneyInput

    def __init__(self, *args, max_value: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_value = max_value

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None if self.required else 0
        digits = text.replace("₫", "").replace("đồng", "").replace("đ", "")
        digits = "".join(digits.replace(".", "").replace(",", "").split())
        # isdigit() alone is true for "²", which int() refuses.
        if not (digits.isascii() and digits.isdigit()):
            raise forms.ValidationError("Nhập số tiền bằng chữ số, ví dụ 1.500.000.")
        amount = int(digits) if len(digits) <= 15 else None
        limit = self.max_value if self.max_value is not None else 10**12 - 1
        if amount is None or amount > limit:
            shown = f"{limit:,}".replace(",", ".")
            raise forms.ValidationError(f"Số tiền quá lớn (tối đa {shown} ₫).")
        return amount

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return value
