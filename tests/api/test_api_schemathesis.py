"""Schemathesis against the live schema, with the demo's data and real tokens of the
demo's units: no server error and no answer that breaks the schema, on every operation,
generated and with the demo's own cases, dispatches and photos."""

import hypothesis
import pytest
import schemathesis
from django.utils import timezone
from hypothesis import HealthCheck, Phase
from schemathesis import checks

from raovat.api.models import EventType, WebhookEndpoint
from raovat.cases.models import Case, Dispatch, PenaltyDecision, Photo
from raovat.cases.workflow import State
from raovat.demo.loader import load
from tests.api.helpers import token_for

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]
# Examples per operation: the handling district's token, which may use most operations,
# gets the most; the other roles' get fewer, to keep the suite's time.
EXAMPLES = {"district": 12, "ward": 6, "telecom": 6, "culture": 4}
OPERATIONS = {
    "GET /api/v1/cases/",
    "GET /api/v1/cases/{number}/",
    "POST /api/v1/cases/{number}/record/",
    "POST /api/v1/cases/{number}/decision/",
    "POST /api/v1/cases/{number}/payment/",
    "GET /api/v1/statistics/",
    "POST /api/v1/transitions/",
    "POST /api/v1/identities/",
    "POST /api/v1/sightings/",
    "POST /api/v1/suspensions/",
    "POST /api/v1/restores/",
    "GET /api/v1/photos/{id}/",
    "GET /api/v1/attachments/{id}/",
    "POST /api/v1/dispatches/",
    "GET /api/v1/dispatches/{id}/",
    "POST /api/v1/dispatches/{id}/cases/",
    "DELETE /api/v1/dispatches/{id}/cases/{number}/",
    "GET /api/v1/dispatches/{id}/document/",
    "GET /api/v1/dispatches/{id}/scan/",
    "POST /api/v1/dispatches/{id}/scan/",
    "POST /api/v1/dispatches/{id}/send/",
}
# Who calls: each of the demo's roles, so that every operation meets a unit that may use it.
ROLES = {
    "district": "vhtt.quan1",
    "ward": "phuong.bennghe",
    "telecom": "sotttt",
    "culture": "sovhttdl",
}


def _explore(operation, *, base_url: str, headers: dict, examples: int) -> None:
    @hypothesis.given(case=operation.as_strategy())
    @hypothesis.settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    def check(case):
        case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS)

    check()


def _known(operations, base_url, headers, calls):
    """The demo's own objects, so the answers with data are checked too, not only 404s."""
    statuses = []
    for label, kwargs in calls:
        case = operations[label].Case(**kwargs)
        statuses.append(
            case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS).status_code
        )
    return statuses


@pytest.mark.django_db(transaction=True)
def test_every_operation_keeps_to_its_schema_with_the_demo(live_server, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"client": "100000/minute"},
    }
    demo = load("manual", log=lambda line: None)
    headers = {}
    for role, username in ROLES.items():
        client, token = token_for(demo.users[username].unit, name=role)
        headers[role] = {"Authorization": f"Bearer {token}"}
        # Events are queued with every transition the run makes (and not sent here).
        WebhookEndpoint.objects.create(
            client=client,
            url="http://127.0.0.1:9/",
            secret="x" * 24,
            event_types=[str(t) for t in EventType],
        )
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/?format=json")
    operations = {op.label: op for op in (r.ok() for r in schema.get_all_operations())}
    assert set(operations) == OPERATIONS

    district = demo.users[ROLES["district"]]
    readable = Case.objects.visible_to(district)
    case = readable.filter(subscriber__isnull=False).order_by("pk").first()
    foreign = Case.objects.exclude(pk__in=readable.values("pk")).order_by("pk").first()
    sent = (
        Dispatch.objects.filter(from_unit=district.unit, sent_at__isnull=False)
        .exclude(signed_scan="")
        .order_by("pk")
        .first()
    )
    photo = Photo.objects.filter(sighting__case=case).order_by("pk").first()
    decided = readable.filter(state=State.DECIDED, current_unit=district.unit).order_by("pk")[0]
    fine = PenaltyDecision.objects.get(case=decided)
    multipart = "multipart/form-data"
    known = _known(
        operations,
        live_server.url,
        headers["district"],
        [
            ("GET /api/v1/cases/{number}/", {"path_parameters": {"number": case.number}}),
            ("GET /api/v1/cases/{number}/", {"path_parameters": {"number": foreign.number}}),
            ("GET /api/v1/cases/", {"query": {"state": case.state}}),
            ("GET /api/v1/dispatches/{id}/", {"path_parameters": {"id": sent.pk}}),
            ("GET /api/v1/dispatches/{id}/document/", {"path_parameters": {"id": sent.pk}}),
            ("GET /api/v1/dispatches/{id}/scan/", {"path_parameters": {"id": sent.pk}}),
            ("GET /api/v1/photos/{id}/", {"path_parameters": {"id": photo.pk}}),
            ("POST /api/v1/dispatches/{id}/send/", {"path_parameters": {"id": sent.pk}}),
            (
                "POST /api/v1/transitions/",
                {
                    "body": {"action": "confirm", "cases": [case.number]},
                    "media_type": "application/json",
                },
            ),
            ("GET /api/v1/statistics/", {"query": {"ky": "nam"}}),
            (
                "POST /api/v1/cases/{number}/payment/",
                {
                    "path_parameters": {"number": foreign.number},
                    "body": {"paid_on": "2026-01-01", "amount": 1, "reference": "x"},
                    "media_type": multipart,
                },
            ),
            (
                "POST /api/v1/cases/{number}/record/",
                {
                    "path_parameters": {"number": foreign.number},
                    "body": {},
                    "media_type": "application/json",
                },
            ),
            (
                "POST /api/v1/cases/{number}/decision/",
                {
                    "path_parameters": {"number": decided.number},
                    "body": {"decided_on": "2026-01-01", "legal_basis": 2**31 - 1},
                    "media_type": multipart,
                },
            ),
            (
                "POST /api/v1/cases/{number}/payment/",
                {
                    "path_parameters": {"number": decided.number},
                    "body": {
                        "paid_on": timezone.localdate().isoformat(),
                        "amount": fine.amount,
                        "reference": "BL-0001",
                    },
                    "media_type": multipart,
                },
            ),
        ],
    )
    assert known == [200, 404, 200, 200, 200, 200, 200, 409, 409, 200, 404, 404, 400, 201]

    for role in ROLES:
        for operation in operations.values():
            _explore(
                operation, base_url=live_server.url, headers=headers[role], examples=EXAMPLES[role]
            )
