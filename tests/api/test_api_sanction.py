"""The sanction's steps through the API: the decision with its signed scan and the
payment with its receipt, with the screens' fields and checks, one case_transition each;
another unit's case is a 404 as for no case."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from raovat.cases.models import CaseEvent, Payment, PenaltyDecision, PenaltyRecord
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform, scan_pdf
from tests.api.helpers import api, token_for
from tests.test_sanction import basis, with_record

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def decision_body(case, **over):
    return {
        "decided_on": TODAY.isoformat(),
        "signer_name": "Trần Văn Bình",
        "signer_title": "Trưởng phòng",
        "legal_basis": basis().pk,
        "amount": 1_500_000,
        "payment_due": (TODAY + datetime.timedelta(days=10)).isoformat(),
        "scan": scan_pdf("QD", [case.number]),
        **over,
    }


def post(token, case, what, body):
    return api(token).post(f"/api/v1/cases/{case.number}/{what}/", body, format="multipart")


def events(case):
    return CaseEvent.objects.filter(case=case).count()


def test_the_handling_unit_decides_with_the_signed_scan(cast, make_case):
    case = with_record(cast, make_case)
    _, token = token_for(cast.district.unit)
    r = post(token, case, "decision", decision_body(case))
    assert r.status_code == 201, r.json()
    body = r.json()
    assert body["case"]["state"] == State.DECIDED
    made = PenaltyDecision.objects.get(case=case)
    assert body["decision"]["number"] == made.number_label
    assert made.amount == 1_500_000 and made.signed_scan
    last = case.events.order_by("id").last()
    assert last.action == "decide" and last.actor_name.startswith("Ứng dụng")


def test_a_fine_outside_the_range_is_refused_and_nothing_changes(cast, make_case):
    case = with_record(cast, make_case)
    before = events(case)
    _, token = token_for(cast.district.unit)
    r = post(token, case, "decision", decision_body(case, amount=100))
    assert r.status_code == 409 and r["Content-Type"] == "application/problem+json"
    assert "Mức phạt phải từ" in " ".join(r.json()["errors"]["cases"])
    case.refresh_from_db()
    assert case.state == State.AWAITING_SUBSCRIBER and events(case) == before
    assert not PenaltyDecision.objects.exists()


def test_a_decision_without_a_scan_or_with_a_bad_one_is_a_400_per_field(cast, make_case):
    case = with_record(cast, make_case)
    _, token = token_for(cast.district.unit)
    body = decision_body(case)
    del body["scan"]
    missing = post(token, case, "decision", {**body, "payment_due": "31/31/2026"})
    assert missing.status_code == 400
    assert set(missing.json()["errors"]) == {"scan", "payment_due"}
    fake = SimpleUploadedFile("qd.pdf", b"not a scan at all", "application/pdf")
    bad = post(token, case, "decision", {**body, "scan": fake})
    assert bad.status_code == 400
    assert "PDF, JPEG hoặc PNG" in bad.json()["errors"]["scan"][0]
    case.refresh_from_db()
    assert case.state == State.AWAITING_SUBSCRIBER


def test_a_decision_needs_the_record_first(cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    _, token = token_for(cast.district.unit)
    r = post(token, case, "decision", decision_body(case))
    assert r.status_code == 409
    assert "biên bản" in " ".join(r.json()["errors"]["cases"])


@pytest.mark.parametrize("who", ["other_district", "ward_b"])
def test_another_units_case_is_a_404_for_decision_and_payment(cast, make_case, who):
    case = with_record(cast, make_case)
    _, token = token_for(getattr(cast, who).unit, name=who)
    decided = post(token, case, "decision", decision_body(case))
    missing = api(token).post("/api/v1/cases/HS-2026-999999/decision/", {}, format="multipart")
    assert decided.status_code == missing.status_code == 404
    assert decided.json() == missing.json()
    paid = post(token, case, "payment", {"paid_on": TODAY.isoformat()})
    assert paid.status_code == 404 and case.number not in paid.content.decode()
    case.refresh_from_db()
    assert case.state == State.AWAITING_SUBSCRIBER


def test_a_unit_that_reads_the_case_but_does_not_handle_it_is_refused(cast, make_case):
    case = with_record(cast, make_case)
    _, token = token_for(cast.ward.unit)
    r = post(token, case, "decision", decision_body(case))
    assert r.status_code == 409
    assert not PenaltyDecision.objects.exists()


def test_a_payment_closes_a_decided_case_with_its_receipt(cast, make_case):
    case = advance(make_case(cast.ward), State.DECIDED)
    decision = PenaltyDecision.objects.get(case=case)
    _, token = token_for(cast.district.unit)
    r = post(
        token,
        case,
        "payment",
        {
            "paid_on": TODAY.isoformat(),
            "amount": decision.amount,
            "reference": "BL-0042",
            "scan": scan_pdf("Biên lai", [case.number]),
        },
    )
    assert r.status_code == 201, r.json()
    assert r.json()["case"]["state"] == State.CLOSED
    assert r.json()["payment"]["reference"] == "BL-0042"
    payment = Payment.objects.get(decision=decision)
    assert payment.scan and case.events.order_by("id").last().action == "record_payment"


def test_another_amount_needs_a_note_as_on_the_screen(cast, make_case):
    case = advance(make_case(cast.ward), State.DECIDED)
    _, token = token_for(cast.district.unit)
    body = {"paid_on": TODAY.isoformat(), "amount": 1, "reference": "BL-1"}
    refused = post(token, case, "payment", body)
    assert refused.status_code == 409
    assert "cần ghi chú lý do" in " ".join(refused.json()["errors"]["cases"])
    assert not Payment.objects.exists()
    done = post(token, case, "payment", {**body, "note": "Giảm theo quyết định đính chính."})
    assert done.status_code == 201 and done.json()["case"]["state"] == State.CLOSED


@pytest.mark.parametrize(
    "state, action",
    [("suspension_requested", "record_payment_on_request"), ("suspended", "record_late_payment")],
)
def test_a_late_payment_keeps_the_case_with_the_telecom_authority(cast, make_case, state, action):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    perform("decide", [case], when=timezone.now() - datetime.timedelta(days=30))
    perform("request_suspension", [case])
    if state == State.SUSPENDED:
        perform("suspend", [case])
    decision = PenaltyDecision.objects.get(case=case)
    _, token = token_for(cast.district.unit)
    r = post(
        token,
        case,
        "payment",
        {"paid_on": TODAY.isoformat(), "amount": decision.amount, "reference": "UNC-77"},
    )
    assert r.status_code == 201, r.json()
    assert r.json()["case"]["state"] == state
    assert case.events.order_by("id").last().action == action
    assert Payment.objects.get(decision=decision).late


def test_the_batch_endpoint_names_the_sanctions_own_operations(cast, make_case):
    case = with_record(cast, make_case)
    _, token = token_for(cast.district.unit)
    for action, where in (
        ("decide", "/decision/"),
        ("record_payment", "/payment/"),
        ("record_late_payment", "/payment/"),
        ("provide_identity", "/identities/"),
    ):
        r = api(token).post(
            "/api/v1/transitions/", {"action": action, "cases": [case.number]}, format="json"
        )
        assert r.status_code == 409 and where in r.json()["detail"], action


def record_body(**over):
    return {
        "made_at": timezone.localtime().replace(second=0, microsecond=0).isoformat(),
        "place": "Trụ sở UBND Phường Bến Nghé",
        "violation_basis": basis().pk,
        "amount": 1_500_000,
        **over,
    }


def test_a_record_then_a_decision_all_through_the_api(cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    _, token = token_for(cast.district.unit)
    key = "0123456789abcdef0123456789abcdef"
    made = api(token).post(
        f"/api/v1/cases/{case.number}/record/", record_body(request_key=key), format="json"
    )
    assert made.status_code == 201, made.json()
    record = PenaltyRecord.objects.get(case=case)
    assert made.json()["record"]["number"] == record.record_number
    again = api(token).post(
        f"/api/v1/cases/{case.number}/record/", record_body(request_key=key), format="json"
    )
    assert again.status_code == 201 and PenaltyRecord.objects.filter(case=case).count() == 1
    decided = post(token, case, "decision", decision_body(case))
    assert decided.status_code == 201 and decided.json()["case"]["state"] == State.DECIDED


def test_a_record_is_checked_by_the_screens_form(cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    _, token = token_for(cast.district.unit)
    later = timezone.localtime() + datetime.timedelta(days=2)
    r = api(token).post(
        f"/api/v1/cases/{case.number}/record/",
        record_body(made_at=later.isoformat(), violation_basis=None),
        format="json",
    )
    assert r.status_code == 400
    errors = r.json()["errors"]
    assert "ở tương lai" in errors["made_at"][0]
    assert not PenaltyRecord.objects.exists()
    wrong_state = advance(make_case(cast.ward, phone="0912 345 602"), State.AT_TELECOM)
    r = api(token).post(f"/api/v1/cases/{wrong_state.number}/record/", record_body(), format="json")
    assert r.status_code == 409 and not PenaltyRecord.objects.exists()


def test_another_units_case_gets_no_record(cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    _, token = token_for(cast.other_district.unit, name="Quận 3")
    r = api(token).post(f"/api/v1/cases/{case.number}/record/", record_body(), format="json")
    assert r.status_code == 404 and case.number not in r.content.decode()
    assert not PenaltyRecord.objects.exists()


def test_a_restore_on_the_handling_units_letter_through_the_batch_endpoint(cast, make_case):
    case = advance(make_case(cast.ward), State.SUSPENDED)
    _, token = token_for(cast.telecom.unit, name="Sở TTTT")
    c = api(token)
    body = {"action": "restore", "cases": [case.number], "note": "Khôi phục."}
    refused = c.post("/api/v1/transitions/", body, format="json")
    assert refused.status_code == 409 and "chưa ghi nhận nộp phạt" in str(refused.json())
    letter = {"handler_decision": "Công văn số 15/VHTT ngày 01/12/2026"}
    done = c.post("/api/v1/transitions/", {**body, "details": letter}, format="json")
    assert done.status_code == 200, done.json()
    assert done.json()["cases"][0]["state"] == State.CLOSED
    assert "15/VHTT" in case.suspensions.get().restore_note
