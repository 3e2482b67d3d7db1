"""Dispatches, suspensions, restores, typed transition details, files and documents
through the API: the transfer page's services, the same rights (another unit gets 404)."""

import pytest

from raovat.api.models import Scope
from raovat.cases.models import Case, Dispatch, Suspension
from raovat.cases.services.transitions import case_transition
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, scan_pdf
from tests.api.helpers import api, token_for

pytestmark = pytest.mark.django_db


def handler_api(cast, who="district"):
    _, token = token_for(getattr(cast, who).unit, name=who)
    return api(token)


def test_a_district_makes_prints_signs_and_sends_a_dispatch(cast, make_case):
    first = advance(make_case(cast.ward, phone="0912 000 301"), State.CONFIRMED)
    second = advance(make_case(cast.ward, phone="0912 000 302"), State.CONFIRMED)
    c = handler_api(cast)
    made = c.post(
        "/api/v1/dispatches/",
        {"action": "send_to_telecom", "cases": [first.number], "note": "Đề nghị cung cấp."},
        format="json",
    )
    assert made.status_code == 201, made.json()
    d = made.json()
    assert d["cases"] == [first.number] and d["to_unit"]["id"] == cast.telecom.unit_id
    again = c.post(
        "/api/v1/dispatches/", {"action": "send_to_telecom", "cases": [first.number]}, format="json"
    )
    assert again.json()["id"] == d["id"]  # a second click: the same draft

    added = c.post(
        f"/api/v1/dispatches/{d['id']}/cases/", {"cases": [second.number]}, format="json"
    ).json()
    assert sorted(added["cases"]) == sorted([first.number, second.number])
    pk = added["id"]
    refused = c.post(f"/api/v1/dispatches/{pk}/send/")
    assert refused.status_code == 409 and "đính kèm" in str(refused.json()["errors"])
    early = c.post(
        f"/api/v1/dispatches/{pk}/scan/", {"scan": scan_pdf("x", ["y"])}, format="multipart"
    )
    assert early.status_code == 409 and "chưa được in" in str(early.json())

    pdf = c.get(f"/api/v1/dispatches/{pk}/document/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content if pdf.streaming else [pdf.content])[:4] == b"%PDF"
    printed = c.get(f"/api/v1/dispatches/{pk}/").json()
    assert printed["number"] and printed["printed_version"] == printed["version"]
    signed = c.post(
        f"/api/v1/dispatches/{pk}/scan/",
        {"scan": scan_pdf("PHIEU", [first.number, second.number])},
        format="multipart",
    )
    assert signed.status_code == 200 and signed.json()["scan_is_current"]
    scan = c.get(f"/api/v1/dispatches/{pk}/scan/")
    assert scan.status_code == 200 and b"".join(scan.streaming_content)[:4] == b"%PDF"

    sent = c.post(f"/api/v1/dispatches/{pk}/send/")
    assert sent.status_code == 200 and sent.json()["sent_at"]
    for case in (first, second):
        case.refresh_from_db()
        assert case.state == State.AT_TELECOM
    assert c.post(f"/api/v1/dispatches/{pk}/send/").status_code == 409
    # The receiving unit reads the sent slip; the case lists it among its documents.
    telecom = handler_api(cast, "telecom")
    assert telecom.get(f"/api/v1/dispatches/{pk}/").status_code == 200
    docs = telecom.get(f"/api/v1/cases/{first.number}/").json()["documents"]
    assert [x["kind"] for x in docs] == ["dispatch"]
    assert telecom.get(docs[0]["url"]).status_code == 200


def test_a_read_only_client_cannot_print_a_draft(cast, make_case):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    d = (
        handler_api(cast)
        .post(
            "/api/v1/dispatches/",
            {"action": "send_to_telecom", "cases": [case.number]},
            format="json",
        )
        .json()
    )
    _, token = token_for(cast.district.unit, scope=Scope.READ, name="đọc")
    reader = api(token)
    assert reader.get(f"/api/v1/dispatches/{d['id']}/").status_code == 200
    assert reader.get(f"/api/v1/dispatches/{d['id']}/document/").status_code == 403
    assert reader.post(f"/api/v1/dispatches/{d['id']}/send/").status_code == 403
    assert Dispatch.objects.get(pk=d["id"]).number is None


def test_dropping_cases_new_content_and_the_last_one_empties_the_draft(cast, make_case):
    first = advance(make_case(cast.ward, phone="0912 000 311"), State.CONFIRMED)
    second = advance(make_case(cast.ward, phone="0912 000 312"), State.CONFIRMED)
    c = handler_api(cast)
    d = c.post(
        "/api/v1/dispatches/",
        {"action": "send_to_telecom", "cases": [first.number, second.number]},
        format="json",
    ).json()
    dropped = c.delete(f"/api/v1/dispatches/{d['id']}/cases/{second.number}/")
    assert dropped.status_code == 200
    assert dropped.json()["cases"] == [first.number]
    assert dropped.json()["version"] == d["version"] + 1
    assert c.delete(f"/api/v1/dispatches/{d['id']}/cases/{second.number}/").status_code == 404
    assert c.delete(f"/api/v1/dispatches/{d['id']}/cases/{first.number}/").status_code == 204
    assert not Dispatch.objects.filter(pk=d["id"]).exists()


OUTSIDERS = ["other_district", "ward", "telecom"]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_another_unit_gets_404_on_every_dispatch_operation(cast, make_case, who):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    other = advance(make_case(cast.ward, phone="0912 000 321"), State.CONFIRMED)
    d = (
        handler_api(cast)
        .post(
            "/api/v1/dispatches/",
            {"action": "send_to_telecom", "cases": [case.number]},
            format="json",
        )
        .json()
    )
    c = handler_api(cast, who)
    pk = d["id"]
    answers = [
        c.get(f"/api/v1/dispatches/{pk}/"),  # an unsent draft is the sender's only
        c.post(f"/api/v1/dispatches/{pk}/cases/", {"cases": [other.number]}, format="json"),
        c.delete(f"/api/v1/dispatches/{pk}/cases/{case.number}/"),
        c.get(f"/api/v1/dispatches/{pk}/document/"),
        c.get(f"/api/v1/dispatches/{pk}/scan/"),
        c.post(
            f"/api/v1/dispatches/{pk}/scan/", {"scan": scan_pdf("x", ["y"])}, format="multipart"
        ),
        c.post(f"/api/v1/dispatches/{pk}/send/"),
    ]
    assert [r.status_code for r in answers] == [404] * len(answers)
    assert all(case.number not in r.content.decode() for r in answers)
    made = c.post(
        "/api/v1/dispatches/", {"action": "send_to_telecom", "cases": [other.number]}, format="json"
    )
    assert made.status_code in (404, 409) and other.number not in made.content.decode()
    assert Dispatch.objects.get(pk=pk).items.count() == 1
    assert Dispatch.objects.get(pk=pk).printed_version is None  # nothing was printed


def test_the_telecom_authority_records_suspensions_one_date_each(cast, make_case):
    a = advance(make_case(cast.ward, phone="0912 000 331"), State.SUSPENSION_REQUESTED)
    b = advance(make_case(cast.ward, phone="0912 000 332"), State.SUSPENSION_REQUESTED)
    c = handler_api(cast, "telecom")
    items = [
        {"case": a.number, "suspended_on": "2099-01-02", "carrier_reference": "VT-1"},
        {"case": b.number, "suspended_on": "2099-01-03", "carrier_reference": ""},
    ]
    refused = c.post("/api/v1/suspensions/", {"items": items}, format="json")
    assert refused.status_code == 400  # a reference is required
    items[1]["carrier_reference"] = "VT-2"
    done = c.post("/api/v1/suspensions/", {"items": items}, format="json")
    assert done.status_code == 200, done.json()
    assert {x["state"] for x in done.json()["cases"]} == {State.SUSPENDED}
    assert dict(Suspension.objects.values_list("case__number", "carrier_reference")) == {
        a.number: "VT-1",
        b.number: "VT-2",
    }


def test_a_restore_needs_the_payment_or_the_handling_units_letter(cast, make_case):
    case = advance(make_case(cast.ward), State.SUSPENDED)
    c = handler_api(cast, "telecom")
    refused = c.post(
        "/api/v1/restores/", {"cases": [case.number], "note": "Khôi phục."}, format="json"
    )
    assert refused.status_code == 409 and case.number in str(refused.json()["errors"])
    done = c.post(
        "/api/v1/restores/",
        {"cases": [case.number], "note": "Khôi phục.", "handler_decision": "Công văn 15/VHTT"},
        format="json",
    )
    assert done.status_code == 200 and done.json()["cases"][0]["state"] == State.CLOSED


@pytest.mark.parametrize("who", ["district", "other_district", "ward"])
def test_only_the_telecom_authority_suspends_or_restores(cast, make_case, who):
    requested = advance(make_case(cast.ward, phone="0912 000 341"), State.SUSPENSION_REQUESTED)
    suspended = advance(make_case(cast.ward, phone="0912 000 342"), State.SUSPENDED)
    c = handler_api(cast, who)
    s = c.post(
        "/api/v1/suspensions/",
        {
            "items": [
                {"case": requested.number, "suspended_on": "2099-01-02", "carrier_reference": "X"}
            ]
        },
        format="json",
    )
    r = c.post(
        "/api/v1/restores/",
        {"cases": [suspended.number], "note": "x", "handler_decision": "y"},
        format="json",
    )
    expected = 404 if who == "other_district" else 409
    assert (s.status_code, r.status_code) == (expected, expected)
    assert Case.objects.get(pk=requested.pk).state == State.SUSPENSION_REQUESTED
    assert Case.objects.get(pk=suspended.pk).state == State.SUSPENDED


def test_transition_details_close_a_case_at_the_culture_authority(cast, make_case):
    case = advance(make_case(cast.ward), State.AT_CULTURE)
    c = handler_api(cast, "culture")
    body = {"action": "close", "cases": [case.number]}
    assert c.post("/api/v1/transitions/", body, format="json").status_code == 409
    body["details"] = {
        "decision_number": "12/QĐ-XPHC",
        "decided_on": "2026-11-30",
        "amount": 2000000,
        "result": "Đã xử phạt.",
    }
    done = c.post("/api/v1/transitions/", body, format="json")
    assert done.status_code == 200, done.json()
    assert done.json()["cases"][0]["state"] == State.CLOSED
    bad = c.post(
        "/api/v1/transitions/", {**body, "details": {"decided_on": "hôm qua"}}, format="json"
    )
    assert bad.status_code == 400 and "details.decided_on" in bad.json()["errors"]


def test_a_dispatch_action_through_transitions_points_to_dispatches(cast, make_case):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    r = handler_api(cast).post(
        "/api/v1/transitions/", {"action": "send_to_telecom", "cases": [case.number]}, format="json"
    )
    assert r.status_code == 409 and "/api/v1/dispatches/" in r.json()["detail"]


@pytest.mark.parametrize("who", ["other_district", "ward_q3", "telecom"])
def test_photos_and_attachments_with_a_token_and_404_for_another_unit(cast, make_case, who):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    case_transition(
        actor=cast.district,
        action="confirm",
        cases=[case],
        attachment=scan_pdf("CONG VAN", ["xac nhan"]),
    )
    mine = handler_api(cast)
    detail = mine.get(f"/api/v1/cases/{case.number}/").json()
    photo_url = detail["sightings"][0]["photos"][0]["url"]
    photo = mine.get(photo_url)
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert photo["Cache-Control"] == "private, no-store"
    assert mine.get(photo_url + "?thu-nho=1").status_code == 200
    [doc] = detail["documents"]
    assert doc["kind"] == "attachment" and "Xác nhận" in doc["label"]
    attached = mine.get(doc["url"])
    assert attached.status_code == 200 and b"".join(attached.streaming_content)[:4] == b"%PDF"
    stranger = handler_api(cast, who)
    assert stranger.get(photo_url).status_code == 404
    assert stranger.get(doc["url"]).status_code == 404
    assert stranger.get(f"/api/v1/cases/{case.number}/").status_code == 404
    assert api().get(photo_url).status_code == 401
    missing = mine.get("/api/v1/photos/999999/")
    assert missing.status_code == 404
