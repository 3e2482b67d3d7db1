"""E-mail notices, in Vietnamese, through Django's mail backends. Sent by the worker only.

E-mail is sent at least once: a worker killed between sending and writing the
`EmailSent` row sends that one notice again on retry (decision record 004).
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from raovat.cases.effects import DISPATCH_ARRIVED
from raovat.cases.models import Dispatch
from raovat.cases.selectors.reminders import reminders_for
from raovat.jobs.models import Job
from raovat.jobs.services import job_enqueue, job_progress
from raovat.notifications.models import EmailSent
from raovat.units.models import Unit, User

DIGEST_KIND = "notifications.digests"
# Queued by a transition (raovat/cases/effects.py), in the transition's own transaction.
DISPATCH_KIND = DISPATCH_ARRIVED
CASES_LISTED = 50  # a 750-case dispatch is read in the product, not in a mail


def _send_once(*, key: str, to: str, subject: str, body: str) -> bool:
    if EmailSent.objects.filter(key=key).exists():
        return False
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    EmailSent.objects.get_or_create(key=key, defaults={"recipient": to, "subject": subject})
    return True


def _recipients():
    return (
        User.objects.filter(is_active=True, unit__isnull=False, unit__active=True)
        .exclude(email="")
        .select_related("unit")
        .order_by("unit_id", "id")
    )


def digest_recipients():
    return _recipients().filter(email_digest=True)


def digests_enqueue(*, day: datetime.date | None = None) -> Job:
    day = day or timezone.localdate()
    return job_enqueue(
        kind=DIGEST_KIND,
        label=f"Gửi thư nhắc việc ngày {day:%d/%m/%Y}",
        payload={"day": day.isoformat()},
        total=digest_recipients().count(),
    )


def digests_send(*, day: datetime.date, job: Job | None = None) -> int:
    """Mail each officer who wants it what waits for their unit; nothing if nothing waits."""
    sent = 0
    by_unit: dict[int, list] = {}
    users = list(digest_recipients())
    for done, user in enumerate(users, start=1):
        if user.unit_id not in by_unit:
            by_unit[user.unit_id] = [r for r in reminders_for(unit=user.unit) if r.total]
        reminders = by_unit[user.unit_id]
        if reminders:
            subject = f"Nhắc việc ngày {day:%d/%m/%Y} – {user.unit.short_name}"
            body = render_to_string(
                "notifications/email/digest.txt",
                {
                    "user": user,
                    "unit": user.unit,
                    "day": day,
                    "reminders": reminders,
                    "home_url": settings.SITE_URL + reverse("home"),
                    "profile_url": settings.SITE_URL + reverse("profile"),
                },
            )
            sent += _send_once(
                key=f"digest/{day.isoformat()}/{user.pk}", to=user.email, subject=subject, body=body
            )
        if job is not None:
            job_progress(job, done=done, total=len(users))
    return sent


def dispatch_notice_send(*, dispatch: Dispatch) -> int:
    """Tell the receiving unit's officers that a dispatch has arrived."""
    unit: Unit = dispatch.to_unit
    cases = list(
        dispatch.cases.order_by("dispatch_items__position", "id").values_list("number", flat=True)
    )
    subject = (
        f"Phiếu chuyển {dispatch.number_label}: {len(cases)} hồ sơ từ "
        f"{dispatch.from_unit_name or dispatch.from_unit.name}"
    )
    body = render_to_string(
        "notifications/email/dispatch.txt",
        {
            "dispatch": dispatch,
            "unit": unit,
            "count": len(cases),
            "cases": [
                (n, settings.SITE_URL + reverse("case_detail", args=[n]))
                for n in cases[:CASES_LISTED]
            ],
            "more": max(0, len(cases) - CASES_LISTED),
            "home_url": settings.SITE_URL + reverse("home"),
        },
    )
    sent = 0
    for user in _recipients().filter(unit=unit):
        sent += _send_once(
            key=f"dispatch/{dispatch.pk}/{user.pk}", to=user.email, subject=subject, body=body
        )
    return sent


def profile_update(*, user: User, email_digest: bool) -> User:
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(email_digest=email_digest)
    user.email_digest = email_digest
    return user
