from django import forms


class ProfileForm(forms.Form):
    email_digest = forms.BooleanField(label="Nhận thư nhắc việc hằng ngày", required=False)
