"""Sending one delivery: signed, no redirect followed, a bounded wait, a short excerpt of
the answer kept; retried with backoff; an endpoint that keeps failing is paused.

A worker killed after the receiver took the request sends it again when its job is
taken over: delivery is at least once, and the event id lets the receiver drop the
second copy.
"""

import datetime
import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from raovat.api.models import DeliveryStatus, EventType, WebhookDelivery, WebhookEndpoint
from raovat.api.serializers import SubscriberOut
from raovat.audit.models import Page
from raovat.audit.services import personal_data_viewed
from raovat.cases.models import Subscriber
from raovat.cases.selectors import access

log = logging.getLogger(__name__)

EXCERPT = 200
USER_AGENT = "raovat-webhooks/1"
MAX_WAIT = 6 * 3600


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not an instruction: following it could reach an address
    the administrator never registered."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects, urllib.request.ProxyHandler({}))


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """HMAC-SHA256 over "<timestamp>.<body>", hex; sent as `t=<timestamp>,v1=<hex>`."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return mac.hexdigest()


def backoff(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(
        seconds=min(MAX_WAIT, settings.WEBHOOK_RETRY_SECONDS * 2 ** (attempts - 1))
    )


def _with_identities(delivery: WebhookDelivery) -> dict:
    """An identity.provided event gets each subscriber the client's unit may see now."""
    body = json.loads(json.dumps(delivery.payload))
    if delivery.event_type != EventType.IDENTITY_PROVIDED:
        return body
    user = delivery.endpoint.client.user
    numbers = [c["number"] for c in body["data"]["cases"]]
    cases = {c.number: c for c in access.readable(user).filter(number__in=numbers)}
    subscribers = {
        s.case_id: s
        for s in Subscriber.objects.filter(
            case__in=[c.pk for c in cases.values() if access.may_see_identity(user, c)]
        )
    }
    shown = []
    for entry in body["data"]["cases"]:
        case = cases.get(entry["number"])
        subscriber = subscribers.get(case.pk) if case is not None else None
        entry["subscriber"] = SubscriberOut(subscriber).data if subscriber else None
        if subscriber is not None:
            shown.append(case.pk)
    if shown:
        personal_data_viewed(user=user, cases=shown, page=Page.WEBHOOK)
    return body


def _post(
    endpoint: WebhookEndpoint, delivery: WebhookDelivery, body: bytes, attempt: int
) -> tuple[int | None, str, str]:
    """(status code or None, error in Vietnamese or "", excerpt of the answer)."""
    timestamp = int(time.time())
    request = urllib.request.Request(
        endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": USER_AGENT,
            "X-Raovat-Event": delivery.event_type,
            "X-Raovat-Event-Id": str(delivery.event_id),
            "X-Raovat-Delivery-Attempt": str(attempt),
            "X-Raovat-Signature": f"t={timestamp},v1={signature(endpoint.secret, timestamp, body)}",
        },
    )
    try:
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT) as response:
            return response.status, "", _excerpt(response)
    except urllib.error.HTTPError as error:
        code = error.code
        reason = (
            f"Địa chỉ nhận trả về chuyển hướng (HTTP {code}); hệ thống không theo chuyển hướng."
            if 300 <= code < 400
            else f"Địa chỉ nhận trả về HTTP {code}."
        )
        return code, reason, _excerpt(error)
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return None, f"Không kết nối được địa chỉ nhận: {reason}"[:255], ""


def _excerpt(response) -> str:
    try:
        return response.read(EXCERPT * 4).decode("utf-8", "replace")[:EXCERPT]
    except (OSError, ValueError):
        return ""


def delivery_send(*, delivery_id: int, job_id: int | None = None) -> datetime.datetime | None:
    """Try a delivery once. Returns when to try again, or None when it is settled (or
    when `job_id` is not the job the delivery belongs to)."""
    delivery = (
        WebhookDelivery.objects.select_related(
            "endpoint__client__user__unit", "endpoint__client__unit"
        )
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None or delivery.status != DeliveryStatus.PENDING:
        return None
    if job_id is not None and delivery.job_id != job_id:
        return None
    endpoint = delivery.endpoint
    if endpoint.paused or not endpoint.active:
        WebhookDelivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.HELD
        )
        return None
    if not endpoint.client.usable:
        _settle(
            delivery,
            status=DeliveryStatus.FAILED,
            error="Ứng dụng kết nối đã bị thu hồi, hết hạn, hoặc đơn vị đã ngừng hoạt động.",
        )
        return None
    attempt = delivery.attempts + 1
    body = json.dumps(
        _with_identities(delivery), ensure_ascii=False, separators=(",", ":")
    ).encode()
    code, error, excerpt = _post(endpoint, delivery, body, attempt)
    now = timezone.now()
    fields = {
        "attempts": attempt,
        "last_attempt_at": now,
        "last_status_code": code,
        "response_excerpt": excerpt,
    }
    if code is not None and 200 <= code < 300:
        _settle(
            delivery,
            status=DeliveryStatus.DELIVERED,
            error="",
            delivered_at=now,
            next_attempt_at=None,
            **fields,
        )
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
            consecutive_failures=0, last_success_at=now
        )
        return None
    paused = _failed(endpoint)
    if attempt >= settings.WEBHOOK_MAX_ATTEMPTS:
        _settle(
            delivery,
            status=DeliveryStatus.FAILED,
            next_attempt_at=None,
            error=f"{error} Đã thử {attempt} lần."[:255],
            **fields,
        )
        return None
    if paused:
        _settle(delivery, status=DeliveryStatus.HELD, next_attempt_at=None, error=error, **fields)
        return None
    retry_at = now + backoff(attempt)
    _settle(
        delivery, status=DeliveryStatus.PENDING, next_attempt_at=retry_at, error=error, **fields
    )
    return retry_at


def _settle(delivery: WebhookDelivery, *, status: str, error: str, **fields) -> None:
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=status, last_error=error[:255], **fields
    )


def _failed(endpoint: WebhookEndpoint) -> bool:
    """Count a failed attempt; True if the endpoint is (now) paused."""
    with transaction.atomic():
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
            consecutive_failures=F("consecutive_failures") + 1
        )
        current = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
        if (
            current.paused_at is None
            and current.consecutive_failures >= settings.WEBHOOK_PAUSE_AFTER
        ):
            current.paused_at = timezone.now()
            current.pause_reason = (f"Gửi lỗi {current.consecutive_failures} lần liên tiếp.")[:255]
            current.save(update_fields=["paused_at", "pause_reason"])
            log.warning(
                "webhook endpoint %s paused after %s failures",
                endpoint.pk,
                current.consecutive_failures,
            )
        # Deliveries waiting for their retry are held with it.
        if current.paused_at is not None:
            WebhookDelivery.objects.filter(
                endpoint=endpoint, status=DeliveryStatus.PENDING, next_attempt_at__isnull=False
            ).update(status=DeliveryStatus.HELD)
        return current.paused_at is not None
