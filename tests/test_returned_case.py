"""§6: what the District may do with a case Sở TTTT returned, before resending it."""

import pytest
from django.urls import reverse

from raovat.cases.models import Case, Photo
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from tests.conftest import jpeg
from tests.dates import FOUND_ON, dmy

pytestmark = pytest.mark.django_db


@pytest.fixture
def returned(cast, make_case):
    return advance(make_case(cast.ward), State.RETURNED_BY_TELECOM)


def _page(client, case):
    return client.get(reverse("handler:returned_case", args=[case.number]))


def _last_event(case):
    return case.events.order_by("-id").first()


def test_it_shows_the_telecom_reason_and_every_option(client, cast, returned):
    client.force_login(cast.district)
    html = _page(client, returned).content.decode()
    reason = returned.events.filter(action="return_to_handler").get().note
    assert reason in html
    for label in (
        "Sửa số thuê bao",
        "Lưu lần phát hiện",
        "Thêm hình ảnh",
        "Trả về Phường bổ sung",
        "Hủy hồ sơ",
        "Chuyển lại Sở TTTT",
    ):
        assert label in html


def test_the_returned_list_links_the_case_number_to_this_page(client, cast, returned):
    client.force_login(cast.district)
    html = client.get(reverse("handler:returned_list")).content.decode()
    assert reverse("handler:returned_case", args=[returned.number]) in html


@pytest.mark.parametrize("user", ["other_district", "ward", "telecom"])
def test_other_units_get_404(client, cast, returned, user):
    client.force_login(getattr(cast, user))
    assert _page(client, returned).status_code == 404
    response = client.post(
        reverse("handler:returned_phone", args=[returned.number]), {"phone": "0903 123 456"}
    )
    assert response.status_code == 404
    assert Case.objects.get(pk=returned.pk).phone_national == returned.phone_national


def test_a_case_in_another_state_is_not_found(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AT_TELECOM)
    client.force_login(cast.district)
    assert _page(client, case).status_code == 404


def test_it_corrects_the_number_as_a_history_event(client, cast, returned):
    client.force_login(cast.district)
    client.post(
        reverse("handler:returned_phone", args=[returned.number]), {"phone": "0903.123.456"}
    )
    case = Case.objects.get(pk=returned.pk)
    assert case.phone_e164 == "+84903123456"
    assert case.state == State.RETURNED_BY_TELECOM
    event = _last_event(case)
    assert event.action == "correct_phone"
    assert event.note == "Số thuê bao: 0912 345 678 → 0903 123 456."
    assert event.actor == cast.district
    history = client.get(reverse("case_detail", args=[case.number]) + "?tab=qua-trinh")
    assert "Sửa số thuê bao" in history.content.decode()


def test_it_refuses_a_number_another_open_case_has(client, cast, make_case, returned):
    other = make_case(cast.ward, phone="0903 123 456")
    client.force_login(cast.district)
    response = client.post(
        reverse("handler:returned_phone", args=[returned.number]),
        {"phone": "0903 123 456"},
        follow=True,
    )
    assert f"đã có hồ sơ {other.number}" in response.content.decode()
    assert Case.objects.get(pk=returned.pk).phone_e164 == returned.phone_e164
    assert _last_event(returned).action == "return_to_handler"


def test_it_refuses_an_invalid_number_with_a_message(client, cast, returned):
    client.force_login(cast.district)
    response = client.post(
        reverse("handler:returned_phone", args=[returned.number]), {"phone": "12345"}, follow=True
    )
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()
    assert Case.objects.get(pk=returned.pk).phone_e164 == returned.phone_e164


def test_it_corrects_a_sighting(client, cast, returned):
    sighting = returned.sightings.get()
    client.force_login(cast.district)
    client.post(
        reverse("handler:returned_sighting", args=[returned.number, sighting.pk]),
        {
            f"s{sighting.pk}-place": "Cột điện số 12 Nguyễn Huệ",
            f"s{sighting.pk}-ad_type": "leaflet",
            f"s{sighting.pk}-ad_text": "Khoan cắt bê tông",
        },
    )
    sighting.refresh_from_db()
    assert sighting.place == "Cột điện số 12 Nguyễn Huệ"
    event = _last_event(returned)
    assert event.action == "correct_sighting"
    assert event.unit == cast.district.unit
    assert "Cột điện số 12 Nguyễn Huệ" in event.note


def test_it_adds_photos(client, cast, returned):
    sighting = returned.sightings.get()
    client.force_login(cast.district)
    client.post(
        reverse("handler:returned_photos", args=[returned.number, sighting.pk]),
        {"photos": [jpeg("0912 345 678"), jpeg("0912 345 678")]},
    )
    assert Photo.objects.filter(sighting=sighting).count() == 3
    event = _last_event(returned)
    assert (event.action, event.note) == (
        "add_photos",
        f"Lần phát hiện ngày {dmy(FOUND_ON)}: thêm 2 hình ảnh.",
    )


def test_a_refused_photo_stores_nothing(client, cast, returned):
    from django.core.files.uploadedfile import SimpleUploadedFile

    sighting = returned.sightings.get()
    client.force_login(cast.district)
    response = client.post(
        reverse("handler:returned_photos", args=[returned.number, sighting.pk]),
        {"photos": [jpeg(), SimpleUploadedFile("x.jpg", b"not an image", "image/jpeg")]},
        follow=True,
    )
    assert "không phải là ảnh" in response.content.decode()
    assert Photo.objects.filter(sighting=sighting).count() == 1
    assert _last_event(returned).action == "return_to_handler"


def test_it_sends_the_case_back_to_the_ward_with_a_note(client, cast, returned):
    client.force_login(cast.district)
    client.post(
        reverse("handler:returned_send_back", args=[returned.number]),
        {"note": "Đề nghị chụp lại số thuê bao."},
    )
    case = Case.objects.get(pk=returned.pk)
    assert case.state == State.RETURNED_TO_REPORTER
    assert case.current_unit == cast.ward.unit
    event = _last_event(case)
    assert (event.action, event.note) == ("return_to_reporter", "Đề nghị chụp lại số thuê bao.")
    client.force_login(cast.ward)
    assert case.number in client.get(reverse("reporter:returned")).content.decode()


def test_sending_back_without_a_note_changes_nothing(client, cast, returned):
    client.force_login(cast.district)
    response = client.post(
        reverse("handler:returned_send_back", args=[returned.number]), {"note": " "}, follow=True
    )
    assert "alert-danger" in response.content.decode()
    assert Case.objects.get(pk=returned.pk).state == State.RETURNED_BY_TELECOM


def test_it_cancels_the_case_with_a_note(client, cast, returned):
    client.force_login(cast.district)
    client.post(
        reverse("handler:returned_cancel", args=[returned.number]),
        {"note": "Số thuê bao không tồn tại."},
    )
    case = Case.objects.get(pk=returned.pk)
    assert case.state == State.CANCELLED
    assert _last_event(case).note == "Số thuê bao không tồn tại."


def test_a_corrected_case_is_resent_from_its_page(client, cast, returned):
    client.force_login(cast.district)
    client.post(
        reverse("handler:returned_phone", args=[returned.number]), {"phone": "0903 123 456"}
    )
    response = client.post(
        reverse("handler:dispatch_start", args=["resend_to_telecom"]), {"hs": returned.pk}
    )
    assert response.status_code == 302
    assert "/xu-ly/phieu/" in response["Location"]
