"""What officers read on the screens: the history, call lengths, money, counts."""

import pytest
from django.urls import reverse
from django.utils import timezone

from raovat.cases.services import contacts
from raovat.cases.workflow import State
from raovat.demo.scenario import advance

pytestmark = pytest.mark.django_db


def test_the_violation_record_is_in_the_history(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    record = contacts.penalty_record_create(
        actor=cast.district,
        case=case,
        made_at=timezone.now(),
        place="Phòng VHTT Quận 1",
        legal_basis="Điểm a khoản 1 Điều 34 Nghị định 38/2021/NĐ-CP",
        amount=1_500_000,
    )
    client.force_login(cast.district)
    html = client.get(reverse("case_detail", args=[case.number])).content.decode()
    history = html[html.index('id="history"') :]
    assert f"Lập biên bản vi phạm hành chính số {record.record_number}" in history
    assert "1.500.000 ₫" in history
    # after the contact, in time order
    assert history.index("Hoàn tất liên hệ") < history.index("Lập biên bản")


def test_a_call_of_two_minutes_shows_as_two_minutes(client, cast, make_case):
    case = advance(make_case(cast.ward), State.TO_CONTACT)
    client.force_login(cast.district)
    client.post(
        reverse("handler:call_create", args=[case.number]),
        {"outcome": "answered", "duration_minutes": "2", "note": ""},
    )
    assert case.calls.get().duration_seconds == 120
    page = client.get(reverse("handler:contact", args=[case.number])).content.decode()
    detail = client.get(reverse("case_detail", args=[case.number])).content.decode()
    for html in (page, detail):
        assert "2 phút" in html
        assert "120 giây" not in html


def test_the_record_form_shows_and_accepts_the_fine_with_dots(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    client.force_login(cast.district)
    url = reverse("handler:penalty", args=[case.number])
    page = client.get(url).content.decode()
    assert 'value="1.500.000"' in page
    client.post(
        url,
        {
            "request_key": page.split('name="request_key" value="')[1][:32],
            "made_at": f"{timezone.localtime():%d/%m/%Y %H:%M}",
            "place": "Phòng VHTT Quận 1",
            "legal_basis": "Điểm a khoản 1 Điều 34",
            "amount": "2.500.000",
        },
    )
    assert case.penalty_records.get().amount == 2_500_000


def test_the_record_form_refuses_letters_in_the_fine(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    client.force_login(cast.district)
    response = client.post(
        reverse("handler:penalty", args=[case.number]),
        {
            "made_at": f"{timezone.localtime():%d/%m/%Y %H:%M}",
            "place": "Phòng VHTT Quận 1",
            "legal_basis": "Điểm a khoản 1 Điều 34",
            "amount": "một triệu",
        },
    )
    assert "Nhập số tiền bằng chữ số" in response.content.decode()
    assert not case.penalty_records.exists()


def test_counts_print_thousands_with_dots():
    from raovat.web.templatetags.raovat import duration, thousands

    assert thousands(10000) == "10.000"
    assert duration(95) == "1 phút 35 giây"
    assert duration(0) == "0 giây"


def test_an_sms_sent_replaces_the_earlier_message_with_its_confirmation(client, cast, make_case):
    case = advance(make_case(cast.ward), State.TO_CONTACT)
    client.force_login(cast.district)
    response = client.post(
        reverse("sms_send", args=[case.number]),
        {"text": "Moi ong ba den lam viec", "idempotency_key": "1" * 32},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    oob = html[html.index('id="rv-messages"') :]
    assert oob.startswith('id="rv-messages" hx-swap-oob="true"')
    assert "Đã đưa tin nhắn vào hàng chờ gửi." in oob
