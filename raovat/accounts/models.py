"""Vietnamese names, in the administration, for the models of django-axes and django-otp."""

from axes.models import AccessAttempt, AccessLog
from django_otp.plugins.otp_totp.models import TOTPDevice


class LoginFailure(AccessAttempt):
    class Meta:
        proxy = True
        verbose_name = "lần đăng nhập sai (tài khoản tạm khóa)"
        verbose_name_plural = "Tài khoản tạm khóa / đăng nhập sai"


class LoginRecord(AccessLog):
    class Meta:
        proxy = True
        verbose_name = "lần đăng nhập"
        verbose_name_plural = "Nhật ký đăng nhập"


class OtpDevice(TOTPDevice):
    class Meta:
        proxy = True
        verbose_name = "thiết bị xác thực hai lớp (mã OTP)"
        verbose_name_plural = "Xác thực hai lớp (mã OTP)"
