"""Cases through the API: the same scoping as the screens (another unit gets 404 on every
detail and action), the same search as "Tra cứu hồ sơ", all-or-nothing transitions."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from raovat.cases.models import CaseEvent
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from tests.api.helpers import api, token_for
from tests.dates import days_ago

pytestmark = pytest.mark.django_db


def case_with_identity(cast, make_case):
    return advance(make_case(cast.ward, phone="0912 000 111"), State.TO_CONTACT)


OUTSIDERS = ["ward_b", "ward_q3", "other_district"]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_another_unit_gets_404_on_detail_and_action_as_for_no_case(cast, make_case, who):
    case = make_case(cast.ward)
    _, token = token_for(getattr(cast, who).unit)
    c = api(token)
    foreign = c.get(f"/api/v1/cases/{case.number}/")
    missing = c.get("/api/v1/cases/HS-2026-999999/")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json()
    assert foreign["Content-Type"] == "application/problem+json"
    acted = c.post(
        "/api/v1/transitions/", {"action": "submit", "cases": [case.number]}, format="json"
    )
    assert acted.status_code == 404
    assert case.number not in acted.content.decode()
    listed = c.get("/api/v1/cases/", {"phone": "0912 345 678"}).json()
    assert case.number not in [r["number"] for r in listed["results"]]
    events = CaseEvent.objects.filter(case=case).count()
    case.refresh_from_db()
    assert case.state == State.DRAFT and events == 1


def test_the_units_on_the_route_read_the_case(cast, make_case):
    case = advance(make_case(cast.ward), State.AT_TELECOM)
    for who in ("ward", "district", "telecom"):
        _, token = token_for(getattr(cast, who).unit, name=who)
        r = api(token).get(f"/api/v1/cases/{case.number}/")
        assert r.status_code == 200, who
        body = r.json()
        assert body["number"] == case.number and body["state"] == State.AT_TELECOM
        assert len(body["sightings"]) == 1 and len(body["sightings"][0]["photos"]) == 1
        assert [e["to_state"] for e in body["history"]][-1] == State.AT_TELECOM


def test_the_identity_only_where_the_unit_may_see_it(cast, make_case):
    case = case_with_identity(cast, make_case)
    _, ward = token_for(cast.ward.unit, name="ward")
    _, district = token_for(cast.district.unit, name="district")
    assert api(ward).get(f"/api/v1/cases/{case.number}/").json()["subscriber"] is None
    assert api(district).get(f"/api/v1/cases/{case.number}/").json()["subscriber"] is not None


def test_the_same_search_gives_the_same_cases_as_the_screen(cast, make_case, client):
    for i in range(4):
        make_case(cast.ward, phone=f"0912 345 67{i}")
    make_case(cast.ward_b, phone="0912 345 699")
    make_case(cast.ward_q3, phone="0912 345 688")
    _, token = token_for(cast.district.unit)
    client.force_login(cast.district)
    for query in (
        {},
        {"phone": "345 67"},
        {"reporting_unit": cast.ward.unit_id},
        {"state": "draft"},
        {"sap_xep": "ngay-phat-hien", "chieu": "tang"},
    ):
        page = client.get("/tra-cuu/", {**query, "tim": "1"}).content.decode()
        on_screen = list(dict.fromkeys(re.findall(r'href="/ho-so/([^/]+)/"', page)))
        through_api = [
            r["number"] for r in api(token).get("/api/v1/cases/", query).json()["results"]
        ]
        assert through_api == on_screen, query


def test_keyset_pages_follow_one_another(cast, make_case, settings, monkeypatch):
    monkeypatch.setattr("raovat.cases.selectors.search.PAGE_SIZE", 2)
    numbers = [make_case(cast.ward, phone=f"0912 345 60{i}").number for i in range(5)]
    _, token = token_for(cast.ward.unit)
    c, seen, after = api(token), [], ""
    while True:
        body = c.get("/api/v1/cases/", {"sau": after} if after else {}).json()
        seen += [r["number"] for r in body["results"]]
        after = body["next"]
        if not after:
            break
    assert seen == sorted(numbers, reverse=True)


def test_a_bad_criterion_is_a_400_problem_per_field(cast):
    _, token = token_for(cast.district.unit)
    r = api(token).get("/api/v1/cases/", {"found_from": "31/31/2026", "state": "nope"})
    assert r.status_code == 400
    body = r.json()
    assert body["title"] == "Dữ liệu không hợp lệ"
    assert set(body["errors"]) == {"found_from", "state"}


def test_the_list_costs_the_same_queries_for_many_cases(cast, make_case):
    _, token = token_for(cast.ward.unit)
    make_case(cast.ward, phone="0912 345 601")
    c = api(token)
    c.get("/api/v1/cases/")  # the first call of a client notes its use
    with CaptureQueriesContext(connection) as one:
        assert c.get("/api/v1/cases/").status_code == 200
    for i in range(2, 6):
        make_case(cast.ward, phone=f"0912 345 60{i}")
    with CaptureQueriesContext(connection) as many:
        assert len(c.get("/api/v1/cases/").json()["results"]) == 5
    assert len(many) == len(one)


def test_a_batch_moves_all_or_none(cast, make_case):
    a = make_case(cast.ward, phone="0912 345 601")
    b = make_case(cast.ward, phone="0912 345 602", photos=0)
    _, token = token_for(cast.ward.unit)
    c = api(token)
    refused = c.post(
        "/api/v1/transitions/", {"action": "submit", "cases": [a.number, b.number]}, format="json"
    )
    assert refused.status_code == 409
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["errors"]["cases"]
    a.refresh_from_db()
    assert a.state == State.DRAFT
    done = c.post("/api/v1/transitions/", {"action": "submit", "cases": [a.number]}, format="json")
    assert done.status_code == 200
    assert done.json()["cases"][0]["state"] == State.AWAITING_CONFIRMATION


def test_a_bad_body_is_a_400_problem(cast):
    _, token = token_for(cast.ward.unit)
    r = api(token).post("/api/v1/transitions/", {"action": "fly", "cases": []}, format="json")
    assert r.status_code == 400
    assert set(r.json()["errors"]) == {"action", "cases"}


def test_the_telecom_authority_provides_many_identities_at_once(cast, make_case):
    a = advance(make_case(cast.ward, phone="0912 345 601"), State.AT_TELECOM)
    b = advance(make_case(cast.ward, phone="0912 345 602"), State.AT_TELECOM)
    _, token = token_for(cast.telecom.unit)
    c = api(token)
    half = c.post(
        "/api/v1/identities/",
        {
            "items": [
                {"case": a.number, "full_name": "Trần Văn Bình", "address": "12 Lê Lợi, Quận 1"},
                {"case": b.number, "full_name": "", "address": "x"},
            ]
        },
        format="json",
    )
    assert half.status_code == 400 and "items" in str(half.json()["errors"])
    a.refresh_from_db()
    assert a.state == State.AT_TELECOM
    done = c.post(
        "/api/v1/identities/",
        {
            "items": [
                {"case": a.number, "full_name": "Trần Văn Bình", "address": "12 Lê Lợi, Quận 1"},
                {
                    "case": b.number,
                    "full_name": "Lê Thị Cúc",
                    "address": "3 Pasteur, Quận 1",
                    "birth_date": "1990-05-01",
                },
            ]
        },
        format="json",
    )
    assert done.status_code == 200, done.json()
    assert [x["state"] for x in done.json()["cases"]] == [State.TO_CONTACT] * 2
    a.refresh_from_db()
    assert a.subscriber.full_name == "Trần Văn Bình"


def test_identities_for_another_units_case_are_a_404(cast, make_case):
    case = advance(make_case(cast.ward), State.AT_TELECOM)
    _, token = token_for(cast.district.unit)
    r = api(token).post(
        "/api/v1/identities/",
        {"items": [{"case": case.number, "full_name": "A", "address": "B"}]},
        format="json",
    )
    assert r.status_code == 409  # the district reads the case but cannot answer for Sở TTTT
    _, token = token_for(cast.other_district.unit, name="khác")
    r = api(token).post(
        "/api/v1/identities/",
        {"items": [{"case": case.number, "full_name": "A", "address": "B"}]},
        format="json",
    )
    assert r.status_code == 404 and case.number not in r.content.decode()


def test_a_ward_records_an_ad_and_a_known_number_joins_its_case(cast, make_case):
    from tests.conftest import jpeg

    existing = make_case(cast.ward, phone="0912 345 601")
    _, token = token_for(cast.ward_b.unit)
    c = api(token)
    r = c.post(
        "/api/v1/sightings/",
        {
            "phones": ["0912 345 601", "0987 654 321"],
            "found_on": days_ago(7).isoformat(),
            "place": "Cột điện số 3 Lê Lợi",
            "ad_type": "sticker",
            "photos": [jpeg()],
        },
        format="multipart",
    )
    assert r.status_code == 201, r.json()
    body = sorted(r.json(), key=lambda x: x["joined_existing"])
    assert body[1] == {"case": existing.number, "joined_existing": True}
    assert body[0]["joined_existing"] is False


def test_a_bad_photo_or_date_records_nothing(cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from raovat.cases.models import Case

    _, token = token_for(cast.ward.unit)
    c = api(token)
    r = c.post(
        "/api/v1/sightings/",
        {
            "phones": ["0912 345 601"],
            "found_on": "2099-01-01",
            "place": "x",
            "ad_type": "sticker",
            "photos": [SimpleUploadedFile("a.jpg", b"not an image", "image/jpeg")],
        },
        format="multipart",
    )
    assert r.status_code == 400 and r["Content-Type"] == "application/problem+json"
    assert "found_on" in r.json()["errors"]
    assert not Case.objects.exists()


def test_any_other_address_is_the_apis_404_even_with_a_line_break(cast):
    _, token = token_for(cast.district.unit)
    for url in ("/api/v1/nowhere/", "/api/v1/dispatches/-1/cases/%0Ax/", "/api/v1/a%0A/b/"):
        r = api(token).delete(url)
        assert r.status_code == 404 and r["Content-Type"] == "application/problem+json", url


def test_a_body_with_too_many_fields_is_a_413_problem(cast):
    _, token = token_for(cast.district.unit)
    r = api(token).post(
        "/api/v1/dispatches/",
        {"action": "send_to_telecom", "cases": [f"HS-2026-{i:06d}" for i in range(1500)]},
        format="multipart",
    )
    assert r.status_code == 413 and r["Content-Type"] == "application/problem+json"
    assert r.json()["title"] == "Dữ liệu gửi lên quá lớn"
