"""Dates that cannot be true and texts without end: refused with the field's own message,
and nothing stored."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from raovat.cases.models import Case, CaseEvent, Invitation, PenaltyRecord
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from tests.conftest import jpeg

pytestmark = pytest.mark.django_db


def _capture(**extra):
    return {
        "found_on": f"{timezone.localdate():%d/%m/%Y}",
        "place": "Trụ điện trước số 45 Lê Thánh Tôn",
        "ad_type": "sticker",
        "ad_text": "Khoan cắt bê tông",
        "phone_m1": "0912 345 678",
        "confirmed": ["m1"],
        "photos": [jpeg()],
        **extra,
    }


def _text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("01/01/2099", "Ngày phát hiện ở tương lai."),
        ("01/01/0001", "Ngày phát hiện quá cũ"),
        ("01/01/2020", "thời hiệu xử phạt vi phạm về quảng cáo là 1 năm"),
    ],
)
def test_a_sighting_date_that_cannot_be_true_is_refused(client, cast, day, message):
    client.force_login(cast.ward)
    text = _text(client.post(reverse("reporter:record"), _capture(found_on=day)))
    assert message in text
    assert not Case.objects.exists()


def test_a_sighting_of_today_and_of_a_year_ago_is_accepted(client, cast):
    client.force_login(cast.ward)
    a_year_ago = timezone.localdate() - datetime.timedelta(days=365)
    client.post(reverse("reporter:record"), _capture(found_on=f"{a_year_ago:%d/%m/%Y}"))
    client.post(reverse("reporter:record"), _capture(phone_m1="0987 654 321"))
    assert Case.objects.count() == 2


def _invite(client, case, meeting_at):
    page = client.get(reverse("handler:contact", args=[case.number])).content.decode()
    key = page.split('name="request_key" value="')[1][:32]
    return client.post(
        reverse("handler:invitation_create", args=[case.number]),
        {"request_key": key, "meeting_at": meeting_at, "meeting_place": "Trụ sở", "bring": ""},
    )


@pytest.mark.parametrize("meeting_at", ["01/12/1999 08:00", "01/12/2099 08:00"])
def test_a_meeting_outside_the_next_90_days_is_refused(client, cast, make_case, meeting_at):
    case = advance(make_case(cast.ward), State.TO_CONTACT)
    client.force_login(cast.district)
    text = _text(_invite(client, case, meeting_at))
    assert "Thời gian mời đến phải từ hôm nay" in text and "trong vòng 90 ngày" in text
    assert not Invitation.objects.exists()


def _record(client, case, **extra):
    page = client.get(reverse("handler:penalty", args=[case.number])).content.decode()
    key = page.split('name="request_key" value="')[1][:32]
    return client.post(
        reverse("handler:penalty", args=[case.number]),
        {
            "request_key": key,
            "made_at": f"{timezone.localtime():%d/%m/%Y %H:%M}",
            "place": "Trụ sở",
            "legal_basis": "Điểm a khoản 1",
            "amount": "1500000",
            **extra,
        },
    )


@pytest.mark.parametrize(
    ("made_at", "message"),
    [
        ("01/12/2099 08:00", "Thời gian lập biên bản ở tương lai."),
        ("01/12/2001 08:00", "Thời gian lập biên bản trước ngày lập hồ sơ"),
    ],
)
def test_a_record_dated_in_the_future_or_before_the_case_is_refused(
    client, cast, make_case, made_at, message
):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    client.force_login(cast.district)
    assert message in _text(_record(client, case, made_at=made_at))
    assert not PenaltyRecord.objects.exists()


def test_a_remediation_deadline_before_the_record_is_refused(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    client.force_login(cast.district)
    text = _text(_record(client, case, remediation_deadline="01/01/2020"))
    assert "Hạn khắc phục trước ngày lập biên bản." in text
    assert not PenaltyRecord.objects.exists()


def test_a_five_megabyte_note_is_refused_and_changes_nothing(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    client.force_login(cast.district)
    response = client.post(
        reverse("handler:return_to_reporter"),
        {"hs": [case.pk], "note": "x" * 5_000_000},
        follow=True,
    )
    assert "Ghi chú: tối đa 2000 ký tự (đang có 5000000 ký tự)." in _text(response)
    case.refresh_from_db()
    assert case.state == State.AWAITING_CONFIRMATION
    assert not CaseEvent.objects.filter(action="return_to_reporter").exists()


@pytest.mark.parametrize(("field", "limit"), [("violator_statement", 4000), ("remediation", 4000)])
def test_the_record_texts_have_a_limit(client, cast, make_case, field, limit):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    client.force_login(cast.district)
    text = _text(_record(client, case, **{field: "x" * (limit + 1)}))
    assert f"Tối đa {limit} ký tự (đang có {limit + 1} ký tự)." in text
    assert not PenaltyRecord.objects.exists()


def test_a_call_note_over_the_limit_is_refused(client, cast, make_case):
    case = advance(make_case(cast.ward), State.TO_CONTACT)
    client.force_login(cast.district)
    response = client.post(
        reverse("handler:call_create", args=[case.number]),
        {"outcome": "answered", "duration_minutes": "2", "note": "x" * 2001},
        follow=True,
    )
    assert "Tối đa 2000 ký tự (đang có 2001 ký tự)." in _text(response)
    assert not case.calls.exists()


def test_an_ad_text_over_the_limit_shows_the_fields_own_error(client, cast):
    client.force_login(cast.ward)
    text = _text(client.post(reverse("reporter:record"), _capture(ad_text="x" * 2001)))
    assert "Tối đa 2000 ký tự (đang có 2001 ký tự)." in text
    assert "Hãy chọn lại hình ảnh" not in text
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    "moment",
    [
        "01/01/0001 00:00",
        "31/12/9999 23:59",
        "29/02/2026 08:00",
        "01/13/2026 08:00",
        "٠١/١٢/٢٠٢٦ ٠٨:٠٠",
    ],
)
def test_a_moment_at_the_edge_of_the_calendar_is_refused(client, cast, make_case, moment):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    client.force_login(cast.district)
    page = _text(_record(client, case, made_at=moment))
    assert "text-danger" in page
    assert not PenaltyRecord.objects.exists()
    contact = advance(make_case(cast.ward, phone="0987 654 321"), State.TO_CONTACT)
    assert "text-danger" in _text(_invite(client, contact, moment))
    assert not contact.invitations.exists()
