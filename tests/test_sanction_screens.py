"""The handling unit's decision and payment screens, and the subscriber page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from raovat.audit.models import Page, PersonalDataAccess
from raovat.cases.models import LegalBasis, Payment, PenaltyDecision
from raovat.cases.services import contacts
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform, scan_pdf

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _text(response) -> str:
    return response.content.decode()


def recorded(cast, make_case, phone="0912 345 678", found_on=None):
    case = advance(make_case(cast.ward, phone=phone, found_on=found_on), State.AWAITING_SUBSCRIBER)
    contacts.penalty_record_create(
        actor=cast.district,
        case=case,
        made_at=timezone.now(),
        place="UBND",
        violation_basis=LegalBasis.objects.get(purpose="violation", article=34, clause=1),
        amount=1_500_000,
    )
    return case


def form(**over):
    basis = LegalBasis.objects.get(purpose="violation", article=34, clause=1)
    return {
        "decided_on": TODAY.strftime("%d/%m/%Y"),
        "signer_name": "Trần Văn Bình",
        "signer_title": "Trưởng phòng",
        "legal_basis": basis.pk,
        "amount": "1.500.000",
        "payment_due": (TODAY + datetime.timedelta(days=10)).strftime("%d/%m/%Y"),
        "remedial_measures": "Buộc tháo gỡ.",
        "aggravating": "",
        "scan": scan_pdf("QD", ["x"]),
        **over,
    }


def test_the_decision_form_refuses_a_fine_outside_the_range_and_changes_nothing(
    client, cast, make_case
):
    case = recorded(cast, make_case)
    client.force_login(cast.district)
    url = reverse("handler:decision", args=[case.number])
    page = _text(client.get(url))
    assert "Ra quyết định xử phạt" in page and "1.500.000" in page
    response = client.post(url, form(amount="9.000.000"), follow=True)
    assert "Mức phạt phải từ 1.000.000 ₫ đến 2.000.000 ₫" in _text(response)
    assert not PenaltyDecision.objects.exists()
    case.refresh_from_db()
    assert case.state == State.AWAITING_SUBSCRIBER


def test_decision_then_payment_from_the_screens(client, cast, make_case):
    case = recorded(cast, make_case)
    client.force_login(cast.district)
    response = client.post(reverse("handler:decision", args=[case.number]), form(), follow=True)
    assert "Đã ra quyết định xử phạt số 1/QĐ-XPHC" in _text(response)
    case.refresh_from_db()
    assert case.state == State.DECIDED
    listing = _text(client.get(reverse("handler:decided_list")))
    assert case.number in listing and "1.500.000 ₫" in listing
    url = reverse("handler:payment", args=[case.number])
    response = client.post(
        url,
        {
            "paid_on": TODAY.strftime("%d/%m/%Y"),
            "amount": "1.200.000",
            "reference": "BL-001",
            "note": "",
        },
        follow=True,
    )
    assert "cần ghi chú lý do" in _text(response)
    assert not Payment.objects.exists()
    response = client.post(
        url,
        {
            "paid_on": TODAY.strftime("%d/%m/%Y"),
            "amount": "1.500.000",
            "reference": "BL-001",
            "note": "",
        },
        follow=True,
    )
    assert "Đã ghi nhận nộp phạt theo quyết định số 1/QĐ-XPHC" in _text(response)
    case.refresh_from_db()
    assert case.state == State.CLOSED
    detail = _text(client.get(reverse("case_detail", args=[case.number]) + "?tab=qua-trinh"))
    assert "Ra quyết định xử phạt" in detail and "Ghi nhận nộp phạt" in detail
    assert "BL-001" in detail


def test_another_district_gets_404_on_the_sanction_screens(client, cast, make_case):
    case = recorded(cast, make_case)
    client.force_login(cast.other_district)
    assert client.get(reverse("handler:decision", args=[case.number])).status_code == 404
    assert client.get(reverse("handler:payment", args=[case.number])).status_code == 404


def test_the_subscriber_page_is_scoped_and_logged(client, cast, make_case):
    first = recorded(cast, make_case)
    perform("decide", [first])
    second = recorded(cast, make_case, phone="0913 222 333")
    url = reverse("subscriber", args=[first.subscriber.id_number])
    client.force_login(cast.district)
    page = _text(client.get(url))
    assert first.number in page and second.number in page
    assert "0912 345 678" in page and "0913 222 333" in page and "1/QĐ-XPHC" in page
    logged = PersonalDataAccess.objects.filter(page=Page.SUBSCRIBER, user=cast.district)
    assert set(logged.values_list("case_id", flat=True)) == {first.pk, second.pk}
    for outsider in (cast.other_district, cast.ward):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    assert not PersonalDataAccess.objects.filter(
        page=Page.SUBSCRIBER, user=cast.other_district
    ).exists()


def test_the_case_page_shows_the_repeat_flag_to_the_handling_unit_only(client, cast, make_case):
    first = recorded(cast, make_case)
    perform("decide", [first])
    # Decided (and unpaid) before the second number was found: a repeat offence.
    PenaltyDecision.objects.filter(case=first).update(
        decided_on=timezone.localdate() - datetime.timedelta(days=3)
    )
    second = recorded(cast, make_case, phone="0913 222 333", found_on=timezone.localdate())
    client.force_login(cast.district)
    page = _text(client.get(reverse("case_detail", args=[second.number])))
    assert "Tái phạm" in page and "1/QĐ-XPHC" in page
    decision_page = _text(client.get(reverse("handler:decision", args=[second.number])))
    assert "Tái phạm (điểm b khoản 1 Điều 10" in decision_page
    client.force_login(cast.ward)
    assert "Tái phạm" not in _text(client.get(reverse("case_detail", args=[second.number])))


def test_the_unpaid_decisions_list_keeps_a_constant_number_of_queries(client, cast, make_case):
    from tests.conftest import assert_list_queries_constant

    client.force_login(cast.district)
    phones = ["0912 345 678", "0913 222 333", "0914 555 666", "0915 777 888"]

    def add(index, phone):
        case = advance(make_case(cast.ward, phone=phone), State.AWAITING_SUBSCRIBER)
        # Overdue, so each row shows its enforcement buttons too.
        perform("decide", [case], when=timezone.now() - datetime.timedelta(days=20 + index))

    assert_list_queries_constant(
        client, reverse("handler:decided_list"), phones, add, marker="data-decided="
    )


def test_the_subscriber_page_keeps_a_constant_number_of_queries(client, cast, make_case):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = recorded(cast, make_case)
    perform("decide", [first])
    client.force_login(cast.district)
    url = reverse("subscriber", args=[first.subscriber.id_number])
    client.get(url)  # the first request of a session reads what later ones keep
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for phone in ("0913 222 333", "0914 555 666", "0915 777 888"):
        perform("decide", [recorded(cast, make_case, phone=phone)])
    with CaptureQueriesContext(connection) as many:
        page = _text(client.get(url))
    assert "0915 777 888" in page and "4/QĐ-XPHC" in page
    # One more row of the access log per case is written in the same single insert.
    assert len(many) == len(one), "\n".join(q["sql"][:150] for q in many.captured_queries)


def test_the_decision_form_offers_the_chairman_and_keeps_the_circumstances(client, cast, make_case):
    case = recorded(cast, make_case)
    client.force_login(cast.district)
    url = reverse("handler:decision", args=[case.number])
    page = _text(client.get(url))
    # The handling unit's setting: the vice-chairman signs under a delegation.
    assert 'value="KT. CHỦ TỊCH – PHÓ CHỦ TỊCH"' in page and "Lê Văn Khải" in page
    assert "Tình tiết giảm nhẹ" in page and "Hình thức xử phạt bổ sung" in page
    due = (TODAY + datetime.timedelta(days=5)).strftime("%d/%m/%Y")
    client.post(
        url,
        form(
            signer_title="KT. CHỦ TỊCH – PHÓ CHỦ TỊCH",
            mitigating="Người vi phạm đã tự nguyện khai báo.",
            additional_penalty="Không.",
            remedial_due=due,
        ),
    )
    decision = PenaltyDecision.objects.get(case=case)
    assert decision.mitigating == "Người vi phạm đã tự nguyện khai báo."
    assert decision.remedial_due == TODAY + datetime.timedelta(days=5)
    page = _text(client.get(reverse("case_detail", args=[case.number])))
    assert "Tình tiết giảm nhẹ" in page and f"đến hết ngày {due}" in page
    # A remedial deadline before the decision is refused, nothing made.
    other = recorded(cast, make_case, phone="0913 222 333")
    earlier = (TODAY - datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    response = client.post(
        reverse("handler:decision", args=[other.number]), form(remedial_due=earlier), follow=True
    )
    assert "thời hạn thực hiện biện pháp khắc phục hậu quả trước ngày quyết định" in _text(response)
    assert not PenaltyDecision.objects.filter(case=other).exists()
