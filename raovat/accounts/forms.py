from django import forms
from django.contrib.auth.forms import PasswordChangeForm


class ChangePasswordForm(PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "Mật khẩu hiện tại không đúng. Vui lòng nhập lại.",
        "password_mismatch": "Hai lần nhập mật khẩu mới không giống nhau.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Mật khẩu hiện tại"
        self.fields["new_password1"].label = "Mật khẩu mới"
        self.fields["new_password2"].label = "Nhập lại mật khẩu mới"
        self.fields["new_password1"].help_text = (
            "Ít nhất 10 ký tự, không phải mật khẩu phổ biến, không giống tên đăng nhập "
            "hay họ tên, không chỉ gồm chữ số."
        )
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"


class OtpTokenForm(forms.Form):
    token = forms.CharField(
        label="Mã OTP (6 chữ số)",
        max_length=8,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "class": "form-control",
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "autofocus": True,
            }
        ),
        error_messages={"required": "Vui lòng nhập mã OTP."},
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isascii() or not token.isdigit() or len(token) != 6:
            raise forms.ValidationError("Mã OTP gồm 6 chữ số.")
        return token
