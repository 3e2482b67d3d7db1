"""Sending one queued message through the gateway, and the gateway's reports.

The rule that keeps one click to one SMS: an attempt is written down (committed) before
the gateway is called, and cleared when its outcome is written. An attempt found still
open belongs to a worker that died in between; what happened to it is settled from the
gateway's delivery report, never by sending blindly again. Decision record 004.
"""

import datetime
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from raovat.cases.models import TextMessage
from raovat.cases.models.contact import SmsStatus
from raovat.messaging.backends import GatewayError, Outgoing, get_backend
from raovat.messaging.models import SmsDelivery

log = logging.getLogger("raovat.sms")

IN_DOUBT = (
    "Tiến trình gửi bị dừng giữa chừng, không xác định được tin đã đi hay chưa; "
    "hãy kiểm tra với nhà mạng trước khi gửi lại."
)
REPORT_FAILED = {
    2: "Nhà mạng báo tin nhắn không đến được máy thuê bao.",
    16: "Trung tâm tin nhắn của nhà mạng từ chối tin nhắn.",
}
REPORT_SENT = {4, 8}
REPORT_DELIVERED = 1


def report_token(message_id: int, attempt: int) -> str:
    return salted_hmac(
        "raovat.messaging.report", f"{message_id}:{attempt}", algorithm="sha256"
    ).hexdigest()[:32]


def report_url(message_id: int, attempt: int) -> str:
    path = reverse("sms_report", args=[message_id, attempt, report_token(message_id, attempt)])
    # %d and %A are filled in by Kannel: the report type and the SMSC's answer.
    return f"{settings.SITE_URL}{path}?type=%d&reply=%A"


def _backoff(attempt: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=min(3600, settings.SMS_RETRY_SECONDS * 2 ** (attempt - 1)))


def _locked(message_id: int) -> SmsDelivery:
    # Every writer locks the delivery row first, then touches the message: the worker
    # and the delivery-report view run at the same time, and one order means no deadlock.
    delivery = SmsDelivery.objects.select_for_update().get(pk=message_id)
    # Read once the lock is held: a row joined into the locking query could be older
    # than the writer we waited for (PostgreSQL, READ COMMITTED).
    delivery.message = TextMessage.objects.get(pk=message_id)
    return delivery


def _fail(message_id: int, reason: str, **delivery_fields) -> None:
    with transaction.atomic():
        _locked(message_id)
        SmsDelivery.objects.filter(pk=message_id).update(attempt_started_at=None, **delivery_fields)
        TextMessage.objects.filter(pk=message_id, status=SmsStatus.QUEUED).update(
            status=SmsStatus.FAILED, error=reason[:255]
        )


def _claim(message_id: int):
    """Open an attempt. Returns (attempt, delivery), or a time to look again, or None
    when there is nothing left to do for this message."""
    with transaction.atomic():
        delivery = _locked(message_id)
        if delivery.message.status != SmsStatus.QUEUED:
            return None
        now = timezone.now()
        if delivery.attempt_started_at is not None:
            if not get_backend(delivery.backend).reports_delivery:
                _fail(message_id, IN_DOUBT)
                return None
            settle_at = delivery.attempt_started_at + datetime.timedelta(
                seconds=settings.SMS_IN_DOUBT_SECONDS
            )
            if now < settle_at:
                return settle_at
            # No report in all that time: the gateway never took that attempt.
            log.warning(
                "SMS %s: attempt %s unreported, sending again", message_id, delivery.attempts
            )
        elif delivery.next_attempt_at is not None and now < delivery.next_attempt_at:
            return delivery.next_attempt_at
        if delivery.attempts >= settings.SMS_MAX_ATTEMPTS:
            _fail(message_id, IN_DOUBT)
            return None
        delivery.attempts += 1
        delivery.attempt_started_at = now
        # The gateway configured now makes this attempt; if the attempt is cut off, it is
        # this gateway's reports that can settle it.
        delivery.backend = settings.SMS_BACKEND
        delivery.save(update_fields=["attempts", "attempt_started_at", "backend"])
        return delivery.attempts, delivery


def sms_deliver(
    *, message_id: int, pace: Callable[[], None] | None = None
) -> datetime.datetime | None:
    """Send one queued message if it is due. Returns when to come back for it, or None
    when the worker has nothing more to do for it (sent, failed, or not queued)."""
    claimed = _claim(message_id)
    if not isinstance(claimed, tuple):
        return claimed
    attempt, delivery = claimed
    message = delivery.message
    backend = get_backend(delivery.backend)
    if pace:
        pace()
    sms = Outgoing(
        to=message.to_e164,
        text=message.text,
        encoding=delivery.encoding,
        report_url=report_url(message_id, attempt) if backend.reports_delivery else "",
    )
    try:
        reply = backend.send(sms)
    except GatewayError as error:
        log.warning("SMS %s attempt %s: %s", message_id, attempt, error.detail)
        last = attempt >= settings.SMS_MAX_ATTEMPTS
        if not error.temporary or last:
            reason = (
                error.reason
                if not error.temporary
                else (f"{error.reason.rstrip('.')} sau {attempt} lần thử.")
            )
            _fail(message_id, reason, gateway_reply=error.detail[:255])
            return None
        retry_at = timezone.now() + _backoff(attempt)
        SmsDelivery.objects.filter(pk=message_id, attempts=attempt).update(
            attempt_started_at=None, next_attempt_at=retry_at, gateway_reply=error.detail[:255]
        )
        return retry_at
    now = timezone.now()
    with transaction.atomic():
        _locked(message_id)
        SmsDelivery.objects.filter(pk=message_id, attempts=attempt).update(
            attempt_started_at=None, next_attempt_at=None, gateway_reply=reply[:255]
        )
        # A delivery report may have come in first: never step a message back.
        TextMessage.objects.filter(pk=message_id, status=SmsStatus.QUEUED).update(
            status=SmsStatus.SENT, sent_at=now, error=""
        )
    return None


def token_valid(message_id: int, attempt: int, token: str) -> bool:
    return constant_time_compare(token, report_token(message_id, attempt))


def _report_fields(message: TextMessage, report_type: int, now) -> dict:
    """What a report changes: statuses only move forward, and a delivery report wins over
    an earlier failure report."""
    status = message.status
    if report_type == REPORT_DELIVERED and status != SmsStatus.DELIVERED:
        fields = {"status": SmsStatus.DELIVERED, "delivered_at": now, "error": ""}
    elif report_type in REPORT_SENT and status == SmsStatus.QUEUED:
        fields = {"status": SmsStatus.SENT, "error": ""}
    elif report_type in REPORT_FAILED and status in (SmsStatus.QUEUED, SmsStatus.SENT):
        return {"status": SmsStatus.FAILED, "error": REPORT_FAILED[report_type]}
    else:
        return {}
    if message.sent_at is None:
        fields["sent_at"] = now
    return fields


def sms_report(*, message_id: int, attempt: int, report_type: int, reply: str = "") -> TextMessage:
    """Apply a delivery report from the gateway. Reports may repeat or come out of order."""
    now = timezone.now()
    with transaction.atomic():
        delivery = _locked(message_id)
        message = delivery.message
        fields = _report_fields(message, report_type, now)
        if fields:
            TextMessage.objects.filter(pk=message_id, status=message.status).update(**fields)
        update = {"report_type": report_type, "reported_at": now}
        if attempt == delivery.attempts:
            # The open attempt reached the gateway: it is no longer in doubt.
            update["attempt_started_at"] = None
        if reply:
            update["gateway_reply"] = reply[:255]
        SmsDelivery.objects.filter(pk=message_id).update(**update)
    message.refresh_from_db()
    return message


class Pacer:
    """Keeps sends under the rate the operator allows (SMS_RATE_PER_SECOND)."""

    def __init__(self, rate: int):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.next_at = 0.0

    def __call__(self) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        if now < self.next_at:
            time.sleep(self.next_at - now)
        self.next_at = max(now, self.next_at) + self.interval
