"""Middleware of signing in: idle sessions, the second factor, headers of signed-in pages."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse

from raovat.accounts.otp import otp_needed

_LAST_SEEN = "raovat_last_seen"
_SIGNED_IN = "raovat_signed_in"
_TOUCH_EVERY = 60  # seconds: the session row is written at most once a minute


def _redirect(request, url: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        # HTMX swaps the body of a response: tell it to load the whole page instead.
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return HttpResponseRedirect(url)


def _login_url(request, **params) -> str:
    if request.method == "GET" and not request.headers.get("HX-Request"):
        params["next"] = request.get_full_path()
    return f"{reverse('login')}?{urlencode(params)}"


def session_stamp(sender, request, user, **kwargs):
    """On sign-in (user_logged_in): the clocks of idle_session start, in the same write."""
    now = int(time.time())
    request.session[_SIGNED_IN] = request.session[_LAST_SEEN] = now


def idle_session(get_response):
    """A sign-in ends after SESSION_IDLE_SECONDS without a request, and after
    SESSION_COOKIE_AGE in any case (the cookie's age alone is renewed with every write)."""

    def middleware(request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            last = session.get(_LAST_SEEN, now)
            signed_in = session.setdefault(_SIGNED_IN, now)
            if (
                now - last > settings.SESSION_IDLE_SECONDS
                or now - signed_in > settings.SESSION_COOKIE_AGE
            ):
                logout(request)
                return _redirect(request, _login_url(request, **{"het-han": 1}))
            if _LAST_SEEN not in session or now - last >= _TOUCH_EVERY:
                session[_LAST_SEEN] = now
        return get_response(request)

    return middleware


def second_factor_gate(get_response):
    """After the password, an officer who has a second factor (or must have one) sees
    only the code step, the enrolment step and "Đăng xuất" until the code is given."""

    def middleware(request):
        user = request.user
        if user.is_authenticated and not user.is_verified():
            need = otp_needed(user)
            if need:
                target = reverse("otp_verify" if need == "verify" else "otp_enrol")
                if request.path not in {target, reverse("logout")}:
                    if request.method == "GET" and not request.headers.get("HX-Request"):
                        target += "?" + urlencode({"next": request.get_full_path()})
                    return _redirect(request, target)
        return get_response(request)

    return middleware


def no_store_when_signed_in(get_response):
    """Every page and file a signed-in officer gets may show personal data: none is kept
    in the browser's or a proxy's cache (decision 010)."""

    def middleware(request):
        response = get_response(request)
        if request.user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        return response

    return middleware


def permissions_policy(get_response):
    def middleware(request):
        response = get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware
