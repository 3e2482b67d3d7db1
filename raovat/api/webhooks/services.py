"""What an administrator does with endpoints and deliveries."""

import secrets

from django.db import transaction

from raovat.api.models import DeliveryStatus, WebhookEndpoint
from raovat.api.webhooks.events import delivery_job

SECRET_MIN = 24


def secret_new() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def endpoint_resume(*, endpoint: WebhookEndpoint, actor=None) -> int:
    """Lift the pause and send the held deliveries again; returns how many."""
    with transaction.atomic():
        locked = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
        locked.paused_at, locked.pause_reason, locked.consecutive_failures = None, "", 0
        locked.save(update_fields=["paused_at", "pause_reason", "consecutive_failures"])
        return _requeue(locked.deliveries.filter(status=DeliveryStatus.HELD), actor)


def deliveries_resend(*, deliveries, actor=None) -> int:
    """Send failed or held deliveries again, from their first attempt."""
    with transaction.atomic():
        return _requeue(
            deliveries.filter(
                status__in=[DeliveryStatus.FAILED, DeliveryStatus.HELD],
                endpoint__paused_at__isnull=True,
            ),
            actor,
        )


def _requeue(deliveries, actor) -> int:
    count = 0
    for delivery in (
        deliveries.select_for_update()
        .select_related("endpoint__client__unit")
        .order_by("created_at", "id")
    ):
        delivery.status, delivery.attempts, delivery.next_attempt_at = (
            DeliveryStatus.PENDING,
            0,
            None,
        )
        delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
        delivery_job(delivery, actor=actor)
        count += 1
    return count
