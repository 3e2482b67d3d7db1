"""Two-factor sign-in ("Xác thực hai lớp (mã OTP)") with django-otp's TOTP devices."""

import base64

import segno
from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from raovat.units.models import Role

# The roles whose units see subscribers' identity (decision 005).
IDENTITY_ROLES = {Role.HANDLER, Role.TELECOM, Role.CULTURE}


def otp_required(user) -> bool:
    if not settings.OTP_REQUIRED:
        return False
    return user.is_staff or user.is_superuser or user.role in IDENTITY_ROLES


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def otp_needed(user) -> str:
    """ "verify" when the user must give a code now, "enrol" when they must first set up
    a device, "" when the password is enough."""
    if confirmed_device(user):
        return "verify"
    return "enrol" if otp_required(user) else ""


def enrolment_device(user) -> TOTPDevice:
    """The unconfirmed device shown on the enrolment screen (the same until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Ứng dụng xác thực", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    # Drawn here as inline SVG: no image service, no script, nothing the CSP must allow.
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, title="Mã QR xác thực hai lớp"
    )


def secret_text(device: TOTPDevice) -> str:
    """The key as authenticator apps take it by hand: base32 in groups of four."""
    key = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def device_verify(*, request, device: TOTPDevice, token: str) -> str:
    """ "" when the code is right (the session is then verified), else why not."""
    # verify_token throttles itself: each failure doubles the wait before the next try.
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            return "Đã nhập sai nhiều lần. Hãy đợi một lát rồi nhập mã mới."
        if not device.verify_token(token):
            return (
                "Mã OTP không đúng hoặc đã hết hạn. Hãy nhập mã đang hiển thị trên "
                "ứng dụng xác thực."
            )
    otp_login(request, device)
    return ""


@transaction.atomic
def device_confirm(*, request, device: TOTPDevice, token: str) -> bool:
    if not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return True


def devices_remove(*, user) -> None:
    TOTPDevice.objects.filter(user=user).delete()
