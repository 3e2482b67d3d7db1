from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from raovat.accounts import otp
from raovat.notifications.forms import ProfileForm
from raovat.notifications.services import profile_update


@login_required
def profile(request):
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            profile_update(user=request.user, email_digest=form.cleaned_data["email_digest"])
            messages.success(request, "Đã lưu thông tin cá nhân.")
            return redirect("profile")
    else:
        form = ProfileForm(initial={"email_digest": request.user.email_digest})
    return render(
        request,
        "notifications/profile.html",
        {
            "form": form,
            "otp_on": otp.confirmed_device(request.user) is not None,
            "otp_required": otp.otp_required(request.user),
        },
    )
