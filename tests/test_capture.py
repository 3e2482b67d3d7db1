"""The ward's capture form: what is ticked, photos kept across a form error, and a number
on a wall that the numbering plan does not list."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from demo_data.photos import ad_photo
from raovat.cases.models import Case, PendingPhoto, Photo
from raovat.cases.phones import InvalidPhoneNumber, parse
from raovat.cases.services import ocr
from raovat.jobs.models import Job
from raovat.jobs.worker import run_pending
from tests.conftest import jpeg

pytestmark = pytest.mark.django_db

UNALLOCATED = "0891.207.857"


def _capture(phones=("0912 345 678",), confirmed=None, photos=None, **extra):
    data = {
        "found_on": f"{timezone.localdate():%d/%m/%Y}",
        "place": "Trụ điện trước số 45 Lê Thánh Tôn",
        "ad_type": "sticker",
        "ad_text": "Khoan cắt bê tông",
        **extra,
    }
    if photos is not None:
        data["photos"] = photos
    keys = [f"m{i}" for i in range(1, len(phones) + 1)]
    for key, phone in zip(keys, phones, strict=True):
        data[f"phone_{key}"] = phone
    data["confirmed"] = keys if confirmed is None else confirmed
    return data


def _text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _tokens(page: str) -> list[str]:
    import re

    return re.findall(r'name="pending" value="([0-9a-f-]{36})"', page)


def test_the_empty_manual_line_is_not_ticked(client, cast):
    client.force_login(cast.ward)
    page = _text(client.get(reverse("reporter:record")))
    assert 'name="confirmed" value="m1" id="confirm-m1">' in page
    assert 'value="__KEY__" id="confirm-__KEY__">' in page  # rows added later too


def test_a_form_error_keeps_the_photo_for_the_next_try(client, cast, _media):
    client.force_login(cast.ward)
    page = _text(
        client.post(reverse("reporter:record"), _capture(place="", photos=[jpeg(), jpeg()]))
    )
    assert "Đã giữ lại 2 hình ảnh đã chọn" in page
    assert "Hãy chọn lại hình ảnh" not in page
    tokens = _tokens(page)
    assert len(tokens) == 2 and PendingPhoto.objects.count() == 2
    assert not Case.objects.exists() and not list(_media.rglob("*.jpg"))
    thumb = client.get(reverse("reporter:pending_photo", args=[tokens[0]]))
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"
    # The officer corrects the place and saves without choosing the photos again.
    client.post(reverse("reporter:record"), {**_capture(), "pending": tokens})
    case = Case.objects.get()
    assert case.sightings.get().photos.count() == 2
    assert not PendingPhoto.objects.exists()


def test_a_refused_number_keeps_the_photo_too(client, cast):
    client.force_login(cast.ward)
    page = _text(
        client.post(reverse("reporter:record"), _capture(phones=["0912 345"], photos=[jpeg()]))
    )
    assert "không hợp lệ" in page and len(_tokens(page)) == 1
    tokens = _tokens(page)
    client.post(reverse("reporter:record"), {**_capture(), "pending": tokens})
    assert Photo.objects.count() == 1


def test_a_number_not_confirmed_keeps_the_photo(client, cast):
    client.force_login(cast.ward)
    page = _text(client.post(reverse("reporter:record"), _capture(confirmed=[], photos=[jpeg()])))
    assert "Chưa có số thuê bao nào được xác nhận:" in page
    assert len(_tokens(page)) == 1


def test_kept_photos_belong_to_their_officer_only(client, cast):
    client.force_login(cast.ward)
    tokens = _tokens(
        _text(client.post(reverse("reporter:record"), _capture(place="", photos=[jpeg()])))
    )
    client.force_login(cast.ward_b)
    assert client.get(reverse("reporter:pending_photo", args=[tokens[0]])).status_code == 404
    client.post(reverse("reporter:record"), {**_capture(), "pending": tokens})
    assert Case.objects.get().sightings.get().photos.count() == 0
    assert PendingPhoto.objects.count() == 1  # still the first officer's


def test_opening_the_capture_page_afresh_forgets_kept_photos(client, cast):
    client.force_login(cast.ward)
    client.post(reverse("reporter:record"), _capture(place="", photos=[jpeg()]))
    assert PendingPhoto.objects.count() == 1
    client.get(reverse("reporter:record"))
    assert not PendingPhoto.objects.exists()


def test_a_bad_token_is_ignored(client, cast):
    client.force_login(cast.ward)
    client.post(reverse("reporter:record"), {**_capture(), "pending": ["²", "x" * 36]})
    assert Case.objects.count() == 1


def test_a_bomb_is_not_kept(client, cast):
    import io
    import zlib

    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (8, 8)).save(out, "PNG")
    data = bytearray(out.getvalue())
    data[16:20], data[20:24] = (20000).to_bytes(4, "big"), (20000).to_bytes(4, "big")
    data[29:33] = zlib.crc32(bytes(data[12:29])).to_bytes(4, "big")
    bomb = SimpleUploadedFile("bom.png", bytes(data), content_type="image/png")
    client.force_login(cast.ward)
    page = _text(client.post(reverse("reporter:record"), _capture(place="", photos=[bomb])))
    assert "quá lớn để xử lý" in page
    assert not PendingPhoto.objects.exists()


# A number the numbering plan does not list ------------------------------------------------


def test_the_plan_refuses_the_number_but_a_wall_number_is_kept_with_a_warning(client, cast):
    with pytest.raises(InvalidPhoneNumber):
        parse(UNALLOCATED)
    assert parse(UNALLOCATED, allow_unallocated=True).e164 == "+84891207857"
    client.force_login(cast.ward)
    check = _text(
        client.get(reverse("reporter:number_check"), {"key": "m1", "phone_m1": UNALLOCATED})
    )
    assert "chưa được cấp cho thuê bao nào" in check and "vẫn có thể lưu" in check
    assert "text-danger" not in check
    client.post(reverse("reporter:record"), _capture(phones=[UNALLOCATED], photos=[jpeg()]))
    case = Case.objects.get()
    assert (case.phone_e164, case.carrier_hint) == ("+84891207857", "mobifone")


@pytest.mark.parametrize("written", ["0612 345 678", "0891 207 85", "0891 207 8571"])
def test_a_number_that_cannot_be_vietnamese_is_still_refused(client, cast, written):
    client.force_login(cast.ward)
    page = _text(
        client.post(reverse("reporter:record"), _capture(phones=[written], photos=[jpeg()]))
    )
    assert "không hợp lệ" in page
    assert not Case.objects.exists()


def test_the_reader_proposes_a_number_outside_the_allocated_ranges():
    assert ocr.numbers_in_text(f"Khoan cắt bê tông {UNALLOCATED}") == [UNALLOCATED]


@pytest.mark.skipif(not ocr.ocr_available(), reason="Tesseract is not installed")
def test_the_reader_reads_0891_207_857_on_a_photo(client, cast):
    data = ad_photo(
        phone_display="0891.207.857", ad_text="Khoan cắt bê tông", ad_type="sticker", seed=1000
    )
    client.force_login(cast.ward)
    client.post(
        reverse("reporter:ocr"),
        {"photos": [SimpleUploadedFile("anh.jpg", data, content_type="image/jpeg")]},
    )
    run_pending()  # the worker reads the photo
    page = _text(client.get(reverse("reporter:ocr_result", args=[Job.objects.get().pk])))
    assert "Không đọc được số thuê bao nào" not in page
    assert 'value="0891.207.857"' in page


def test_adding_a_sighting_to_a_case_keeps_the_photo_across_an_error(client, cast, make_case):
    case = make_case(cast.ward)
    client.force_login(cast.ward)
    url = reverse("reporter:add_sighting", args=[case.number])
    data = {"found_on": "01/01/2099", "place": "Trụ điện", "ad_type": "sticker", "ad_text": ""}
    page = _text(client.post(url, {**data, "photos": [jpeg()]}))
    assert "Ngày phát hiện ở tương lai." in page and "Đã giữ lại 1 hình ảnh" in page
    tokens = _tokens(page)
    assert len(tokens) == 1
    response = client.post(
        url,
        {**data, "found_on": f"{timezone.localdate():%d/%m/%Y}", "pending": tokens},
        follow=True,
    )
    assert f"Đã thêm lần phát hiện và 1 hình ảnh vào hồ sơ {case.number}." in _text(response)
    assert case.sightings.count() == 2 and Photo.objects.count() == 2
    assert not PendingPhoto.objects.exists()


def test_adding_a_sighting_without_any_photo_is_refused(client, cast, make_case):
    case = make_case(cast.ward)
    client.force_login(cast.ward)
    page = _text(
        client.post(
            reverse("reporter:add_sighting", args=[case.number]),
            {
                "found_on": f"{timezone.localdate():%d/%m/%Y}",
                "place": "Trụ điện",
                "ad_type": "sticker",
            },
        )
    )
    assert "Cần chọn ít nhất một hình ảnh vi phạm." in page
    assert case.sightings.count() == 1


def test_a_forged_form_with_hundreds_of_numbers_is_refused(client, cast):
    client.force_login(cast.ward)
    phones = [f"0912 345 {i:03d}" for i in range(300)]
    page = _text(client.post(reverse("reporter:record"), _capture(phones=phones, photos=[jpeg()])))
    assert "tối đa 10 số thuê bao" in page
    assert not Case.objects.exists()
    assert page.count("data-phone-row") <= 13  # 12 rows shown, and the row template


def test_kept_photos_older_than_a_day_are_removed(client, cast):
    client.force_login(cast.ward)
    client.post(reverse("reporter:record"), _capture(place="", photos=[jpeg()]))
    PendingPhoto.objects.update(created_at=timezone.now() - timezone.timedelta(hours=25))
    client.force_login(cast.ward_b)  # another officer's visit is enough
    client.get(reverse("reporter:record"))
    assert not PendingPhoto.objects.exists()
