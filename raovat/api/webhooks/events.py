"""Which events a transition makes and who gets them: queued inside the transition's own
transaction, so an event exists if and only if the change it describes was committed.

Each endpoint gets only the cases its client's unit may read (the access layer, asked
as the client's own user), and the payload never carries a subscriber's identity: that
is added when the event is sent, if the unit may see it (`send.py`).
"""

import uuid

from django.utils import timezone

from raovat.api.models import DeliveryStatus, EventType, WebhookDelivery, WebhookEndpoint
from raovat.cases.effects import (
    CaseOpened,
    TransitionDone,
    opening_listener,
    transition_listener,
)
from raovat.cases.labels import chain_label, chain_names
from raovat.cases.selectors import access
from raovat.cases.workflow import Need, State
from raovat.jobs.services import job_enqueue
from raovat.units.models import Unit

DELIVER_KIND = "api.webhook_deliver"


def _types(done: TransitionDone) -> list[str]:
    types = [EventType.CASE_TRANSITIONED]
    if done.dispatch is not None:
        types.append(EventType.DISPATCH_SENT)
    if Need.IDENTITY in done.transition.needs:
        types.append(EventType.IDENTITY_PROVIDED)
    return types


def _unit(units: dict[int, Unit], pk: int | None) -> dict | None:
    unit = units.get(pk) if pk else None
    return {"id": unit.pk, "name": unit.name} if unit else None


def _state_labels(events) -> dict[int, str]:
    """Each case's state label, the chain's names read once per route, not once per case."""
    names, labels = {}, {}
    for event in events:
        case = event.case
        key = (case.reporting_unit_id, case.telecom_unit_id, case.culture_unit_id)
        if key not in names:
            names[key] = chain_names(case)
        labels[case.pk] = chain_label(State(case.state).label, names=names[key])
    return labels


def _case_entry(event, units, labels) -> dict:
    case = event.case
    return {
        "number": case.number,
        "phone": case.phone_national,
        "from_state": event.from_state,
        "state": case.state,
        "state_label": labels[case.pk],
        "current_unit": _unit(units, case.current_unit_id),
    }


def _data(kind: str, done: TransitionDone, events, units, labels) -> dict:
    first = events[0]
    if kind == EventType.CASE_TRANSITIONED:
        return {
            "action": done.transition.action,
            "action_label": chain_label(done.transition.label, done.actor.unit),
            "unit": {"id": first.unit_id, "name": first.unit_name},
            "actor_name": first.actor_name,
            "note": first.note,
            "cases": [_case_entry(e, units, labels) for e in events],
        }
    if kind == EventType.DISPATCH_SENT:
        d = done.dispatch
        return {
            "dispatch": {
                "id": d.pk,
                "number": d.number_label,
                "kind": d.kind,
                "kind_label": d.get_kind_display(),
                "from_unit": {"id": d.from_unit_id, "name": d.from_unit_name},
                "to_unit": {"id": d.to_unit_id, "name": d.to_unit_name},
                "sent_at": d.sent_at.isoformat(),
            },
            "cases": [e.case.number for e in events],
        }
    return {"cases": [{"number": e.case.number, "state": e.case.state} for e in events]}


def _readers(endpoint: WebhookEndpoint, done: TransitionDone, kind: str, ids: set[int]):
    """The cases of the transition this endpoint's unit may read, for this kind."""
    user = endpoint.client.user
    if (
        kind == EventType.DISPATCH_SENT
        and not access.dispatches_readable(user).filter(pk=done.dispatch.pk).exists()
    ):
        return set()
    return set(access.readable(user).filter(pk__in=ids).values_list("pk", flat=True))


@transition_listener
def events_queue(done: TransitionDone) -> None:
    endpoints = [
        e
        for e in WebhookEndpoint.objects.filter(active=True).select_related(
            "client__unit", "client__user__unit"
        )
        if e.client.usable
    ]
    if not endpoints:
        return
    kinds = _types(done)
    ids = {e.case_id for e in done.events}
    unit_ids = {e.case.current_unit_id for e in done.events} - {None}
    units = {u.pk: u for u in Unit.objects.filter(pk__in=unit_ids)}
    event_ids = {kind: uuid.uuid4() for kind in kinds}
    labels = _state_labels(done.events)
    now = timezone.now()
    for endpoint in endpoints:
        for kind in kinds:
            if kind not in endpoint.event_types:
                continue
            readable = _readers(endpoint, done, kind, ids)
            events = [e for e in done.events if e.case_id in readable]
            if not events:
                continue
            body = {
                "id": str(event_ids[kind]),
                "type": str(kind),
                "occurred_at": now.isoformat(),
                "data": _data(kind, done, events, units, labels),
            }
            delivery_queue(
                endpoint=endpoint,
                event_id=event_ids[kind],
                kind=kind,
                payload=body,
                actor=done.actor,
            )


def _usable_endpoints(kind: str) -> list[WebhookEndpoint]:
    return [
        e
        for e in WebhookEndpoint.objects.filter(active=True).select_related(
            "client__unit", "client__user__unit"
        )
        if e.client.usable and kind in e.event_types
    ]


@opening_listener
def opening_queue(opened: CaseOpened) -> None:
    """case.opened: a sighting opened a new case; its readers hear of it (at first, the
    ward that recorded it)."""
    endpoints = _usable_endpoints(EventType.CASE_OPENED)
    if not endpoints:
        return
    case, sighting = opened.case, opened.sighting
    event_id, now = uuid.uuid4(), timezone.now()
    data = {
        "case": {
            "number": case.number,
            "phone": case.phone_national,
            "state": case.state,
            "state_label": chain_label(State(case.state).label, names=chain_names(case)),
            "first_found_on": case.first_found_on.isoformat(),
            "reporting_unit": {"id": case.reporting_unit_id, "name": sighting.reporting_unit.name},
        },
        "sighting": {
            "id": sighting.pk,
            "found_on": sighting.found_on.isoformat(),
            "place": sighting.place,
            "ad_type": sighting.ad_type,
            "photos": sighting.photos.count(),
        },
        "actor_name": opened.actor.display_name,
    }
    for endpoint in endpoints:
        if not access.readable(endpoint.client.user).filter(pk=case.pk).exists():
            continue
        body = {
            "id": str(event_id),
            "type": str(EventType.CASE_OPENED),
            "occurred_at": now.isoformat(),
            "data": data,
        }
        delivery_queue(
            endpoint=endpoint,
            event_id=event_id,
            kind=EventType.CASE_OPENED,
            payload=body,
            actor=opened.actor,
        )


def delivery_queue(
    *, endpoint: WebhookEndpoint, event_id, kind: str, payload: dict, actor=None
) -> WebhookDelivery:
    held = endpoint.paused
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event_id=event_id,
        event_type=kind,
        payload=payload,
        status=DeliveryStatus.HELD if held else DeliveryStatus.PENDING,
    )
    if not held:
        delivery_job(delivery, actor=actor)
    return delivery


def delivery_job(delivery: WebhookDelivery, *, actor=None) -> None:
    """Queue the job that sends `delivery`, and make it the only one that may."""
    job = job_enqueue(
        kind=DELIVER_KIND,
        label=f"Gửi sự kiện {delivery.event_type} đến ứng dụng {delivery.endpoint.client.name}"[
            :200
        ],
        payload={"delivery_id": delivery.pk},
        total=1,
        actor=actor,
        unit=delivery.endpoint.client.unit,
        max_attempts=3,
    )
    WebhookDelivery.objects.filter(pk=delivery.pk).update(job_id=job.pk)
    delivery.job_id = job.pk
