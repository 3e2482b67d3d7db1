"""Login protection on top of django-axes: separate limits for an account and for an
address, and the Vietnamese page that says when to try again.

Axes compares one count of failures with one limit. An office signs in from one public
address, so the address gets a higher limit than an account: the count this handler
reports reaches LOGIN_FAILURE_LIMIT when either the account's failures reach it or the
address's failures reach LOGIN_IP_FAILURE_LIMIT.
"""

import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Q, Sum
from django.shortcuts import render
from django.utils import timezone


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        by_username, by_ip = (
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if by_ip >= settings.LOGIN_IP_FAILURE_LIMIT:
            return max(by_username, settings.LOGIN_FAILURE_LIMIT)
        return by_username

    def reset_user_attempts(self, request, credentials=None) -> int:
        # Axes would forget every failure of the username *or* of the address: one
        # officer signing in would wipe the count of someone guessing a colleague's
        # password from the same office. A success forgives only its own typos.
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return count


def client_username(request, credentials=None) -> str | None:
    # Django's login form does not enforce the username's length before authenticating,
    # and axes stores it in 255 characters: a longer one would be a database error.
    username = (credentials or request.POST).get("username")
    return username[:150] if isinstance(username, str) else username


def client_ip(request) -> str | None:
    # Behind the TLS proxy every request comes from the proxy; the proxy appends the
    # address it was reached from to X-Forwarded-For, so the last entry is the client's.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.LOGIN_TRUST_FORWARDED_FOR and forwarded:
        return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR")


def retry_at(*, username: str | None, ip_address: str | None) -> datetime.datetime:
    """When the lockout of this account or address ends (the latest it can)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    last = (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .filter(Q(username=username) | Q(ip_address=ip_address))
        .aggregate(last=Max("attempt_time"))["last"]
    )
    return (last or timezone.now()) + settings.AXES_COOLOFF_TIME


def lockout_response(request, original_response=None, credentials=None):
    username = (credentials or {}).get("username") or request.POST.get("username")
    until = timezone.localtime(
        retry_at(username=username, ip_address=getattr(request, "axes_ip_address", None))
    )
    minutes = max(1, -(-int((until - timezone.now()).total_seconds()) // 60))
    return render(request, "accounts/locked.html", {"until": until, "minutes": minutes}, status=429)
