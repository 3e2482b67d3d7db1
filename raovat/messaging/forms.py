from django import forms


class SmsForm(forms.Form):
    text = forms.CharField(
        label="Nội dung tin nhắn",
        max_length=1000,
        error_messages={"required": "Nội dung tin nhắn không được để trống."},
    )
    # The template the text was filled from, if any: it is checked again for holes.
    template = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        error_messages={
            "invalid": "Mẫu tin nhắn không hợp lệ.",
            "min_value": "Mẫu tin nhắn không hợp lệ.",
            "max_value": "Mẫu tin nhắn không hợp lệ.",
        },
    )
    idempotency_key = forms.RegexField(
        regex=r"^[0-9a-f]{32}$",
        error_messages={
            "required": "Thiếu mã yêu cầu gửi tin, hãy tải lại trang.",
            "invalid": "Mã yêu cầu gửi tin không hợp lệ, hãy tải lại trang.",
        },
    )
