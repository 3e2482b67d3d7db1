"""Form fields in the formats officers write: money as "1.500.000"."""

import re

from django import forms
from django.core.exceptions import ValidationError


class MoneyInput(forms.TextInput):
    """Shows a whole number of đồng with dots between thousands; typed the same way."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return super().format_value(value)


class MoneyField(forms.IntegerField):
    """An amount in đồng: "1.500.000", "1500000" or "1 500 000" are the same number."""

    widget = MoneyInput
    default_error_messages = {
        "invalid": "Nhập số tiền bằng chữ số, ví dụ 1.500.000.",
    }

    def to_python(self, value):
        if isinstance(value, str):
            cleaned = re.sub(r"[\s.,₫đ]|đồng", "", value.strip(), flags=re.IGNORECASE)
            if value.strip() and not cleaned.isdigit():
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            value = cleaned
        return super().to_python(value)

    def widget_attrs(self, widget):
        # No min/max/step attributes: the input is text, the limits are checked on the server.
        return {}
