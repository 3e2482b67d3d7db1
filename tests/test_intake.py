"""Recording a number found on an ad: one open case per number, bad input changes nothing."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from raovat.cases.models import Case, CaseEvent, CaseUnit, Photo, Sighting
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.intake import sighting_record
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform
from tests.conftest import jpeg
from tests.dates import FOUND_ON

pytestmark = pytest.mark.django_db


def _record(actor, phone="0912.345.678", photos=None, **extra):
    return sighting_record(
        actor=actor,
        phone=phone,
        found_on=FOUND_ON,
        place="Cột điện trước số 12 Nguyễn Huệ",
        ad_type="sticker",
        ad_text="Khoan cắt bê tông",
        photos=[jpeg()] if photos is None else photos,
        **extra,
    )


def _files(media):
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


def test_it_opens_a_case_with_the_number_normalised(cast):
    result = _record(cast.ward)
    case = result.sighting.case
    assert not result.joined_existing
    assert case.number.startswith("HS-")
    assert (case.phone_e164, case.phone_written, case.carrier_hint) == (
        "+84912345678",
        "0912.345.678",
        "vinaphone",
    )
    assert case.state == State.DRAFT
    assert case.events.get().action == "open"
    assert case.sightings.get().photos.count() == 1


def test_case_numbers_follow_each_other(cast):
    first = _record(cast.ward, phone="0912 345 678").sighting.case
    second = _record(cast.ward, phone="0987 654 321").sighting.case
    year = first.created_at.year
    assert int(second.number.rsplit("-", 1)[1]) == int(first.number.rsplit("-", 1)[1]) + 1
    assert first.number.startswith(f"HS-{year}-")


def test_an_old_eleven_digit_number_maps_to_its_case_and_keeps_what_was_written(cast):
    case = _record(cast.ward, phone="0168.123.4567").sighting.case
    assert case.phone_e164 == "+84381234567"
    assert case.phone_written == "0168.123.4567"
    assert case.carrier_hint == "viettel"


def test_the_same_number_from_another_ward_joins_the_open_case(cast):
    first = _record(cast.ward, phone="0912 345 678").sighting.case
    advance(first, State.AT_TELECOM)
    again = _record(cast.ward_q3, phone="+84 912 345 678")

    assert again.joined_existing
    assert again.sighting.case_id == first.pk
    assert Case.objects.count() == 1
    first.refresh_from_db()
    assert first.state == State.AT_TELECOM  # a new sighting does not move the case
    # It joins without taking part: the ward reads its own sighting only (test_access.py).
    assert not CaseUnit.objects.filter(case=first, unit=cast.ward_q3.unit).exists()
    assert first.events.filter(action="add_sighting").count() == 1


def test_a_closed_case_does_not_take_new_sightings(cast):
    first = advance(_record(cast.ward).sighting.case, State.CANCELLED)
    again = _record(cast.ward)
    assert not again.joined_existing
    assert again.sighting.case_id != first.pk


@pytest.mark.parametrize("phone", ["0912 345", "abc", "", "0999 999 9999 9"])
def test_an_invalid_number_is_refused_and_nothing_is_stored(cast, _media, phone):
    with pytest.raises(WorkflowError) as exc:
        _record(cast.ward, phone=phone)
    assert "số thuê bao" in str(exc.value).lower()
    assert not Case.objects.exists() and not Sighting.objects.exists()
    assert _files(_media) == []


def test_a_file_that_is_not_an_image_is_refused_and_leaves_no_file(cast, _media):
    fake = SimpleUploadedFile("anh.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    with pytest.raises(WorkflowError) as exc:
        _record(cast.ward, photos=[jpeg(), fake])
    assert "không phải là ảnh" in str(exc.value)
    assert not Case.objects.exists() and not Photo.objects.exists()
    assert _files(_media) == []


def test_a_failed_write_removes_the_photos_already_stored(cast, _media, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Photo, "save", boom)
    with pytest.raises(RuntimeError):
        _record(cast.ward, photos=[jpeg(), jpeg()])
    assert not Case.objects.exists()
    assert _files(_media) == []


def test_a_large_photo_is_shrunk_and_thumbnailed(cast):
    image = Image.new("RGB", (4000, 3000), (120, 130, 140))
    out = io.BytesIO()
    image.save(out, "JPEG")
    upload = SimpleUploadedFile("lon.jpg", out.getvalue(), content_type="image/jpeg")
    photo = _record(cast.ward, photos=[upload]).sighting.photos.get()
    assert (photo.width, photo.height) == (2000, 1500)
    with Image.open(photo.thumbnail) as thumb:
        assert max(thumb.size) == 320
    assert os.path.getsize(photo.image.path) < len(out.getvalue())


def test_the_photo_date_and_place_are_read_from_exif(cast):
    image = Image.new("RGB", (800, 600), (90, 90, 90))
    exif = Image.Exif()
    exif[0x0132] = "2026:11:20 08:15:00"
    gps = {1: "N", 2: (10.0, 46.0, 30.0), 3: "E", 4: (106.0, 42.0, 0.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    upload = SimpleUploadedFile("gps.jpg", out.getvalue(), content_type="image/jpeg")
    sighting = _record(cast.ward, photos=[upload]).sighting
    photo = sighting.photos.get()
    assert photo.taken_at.strftime("%d/%m/%Y") == "20/11/2026"
    assert float(sighting.latitude) == pytest.approx(10.775, abs=1e-4)
    assert float(sighting.longitude) == pytest.approx(106.7, abs=1e-4)


def test_a_department_cannot_record_sightings(cast):
    with pytest.raises(WorkflowError):
        _record(cast.telecom)
    assert not CaseEvent.objects.exists()


def test_a_returned_case_can_get_another_photo_and_be_sent_again(cast):
    case = advance(_record(cast.ward).sighting.case, State.RETURNED_TO_REPORTER)
    _record(cast.ward)  # the ward photographs the ad again
    perform("submit", [case])
    case.refresh_from_db()
    assert case.state == State.AWAITING_CONFIRMATION
    assert Photo.objects.filter(sighting__case=case).count() == 2
