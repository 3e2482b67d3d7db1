"""Schemathesis against the live schema, with demo-like data and a real token: no server
error and no answer that breaks the schema, on every operation."""

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase
from schemathesis import checks

from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from tests.api.helpers import token_for

CHECKS = [checks.not_a_server_error, checks.status_code_conformance,
          checks.content_type_conformance, checks.response_schema_conformance,
          checks.response_headers_conformance]
EXAMPLES = 15


def _explore(operation, *, base_url: str, headers: dict) -> None:
    @hypothesis.given(case=operation.as_strategy())
    @hypothesis.settings(max_examples=EXAMPLES, deadline=None, database=None,
                         suppress_health_check=list(HealthCheck),
                         phases=[Phase.explicit, Phase.generate])
    def check(case):
        case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS)

    check()


@pytest.mark.django_db(transaction=True)
def test_every_operation_keeps_to_its_schema(live_server, cast, make_case, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": {"client": "100000/minute"}}
    numbers = [advance(make_case(cast.ward, phone="0912 345 601"), State.CONFIRMED).number,
               advance(make_case(cast.ward, phone="0912 345 602"), State.TO_CONTACT).number,
               make_case(cast.ward_q3, phone="0912 345 603").number]
    _, token = token_for(cast.district.unit)
    headers = {"Authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/?format=json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.label for op in operations} == {
        "GET /api/v1/cases/", "GET /api/v1/cases/{number}/", "POST /api/v1/transitions/",
        "POST /api/v1/identities/", "POST /api/v1/sightings/"}

    _, ward_token = token_for(cast.ward.unit, name="Ứng dụng phường")
    sightings = next(op for op in operations if op.label == "POST /api/v1/sightings/")
    runs = [(op, headers) for op in operations] + [
        (sightings, {"Authorization": f"Bearer {ward_token}"})]  # a unit that may record
    for operation, auth in runs:
        _explore(operation, base_url=live_server.url, headers=auth)

    detail = next(op for op in operations if op.label == "GET /api/v1/cases/{number}/")
    for number in numbers:  # known cases too: readable, with identity, another unit's
        case = detail.Case(path_parameters={"number": number})
        response = case.call_and_validate(base_url=live_server.url, headers=headers,
                                          checks=CHECKS)
        assert response.status_code == (404 if number == numbers[2] else 200)

    transitions = next(op for op in operations if op.label == "POST /api/v1/transitions/")
    refused = transitions.Case(body={"action": "confirm", "cases": [numbers[0]]},
                               media_type="application/json")
    assert refused.call_and_validate(base_url=live_server.url, headers=headers,
                                     checks=CHECKS).status_code == 409
