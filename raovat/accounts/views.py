from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from raovat.accounts import otp
from raovat.accounts.forms import ChangePasswordForm, OtpTokenForm


class LoginView(auth_views.LoginView):
    template_name = "login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["expired"] = "het-han" in self.request.GET
        return context


@login_required
def password_change(request):
    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        messages.success(request, "Đã đổi mật khẩu.")
        return redirect("profile")
    return render(request, "accounts/password_change.html", {"form": form})


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "home"


@login_required
def otp_verify(request):
    device = otp.confirmed_device(request.user)
    if device is None or request.user.is_verified():
        return redirect("home")
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        problem = otp.device_verify(
            request=request, device=device, token=form.cleaned_data["token"]
        )
        if not problem:
            return redirect(_next_url(request))
        form.add_error("token", problem)
    return render(request, "accounts/otp_verify.html", {"form": form})


@login_required
def otp_enrol(request):
    if otp.confirmed_device(request.user) and not request.user.is_verified():
        return redirect("otp_verify")
    device = otp.enrolment_device(request.user)
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if otp.device_confirm(request=request, device=device, token=form.cleaned_data["token"]):
            messages.success(request, "Đã bật xác thực hai lớp (mã OTP).")
            return redirect("profile")
        form.add_error(
            "token", "Mã OTP không đúng. Hãy quét lại mã QR và nhập mã đang hiển thị trên ứng dụng."
        )
    return render(
        request,
        "accounts/otp_enrol.html",
        {
            "form": form,
            "qr": otp.qr_svg(device),
            "secret": otp.secret_text(device),
            "required": otp.otp_required(request.user),
        },
    )


@require_POST
@login_required
def otp_disable(request):
    if otp.otp_required(request.user):
        messages.error(request, "Tài khoản của bạn bắt buộc dùng xác thực hai lớp (mã OTP).")
        return redirect("profile")
    otp.devices_remove(user=request.user)
    messages.success(request, "Đã tắt xác thực hai lớp (mã OTP).")
    return redirect("profile")
