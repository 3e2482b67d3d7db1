"""Signing in under attack: lockouts (django-axes), password rules, changing one's
password, idle sessions, the second factor (django-otp)."""

import datetime
import time

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from raovat.demo.chains import DEMO_PASSWORD

WRONG = "khong-dung-mat-khau"


def _sign_in(client, username, password, url="/dang-nhap/"):
    return client.post(url, {"username": username, "password": password})


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, cast):
    for _ in range(30):
        assert _sign_in(client, "vhtt.quan1", WRONG).status_code in (200, 429)
    response = _sign_in(client, "vhtt.quan1", DEMO_PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Tài khoản tạm khóa" in page
    assert "Hãy thử lại sau 15 phút" in page
    assert not _signed_in(client)


def test_the_lockout_ends_after_its_time(client, cast, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        _sign_in(client, "vhtt.quan1", WRONG)
    assert _sign_in(client, "vhtt.quan1", DEMO_PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert _sign_in(client, "vhtt.quan1", DEMO_PASSWORD).status_code == 302
    assert _signed_in(client)


def test_failures_below_the_limit_do_not_lock(client, cast, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        response = _sign_in(client, "vhtt.quan1", WRONG)
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    assert _sign_in(client, "vhtt.quan1", DEMO_PASSWORD).status_code == 302


def test_an_address_trying_many_accounts_is_locked_out(client, cast, settings):
    settings.LOGIN_IP_FAILURE_LIMIT = 12
    for n in range(12):
        _sign_in(client, f"khong-ton-tai-{n}", WRONG)
    # Another account, right password, same address: refused too.
    response = _sign_in(client, "sotttt", DEMO_PASSWORD)
    assert response.status_code == 429
    assert "Tài khoản tạm khóa" in response.content.decode()
    # From another address the account is not locked.
    response = client.post(
        "/dang-nhap/", {"username": "sotttt", "password": DEMO_PASSWORD}, REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 302


def test_signing_in_does_not_forgive_the_failures_of_another_account(client, cast, settings):
    # Someone in the same office guesses a colleague's password between their own
    # successful sign-ins: the colleague's count keeps growing.
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        _sign_in(client, "vhtt.quan1", WRONG)
        assert _sign_in(client, "phuong.bennghe", DEMO_PASSWORD).status_code == 302
        client.post("/dang-xuat/")
    assert _sign_in(client, "vhtt.quan1", DEMO_PASSWORD).status_code == 429


def test_a_success_forgives_ones_own_typos(client, cast, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        _sign_in(client, "vhtt.quan1", WRONG)
    assert _sign_in(client, "vhtt.quan1", DEMO_PASSWORD).status_code == 302
    client.post("/dang-xuat/")
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        _sign_in(client, "vhtt.quan1", WRONG)
    assert _sign_in(client, "vhtt.quan1", DEMO_PASSWORD).status_code == 302


def test_the_admin_login_is_locked_out_the_same_way(client, cast, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT + 5):
        _sign_in(client, "admin", WRONG, url="/quan-tri/login/")
    response = _sign_in(client, "admin", DEMO_PASSWORD, url="/quan-tri/login/")
    assert response.status_code == 429
    assert "Tài khoản tạm khóa" in response.content.decode()
    assert not _signed_in(client)


def test_an_administrator_unlocks_an_account(client, cast, settings):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        _sign_in(
            client,
            "vhtt.quan1",
            WRONG,
        )
    assert _sign_in(client, "vhtt.quan1", DEMO_PASSWORD).status_code == 429

    admin = client.__class__()
    admin.force_login(cast.admin)
    listing = admin.get("/quan-tri/accounts/loginfailure/?khoa=co").content.decode()
    assert "vhtt.quan1" in listing and "Tạm khóa đến" in listing
    assert "Mở khóa" in listing
    ids = list(AccessAttempt.objects.filter(username="vhtt.quan1").values_list("pk", flat=True))
    response = admin.post(
        "/quan-tri/accounts/loginfailure/",
        {"action": "unlock", "_selected_action": ids},
        follow=True,
    )
    assert "Đã mở khóa" in response.content.decode()

    assert _sign_in(client, "vhtt.quan1", DEMO_PASSWORD).status_code == 302
    assert _signed_in(client)


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Demo2026", "Mật khẩu quá ngắn: cần ít nhất 10 ký tự."),
        ("matkhau123", "Mật khẩu này quá phổ biến"),
        ("1234567890", "Mật khẩu này quá phổ biến"),
        ("vhtt.quan1a", "Mật khẩu quá giống với"),
    ],
)
def test_a_weak_new_password_is_refused_in_vietnamese(client, cast, password, message):
    client.force_login(cast.district)
    response = client.post(
        "/ca-nhan/doi-mat-khau/",
        {"old_password": DEMO_PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    cast.district.refresh_from_db()
    assert cast.district.check_password(DEMO_PASSWORD)


def test_an_officer_changes_their_password_and_stays_signed_in(client, cast):
    client.force_login(cast.ward)
    profile = client.get("/ca-nhan/").content.decode()
    assert 'href="/ca-nhan/doi-mat-khau/"' in profile and "Đổi mật khẩu" in profile
    page = client.get("/ca-nhan/doi-mat-khau/").content.decode()
    assert "Mật khẩu hiện tại" in page and "Nhập lại mật khẩu mới" in page
    response = client.post(
        "/ca-nhan/doi-mat-khau/",
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "Hoa-Sen-Trang-47",
            "new_password2": "Hoa-Sen-Trang-47",
        },
        follow=True,
    )
    assert "Đã đổi mật khẩu." in response.content.decode()
    assert client.get("/").status_code == 200
    cast.ward.refresh_from_db()
    assert cast.ward.check_password("Hoa-Sen-Trang-47")


def test_a_wrong_current_password_changes_nothing(client, cast):
    client.force_login(cast.ward)
    response = client.post(
        "/ca-nhan/doi-mat-khau/",
        {
            "old_password": WRONG,
            "new_password1": "Hoa-Sen-Trang-47",
            "new_password2": "Hoa-Sen-Trang-47",
        },
    )
    assert "Mật khẩu hiện tại không đúng" in response.content.decode()
    cast.ward.refresh_from_db()
    assert cast.ward.check_password(DEMO_PASSWORD)


def test_every_demo_account_password_passes_the_rules(cast):
    for user in cast.chain.users.values():
        validate_password(DEMO_PASSWORD, user)


def test_the_rules_refuse_what_the_attack_got_through(cast):
    for weak in ("Demo2026", "matkhau123"):
        with pytest.raises(ValidationError):
            validate_password(weak, cast.ward)


def _age_session(client, seconds):
    session = client.session
    session["raovat_last_seen"] = int(time.time()) - seconds
    session.save()


def test_an_idle_session_ends(client, cast, settings):
    client.force_login(cast.district)
    assert client.get("/").status_code == 200
    _age_session(client, settings.SESSION_IDLE_SECONDS + 5)
    response = client.get("/tra-cuu/")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/?het-han=1")
    assert not _signed_in(client)
    page = client.get(response["Location"]).content.decode()
    assert "Phiên làm việc đã kết thúc vì lâu không thao tác" in page


def test_a_recently_active_session_goes_on(client, cast, settings):
    client.force_login(cast.district)
    client.get("/")
    _age_session(client, settings.SESSION_IDLE_SECONDS - 60)
    assert client.get("/tra-cuu/").status_code == 200
    assert _signed_in(client)


def test_an_idle_htmx_request_redirects_the_whole_page(client, cast, settings):
    client.force_login(cast.district)
    client.get("/")
    _age_session(client, settings.SESSION_IDLE_SECONDS + 5)
    response = client.get("/tra-cuu/", HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith("/dang-nhap/")


def test_a_session_ends_after_its_maximum_age_even_when_busy(client, cast, settings):
    client.force_login(cast.district)
    client.get("/")
    session = client.session
    session["raovat_signed_in"] = int(time.time()) - settings.SESSION_COOKIE_AGE - 5
    session.save()
    assert client.get("/").status_code == 302


def _unthrottle(device: TOTPDevice) -> None:
    # A wrong code makes the device wait before the next one (django-otp's throttling).
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_an_officer_turns_on_two_factor_and_must_then_give_a_code(client, cast):
    client.force_login(cast.telecom)
    page = client.get("/ca-nhan/xac-thuc-hai-lop/").content.decode()
    assert "<svg" in page and "Mã QR xác thực hai lớp" in page
    device = TOTPDevice.objects.get(user=cast.telecom)
    assert not device.confirmed
    wrong = client.post(
        "/ca-nhan/xac-thuc-hai-lop/", {"token": "000000" if _code(device) != "000000" else "111111"}
    ).content.decode()
    assert "Mã OTP không đúng" in wrong
    _unthrottle(device)
    done = client.post("/ca-nhan/xac-thuc-hai-lop/", {"token": _code(device)}, follow=True)
    assert "Đã bật xác thực hai lớp (mã OTP)." in done.content.decode()

    client.post("/dang-xuat/")
    response = _sign_in(client, "sotttt", DEMO_PASSWORD)
    assert response.status_code == 302
    # Signed in with the password only: every page leads to the code step.
    step = client.get("/vien-thong/", follow=False)
    assert step.status_code == 302 and step["Location"].startswith("/dang-nhap/ma-otp/")
    page = client.get("/dang-nhap/ma-otp/").content.decode()
    assert "Xác thực hai lớp (mã OTP)" in page
    bad = client.post("/dang-nhap/ma-otp/", {"token": "12ab56"}).content.decode()
    assert "Mã OTP gồm 6 chữ số." in bad
    wrong = "000000" if _code(device) != "000000" else "111111"
    refused = client.post("/dang-nhap/ma-otp/", {"token": wrong}).content.decode()
    assert "Mã OTP không đúng" in refused
    # Right after a wrong code, even the right one waits (django-otp's throttling).
    waited = client.post("/dang-nhap/ma-otp/", {"token": _code(device)}).content.decode()
    assert "Đã nhập sai nhiều lần" in waited
    assert client.get("/").status_code == 302
    device.refresh_from_db()
    _unthrottle(device)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # the same code once more
    response = client.post("/dang-nhap/ma-otp/", {"token": _code(device)})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_required_two_factor_sends_an_officer_to_enrolment(client, cast, settings):
    settings.OTP_REQUIRED = True
    client.force_login(cast.district)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/ca-nhan/xac-thuc-hai-lop/")
    assert (
        "bắt buộc dùng xác thực hai lớp"
        in client.get("/ca-nhan/xac-thuc-hai-lop/").content.decode()
    )


def test_required_two_factor_spares_units_that_see_no_identity(client, cast, settings):
    settings.OTP_REQUIRED = True
    client.force_login(cast.ward)
    assert client.get("/").status_code == 200


def test_required_two_factor_covers_the_administration(client, cast, settings):
    settings.OTP_REQUIRED = True
    client.force_login(cast.admin)
    response = client.get("/quan-tri/")
    assert response.status_code == 302
    assert response["Location"].startswith("/ca-nhan/xac-thuc-hai-lop/")


def test_the_administration_shows_lockouts_and_devices_in_vietnamese(client, cast):
    client.force_login(cast.admin)
    index = client.get("/quan-tri/").content.decode()
    for label in (
        "Đăng nhập và bảo mật",
        "Tài khoản tạm khóa / đăng nhập sai",
        "Nhật ký đăng nhập",
        "Xác thực hai lớp (mã OTP)",
    ):
        assert label in index
    for english in ("TOTP", "Access attempts", "Access logs", "Axes"):
        assert english not in index


def test_an_administrator_removes_a_lost_phones_device(client, cast):
    device = TOTPDevice.objects.create(user=cast.telecom, name="Điện thoại", confirmed=True)
    client.force_login(cast.admin)
    listing = client.get("/quan-tri/accounts/otpdevice/").content.decode()
    assert "sotttt" in listing and "Gỡ thiết bị" in listing
    response = client.post(
        "/quan-tri/accounts/otpdevice/",
        {"action": "reset", "_selected_action": [device.pk]},
        follow=True,
    )
    assert "Đã gỡ 1 thiết bị xác thực hai lớp." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=cast.telecom).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"username": "a" * 300, "password": WRONG},
        {"username": "vhtt.quan1"},
        {"password": WRONG},
        {"username": "vhtt.quan1\x00", "password": WRONG},
    ],
)
def test_odd_sign_in_input_gets_the_form_again(client, cast, data):
    response = client.post("/dang-nhap/", data, HTTP_USER_AGENT="x" * 2000)
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()
    assert not _signed_in(client)


def test_a_very_long_name_at_the_admin_login_gets_the_form_again(client, cast):
    response = _sign_in(client, "a" * 300, WRONG, url="/quan-tri/login/")
    assert response.status_code == 200
    assert not _signed_in(client)
