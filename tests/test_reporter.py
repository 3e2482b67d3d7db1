"""The ward's desk from the outside: recording, refusals, scoping and query counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from raovat.cases.models import Case, CaseEvent, Photo, Sighting
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform
from tests.conftest import assert_list_queries_constant, jpeg
from tests.dates import FOUND_ON, days_ago, dmy

pytestmark = pytest.mark.django_db

PHONES = [
    "0912 345 678",
    "0903 123 456",
    "0987 654 321",
    "0978 111 222",
    "0345 678 912",
    "0868 172 805",
]


def _files(media):
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


def _form(phones=("0912.345.678",), confirmed=None, photos=None, **extra):
    data = {
        "found_on": dmy(FOUND_ON),
        "place": "Trụ điện trước số 45 Lê Thánh Tôn",
        "ad_type": "sticker",
        "ad_text": "Khoan cắt bê tông",
        "photos": [jpeg()] if photos is None else photos,
        **extra,
    }
    keys = [f"m{i}" for i in range(1, len(phones) + 1)]
    for key, phone in zip(keys, phones, strict=True):
        data[f"phone_{key}"] = phone
    data["confirmed"] = keys if confirmed is None else confirmed
    return data


def _text(response):
    return response.content.decode()


# Recording -----------------------------------------------------------------------------


def test_it_records_a_sighting_as_a_draft_case(client, cast):
    client.force_login(cast.ward)
    response = client.post(reverse("reporter:record"), _form(), follow=True)
    case = Case.objects.get()
    assert f"Đã lập hồ sơ {case.number} cho số 0912 345 678" in _text(response)
    assert (case.state, case.current_unit_id) == (State.DRAFT, cast.ward.unit_id)
    sighting = case.sightings.get()
    assert (sighting.found_on, sighting.ad_type) == (FOUND_ON, "sticker")
    assert sighting.photos.count() == 1


def test_two_numbers_on_one_ad_make_two_cases_with_the_same_photos_and_place(client, cast):
    client.force_login(cast.ward)
    client.post(
        reverse("reporter:record"),
        _form(phones=["0912 345 678", "0987-654-321"], photos=[jpeg(), jpeg()]),
    )
    cases = list(Case.objects.order_by("id"))
    assert [c.phone_e164 for c in cases] == ["+84912345678", "+84987654321"]
    for case in cases:
        sighting = case.sightings.get()
        assert sighting.place == "Trụ điện trước số 45 Lê Thánh Tôn"
        assert sighting.photos.count() == 2


def test_a_number_the_officer_did_not_confirm_is_not_saved(client, cast):
    client.force_login(cast.ward)
    response = client.post(
        reverse("reporter:record"), _form(phones=["0912 345 678", "0987 654 321"], confirmed=["m2"])
    )
    assert list(Case.objects.values_list("phone_e164", flat=True)) == ["+84987654321"]
    assert response.status_code == 302


def test_without_a_confirmed_number_nothing_is_saved(client, cast, _media):
    client.force_login(cast.ward)
    response = client.post(reverse("reporter:record"), _form(confirmed=[]))
    assert "Chưa có số thuê bao nào được xác nhận:" in _text(response)
    assert not Case.objects.exists() and _files(_media) == []


@pytest.mark.parametrize("phone", ["0912 345", "abc"])
def test_a_bad_number_is_refused_and_nothing_is_stored(client, cast, _media, phone):
    client.force_login(cast.ward)
    response = client.post(reverse("reporter:record"), _form(phones=["0987 654 321", phone]))
    page = _text(response)
    assert f"Số thuê bao &quot;{phone}&quot; không hợp lệ" in page
    assert "Đã giữ lại 1 hình ảnh đã chọn" in page  # the photo is not thrown away
    assert 'value="0987 654 321"' in page  # the officer's typing is kept
    assert not Case.objects.exists() and not Sighting.objects.exists()
    assert _files(_media) == []


def test_a_file_that_is_not_an_image_is_refused_and_leaves_no_file(client, cast, _media):
    client.force_login(cast.ward)
    fake = SimpleUploadedFile("anh.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = client.post(
        reverse("reporter:record"),
        _form(phones=["0912 345 678", "0987 654 321"], photos=[jpeg(), fake]),
    )
    assert "Tệp “anh.jpg” không phải là ảnh hợp lệ" in _text(response)
    assert not Case.objects.exists() and not Photo.objects.exists()
    assert _files(_media) == []


def test_a_failure_on_the_second_number_removes_the_files_of_the_first(cast, _media, monkeypatch):
    from raovat.cases.services import sightings as service

    real = service.sighting_record
    calls = []

    def second_fails(**kwargs):
        calls.append(kwargs["phone"])
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(service, "sighting_record", second_fails)
    with pytest.raises(RuntimeError):
        service.sightings_record(
            actor=cast.ward,
            phones=["0912 345 678", "0987 654 321"],
            found_on=FOUND_ON,
            place="Chợ Bến Thành",
            ad_type="sticker",
            photos=[jpeg()],
        )
    assert not Case.objects.exists() and _files(_media) == []


def test_a_number_with_an_open_case_is_announced_before_saving_and_joins_it(
    client, cast, make_case
):
    # The ward on the case's route is told which case; one outside it is told much less
    # (tests/test_access.py).
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    client.force_login(cast.ward)
    check = client.get(reverse("reporter:number_check"), {"key": "m1", "phone_m1": "0912.345.678"})
    assert (
        f"Số 0912 345 678 đã có hồ sơ <strong>{case.number}</strong> (Chờ xác nhận, "
        f"{cast.district.unit.name} đang xử lý)"
    ) in _text(check)
    response = client.post(reverse("reporter:record"), _form(), follow=True)
    assert f"đã có hồ sơ {case.number}" in _text(response)
    assert Case.objects.count() == 1
    assert case.sightings.filter(reporting_unit=cast.ward.unit).count() == 2


def test_the_number_check_explains_a_bad_number(client, cast):
    client.force_login(cast.ward)
    check = client.get(reverse("reporter:number_check"), {"key": "m1", "phone_m1": "0912 345"})
    assert "không hợp lệ: số di động phải có 10 chữ số" in _text(check)


def test_the_form_works_without_ocr_and_says_so(client, cast, monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    client.force_login(cast.ward)
    page = _text(client.get(reverse("reporter:record")))
    assert "Máy chủ chưa cài phần mềm nhận dạng chữ (Tesseract)" in page
    assert "Đọc số từ ảnh" not in page
    ocr = client.post(reverse("reporter:ocr"), {"photos": [jpeg()]})
    assert "Hãy nhập số thuê bao bằng tay." in _text(ocr)
    client.post(reverse("reporter:record"), _form())
    assert Case.objects.get().state == State.DRAFT


def test_reading_the_numbers_records_nothing_and_keeps_no_file(client, cast, _media):
    from raovat.cases.models import PendingPhoto
    from raovat.jobs.worker import run_pending

    client.force_login(cast.ward)
    response = client.post(reverse("reporter:ocr"), {"photos": [jpeg()]})
    assert response.status_code == 200
    run_pending()  # the worker reads the copy kept in the database, then forgets it
    assert _files(_media) == [] and not Case.objects.exists()
    assert not PendingPhoto.objects.exists()


# Drafts and returned cases --------------------------------------------------------------


def test_drafts_are_sent_to_the_district(client, cast, make_case):
    cases = [make_case(cast.ward, phone=p) for p in PHONES[:2]]
    client.force_login(cast.ward)
    page = _text(client.get(reverse("reporter:drafts")))
    assert "Gửi Phòng VHTT Quận 1 các hồ sơ đã chọn" in page
    response = client.post(reverse("reporter:submit"), {"hs": [c.pk for c in cases]}, follow=True)
    assert "Đã gửi 2 hồ sơ" in _text(response)
    for case in cases:
        case.refresh_from_db()
        assert (case.state, case.current_unit_id) == (
            State.AWAITING_CONFIRMATION,
            cast.district.unit_id,
        )


def test_a_draft_without_photos_is_not_sent(client, cast, make_case):
    case = make_case(cast.ward, photos=0)
    client.force_login(cast.ward)
    response = client.post(reverse("reporter:submit"), {"hs": [case.pk]}, follow=True)
    assert f"Hồ sơ {case.number}: cần ít nhất một hình ảnh vi phạm." in _text(response)
    assert Case.objects.get(pk=case.pk).state == State.DRAFT


def test_a_draft_is_cancelled_only_with_a_reason(client, cast, make_case):
    case = make_case(cast.ward)
    client.force_login(cast.ward)
    response = client.post(reverse("reporter:cancel"), {"hs": [case.pk], "note": " "}, follow=True)
    assert "cần nhập ghi chú" in _text(response)
    assert Case.objects.get(pk=case.pk).state == State.DRAFT
    client.post(reverse("reporter:cancel"), {"hs": [case.pk], "note": "Ghi nhầm số."})
    assert Case.objects.get(pk=case.pk).state == State.CANCELLED
    assert case.events.get(action="cancel").note == "Ghi nhầm số."


def test_another_ward_cannot_open_send_or_cancel_a_draft(client, cast, make_case):
    case = make_case(cast.ward)
    client.force_login(cast.ward_b)
    assert client.get(reverse("reporter:complete", args=[case.number])).status_code == 404
    response = client.post(reverse("reporter:submit"), {"hs": [case.pk]}, follow=True)
    assert "không tồn tại hoặc không thuộc phạm vi của đơn vị bạn" in _text(response)
    assert case.number not in _text(response)
    client.post(reverse("reporter:cancel"), {"hs": [case.pk], "note": "x"})
    assert Case.objects.get(pk=case.pk).state == State.DRAFT
    sighting = case.sightings.get()
    url = reverse("reporter:correct_sighting", args=[case.number, sighting.pk])
    assert client.post(url, {f"s{sighting.pk}-place": "Khác"}).status_code == 404
    assert client.get(reverse("reporter:drafts")).content.decode().count("data-case=") == 0


@pytest.mark.parametrize("user", ["district", "telecom", "culture"])
def test_other_roles_get_404_on_the_ward_screens(client, cast, user):
    client.force_login(getattr(cast, user))
    for name in ("reporter:record", "reporter:drafts", "reporter:returned"):
        assert client.get(reverse(name)).status_code == 404


def test_the_returned_list_shows_the_districts_latest_note(client, cast, make_case):
    case = advance(make_case(cast.ward), State.RETURNED_TO_REPORTER)
    perform("submit", [case])
    perform("return_to_reporter", [case], note="Thiếu ảnh cận cảnh số thuê bao.")
    client.force_login(cast.ward)
    page = _text(client.get(reverse("reporter:returned")))
    assert "Thiếu ảnh cận cảnh số thuê bao." in page
    assert "Ảnh chụp chưa rõ số thuê bao" not in page


def test_a_returned_case_is_corrected_completed_and_resent(client, cast, make_case):
    case = advance(make_case(cast.ward), State.RETURNED_TO_REPORTER)
    sighting = case.sightings.get()
    client.force_login(cast.ward)
    page = _text(client.get(reverse("reporter:complete", args=[case.number])))
    assert "Ảnh chụp chưa rõ số thuê bao, đề nghị Phường chụp bổ sung." in page

    client.post(
        reverse("reporter:correct_sighting", args=[case.number, sighting.pk]),
        {
            f"s{sighting.pk}-place": "Trụ điện số 12 Nguyễn Huệ",
            f"s{sighting.pk}-ad_type": "leaflet",
            f"s{sighting.pk}-ad_text": "Khoan cắt bê tông",
        },
    )
    sighting.refresh_from_db()
    assert (sighting.place, sighting.ad_type) == ("Trụ điện số 12 Nguyễn Huệ", "leaflet")
    event = case.events.get(action="correct_sighting")
    assert "Nguyễn Huệ" in event.note and event.to_state == State.RETURNED_TO_REPORTER

    client.post(
        reverse("reporter:add_sighting", args=[case.number]),
        {
            "found_on": dmy(days_ago(11)),
            "place": "Trụ điện số 12 Nguyễn Huệ",
            "ad_type": "sticker",
            "photos": [jpeg(), jpeg()],
        },
    )
    assert Photo.objects.filter(sighting__case=case).count() == 3

    client.post(reverse("reporter:submit"), {"hs": [case.pk]})
    case.refresh_from_db()
    assert case.state == State.AWAITING_CONFIRMATION
    assert list(case.events.values_list("action", flat=True)) == [
        "open",
        "submit",
        "return_to_reporter",
        "correct_sighting",
        "add_sighting",
        "submit",
    ]


def test_adding_a_sighting_needs_a_photo_and_leaves_nothing_when_refused(
    client, cast, make_case, _media
):
    case = advance(make_case(cast.ward), State.RETURNED_TO_REPORTER)
    before = _files(_media)
    client.force_login(cast.ward)
    url = reverse("reporter:add_sighting", args=[case.number])
    data = {"found_on": dmy(days_ago(11)), "place": "Chợ", "ad_type": "sticker"}
    assert "Cần chọn ít nhất một hình ảnh vi phạm." in _text(client.post(url, data))
    fake = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    assert "không phải là ảnh hợp lệ" in _text(client.post(url, {**data, "photos": [fake]}))
    assert case.sightings.count() == 1 and _files(_media) == before
    assert not CaseEvent.objects.filter(action="add_sighting").exists()


# Query counts and search -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "state"),
    [("reporter:drafts", State.DRAFT), ("reporter:returned", State.RETURNED_TO_REPORTER)],
)
def test_list_pages_keep_a_constant_number_of_queries(client, cast, make_case, name, state):
    client.force_login(cast.ward)
    url = reverse(name)
    assert_list_queries_constant(
        client, url, PHONES, lambda index, phone: advance(make_case(cast.ward, phone=phone), state)
    )


def test_the_ward_searches_its_own_cases_without_subscriber_names(client, cast, make_case):
    own = advance(make_case(cast.ward, phone=PHONES[0]), State.TO_CONTACT)
    other = make_case(cast.ward_b, phone=PHONES[1])
    client.force_login(cast.ward)
    page = _text(client.get(reverse("search"), {"phone": ""}))
    assert own.number in page and other.number not in page
    assert "Chủ thuê bao" not in page and "Nguyễn" not in page


def test_the_reminders_link_to_the_ward_screens(client, cast, make_case):
    make_case(cast.ward)
    client.force_login(cast.ward)
    page = _text(client.get(reverse("home")))
    assert f'href="{reverse("reporter:drafts")}"' in page
    assert f'href="{reverse("reporter:returned")}"' in page
