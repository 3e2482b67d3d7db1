"""Reading the number off a photo with the real Tesseract; nothing is stored."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from demo_data.photos import ad_photo
from raovat.cases.phones import parse
from raovat.cases.services import ocr

pytestmark = pytest.mark.skipif(not ocr.ocr_available(), reason="Tesseract is not installed")

# Sticker, leaflet and banner photos as the demo draws them; seeds OCR reads reliably.
PHOTOS = [
    ("0973 616 090", "Khoan cắt bê tông", "sticker", 1000),
    ("0935.602.213", "Cho vay trả góp theo ngày, không thẩm định", "leaflet", 1003),
    ("0376-322-354", "Thu mua phế liệu giá cao", "banner", 1017),
]


def _upload(phone, text, kind, seed, name="anh.jpg"):
    data = ad_photo(phone_display=phone, ad_text=text, ad_type=kind, seed=seed)
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


@pytest.mark.parametrize(("phone", "text", "kind", "seed"), PHOTOS)
def test_it_reads_the_number_on_a_demo_photo(phone, text, kind, seed):
    result = ocr.numbers_in_photos(photos=[_upload(phone, text, kind, seed)])
    assert result.available and result.read_photos == 1
    assert parse(phone).e164 in [p.e164 for p in result.proposals]


def test_two_photos_of_two_ads_give_both_numbers_once():
    first, second = PHOTOS[0], PHOTOS[1]
    result = ocr.numbers_in_photos(
        photos=[_upload(*first), _upload(*second), _upload(*first, name="lai.jpg")]
    )
    found = [p.e164 for p in result.proposals]
    assert parse(first[0]).e164 in found and parse(second[0]).e164 in found
    assert len(found) == len(set(found))


def test_a_file_that_is_not_an_image_is_named_and_skipped():
    bad = SimpleUploadedFile("so.pdf", b"%PDF-1.4 not an image", content_type="image/jpeg")
    result = ocr.numbers_in_photos(photos=[bad, _upload(*PHOTOS[0])])
    assert result.problems == ["Tệp “so.pdf” không phải là ảnh hợp lệ (JPEG, PNG hoặc WEBP)."]
    assert result.read_photos == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LH: O9I2.345.678", ["0912.345.678"]),
        ("0793,324.044", ["0793.324.044"]),
        ("KHOAN CAT BE TONG\n0973 616 090 - 0987 654 321", ["0973 616 090", "0987 654 321"]),
        ("SUA MAY LANH 24/24", []),
        ("0912 345", []),
    ],
)
def test_it_forgives_letters_read_for_digits(text, expected):
    assert ocr.numbers_in_text(text) == expected


def test_without_the_tesseract_program_it_says_so(monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    assert not ocr.ocr_available()
    result = ocr.numbers_in_photos(photos=[_upload(*PHOTOS[0])])
    assert not result.available and result.proposals == []
    assert result.problems == [ocr.UNAVAILABLE]


def test_without_the_python_package_it_says_so(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pytesseract", None)  # what a failed import leaves
    assert not ocr.ocr_available()
    assert ocr.numbers_in_photos(photos=[io.BytesIO(b"")]).problems == [ocr.UNAVAILABLE]


def test_a_pass_that_runs_out_of_time_keeps_what_the_earlier_passes_read(monkeypatch):
    import pytesseract

    calls = []

    def slow_after_the_first(image, **kwargs):
        calls.append(kwargs["config"])
        if len(calls) > 1:
            raise RuntimeError("Tesseract process timeout")
        return "KHOAN CAT BE TONG\nLH 0973 616 090"

    monkeypatch.setattr(pytesseract, "image_to_string", slow_after_the_first)
    result = ocr.numbers_in_photos(photos=[_upload(*PHOTOS[0])])
    assert result.problems == [] and result.read_photos == 1
    assert [p.e164 for p in result.proposals] == [parse("0973 616 090").e164]
    assert len(calls) == 2


def test_a_photo_whose_first_pass_runs_out_of_time_is_named(monkeypatch):
    import pytesseract

    def too_slow(image, **kwargs):
        raise RuntimeError("Tesseract process timeout")

    monkeypatch.setattr(pytesseract, "image_to_string", too_slow)
    result = ocr.numbers_in_photos(photos=[_upload(*PHOTOS[0], name="cot-dien.jpg")])
    assert result.problems == ["Không đọc được chữ trên ảnh “cot-dien.jpg”."]
    assert result.proposals == [] and result.read_photos == 0
