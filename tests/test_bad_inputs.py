"""Hostile or careless input from the outside: a Vietnamese answer, nothing changed, no 500."""

import base64
import errno
import io
import json
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from raovat.audit.models import PersonalDataAccess
from raovat.cases.models import Case, PenaltyRecord, Photo
from raovat.cases.services import intake
from tests.conftest import jpeg
from tests.dates import FOUND_ON, dmy, now_dmy_hm
from tests.documents_helpers import waiting_case

pytestmark = pytest.mark.django_db


def _files(media):
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


def _capture(phone="0912 345 678", photos=None, **extra):
    return {
        "found_on": dmy(FOUND_ON),
        "place": "Trụ điện trước số 45 Lê Thánh Tôn",
        "ad_type": "sticker",
        "ad_text": "Khoan cắt bê tông",
        "phone_m1": phone,
        "confirmed": ["m1"],
        "photos": [jpeg()] if photos is None else photos,
        **extra,
    }


def _png_claiming(width: int, height: int) -> SimpleUploadedFile:
    """A small PNG whose header declares width × height (what a bomb looks like)."""
    out = io.BytesIO()
    Image.new("L", (8, 8)).save(out, "PNG")
    data = bytearray(out.getvalue())
    data[16:20], data[20:24] = width.to_bytes(4, "big"), height.to_bytes(4, "big")
    data[29:33] = zlib.crc32(bytes(data[12:29])).to_bytes(4, "big")
    return SimpleUploadedFile("bom.png", bytes(data), content_type="image/png")


def _jpeg_claiming(width: int, height: int) -> SimpleUploadedFile:
    data = bytearray(jpeg().read())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 7], data[sof + 7 : sof + 9] = (
        height.to_bytes(2, "big"),
        width.to_bytes(2, "big"),
    )
    return SimpleUploadedFile("bom.jpg", bytes(data), content_type="image/jpeg")


def _page(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_a_valid_number_written_with_more_than_40_characters_is_refused(client, cast, _media):
    client.force_login(cast.ward)
    written = "0 9 1 2 . 3 4 5 . 6 7 8 - - - - - - - - - - - - - - -"
    assert len(written) > 40
    text = _page(client.post(reverse("reporter:record"), _capture(phone=written)))
    assert "tối đa 40 ký tự" in text
    assert not Case.objects.exists() and _files(_media) == []


@pytest.mark.parametrize(
    ("upload", "label"),
    [
        (lambda: _png_claiming(20000, 20000), "PNG 20000 × 20000"),
        (lambda: _jpeg_claiming(60000, 60000), "JPEG claiming 60000 × 60000"),
        (lambda: _png_claiming(12000, 12000), "PNG of 144 megapixels"),
    ],
)
def test_a_photo_too_big_to_decode_is_refused_before_decoding(client, cast, _media, upload, label):
    client.force_login(cast.ward)
    text = _page(client.post(reverse("reporter:record"), _capture(photos=[upload()])))
    assert "quá lớn để xử lý (tối đa 50 triệu điểm ảnh)" in text, label
    assert not Case.objects.exists() and not Photo.objects.exists()
    assert _files(_media) == []


def test_the_pixel_limit_is_a_setting(client, cast, settings):
    settings.MAX_PHOTO_MEGAPIXELS = 1
    client.force_login(cast.ward)
    big = jpeg(size=(1280, 960))
    text = _page(client.post(reverse("reporter:record"), _capture(photos=[big])))
    assert "tối đa 1 triệu điểm ảnh" in text
    settings.MAX_PHOTO_MEGAPIXELS = 2
    client.post(reverse("reporter:record"), _capture(photos=[jpeg(size=(1280, 960))]))
    assert Case.objects.count() == 1


def test_the_number_reader_refuses_a_bomb_with_a_message(client, cast, monkeypatch):
    from raovat.jobs.models import Job

    monkeypatch.setattr("raovat.web.views.reporter.ocr_available", lambda: True)
    client.force_login(cast.ward)
    response = client.post(reverse("reporter:ocr"), {"photos": [_png_claiming(20000, 20000)]})
    assert response.status_code == 200
    assert "quá lớn để xử lý" in response.content.decode()
    assert not Job.objects.exists()  # nothing to read: nothing queued


class _DiskFull(ContentFile):
    """Writes part of the file, then the disk is full."""

    def chunks(self, chunk_size=None):
        self.seek(0)
        yield self.read(100)
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_leaves_no_partial_photo_and_no_case(client, cast, _media, monkeypatch):
    monkeypatch.setattr(intake, "ContentFile", _DiskFull)
    client.force_login(cast.ward)
    text = _page(client.post(reverse("reporter:record"), _capture()))
    assert "máy chủ không ghi được tệp" in text
    assert not Case.objects.exists() and not Photo.objects.exists()
    assert _files(_media) == []


def test_a_fine_of_ten_to_the_thirty_is_refused(client, cast, make_case):
    case = waiting_case(cast, make_case)
    client.force_login(cast.district)
    page = client.get(reverse("handler:penalty", args=[case.number])).content.decode()
    key = page.split('name="request_key" value="')[1].split('"')[0] if "request_key" in page else ""
    response = client.post(
        reverse("handler:penalty", args=[case.number]),
        {
            "made_at": now_dmy_hm(),
            "place": "Trụ sở",
            "legal_basis": "Điểm a khoản 1",
            "amount": str(10**30),
            "request_key": key,
        },
    )
    assert "Số tiền quá lớn (tối đa 1.000.000.000 ₫)." in _page(response)
    assert not PenaltyRecord.objects.exists()


def _cursor(value) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        _cursor(["abc", 1, 2]),
        _cursor([1, 1, 2]),
        _cursor(["2026-11-20", "x", 2]),
        _cursor(["2026-11-20T10:00:00", 1, 2]),
        _cursor(["2026-11-20", 10**30, 2]),
        _cursor({"a": 1}),
        "%%%",
        "////",
        _cursor([None, -1, 0]),
    ],
)
@pytest.mark.parametrize("sort", ["so-ho-so", "ngay-phat-hien", "cap-nhat"])
def test_an_edited_search_cursor_shows_the_first_page(client, cast, make_case, cursor, sort):
    make_case(cast.ward)
    client.force_login(cast.district)
    for key in ("sau", "truoc"):
        response = client.get(reverse("search"), {"sap_xep": sort, key: cursor})
        assert response.status_code == 200


@pytest.mark.parametrize("value", ["²", "٣", "1_0", "+1", " 1e3", "9" * 40, "-1", "0"])
def test_ids_in_the_address_are_ascii_digits_or_ignored(client, cast, value):
    client.force_login(cast.telecom)
    response = client.get(reverse("telecom:export_identity"), {"phieu": value})
    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Chưa chọn phiếu chuyển nào để xuất Excel."]
    assert client.get(reverse("telecom:export_suspension"), {"hs": value}).status_code in (200, 302)
    client.force_login(cast.district)
    assert client.post(reverse("handler:confirm"), {"hs": value}).status_code == 302


@pytest.mark.parametrize("value", ["²", "٣", "9" * 40])
def test_the_access_log_filter_ignores_a_user_id_that_is_not_a_number(client, cast, value):
    client.force_login(cast.admin)
    url = reverse("admin:audit_personaldataaccess_changelist")
    assert client.get(url, {"user": value}).status_code == 200
    # The admin's own filter answers a bad value by reloading the list with "?e=1".
    assert client.get(url, {"unit__id__exact": value}).status_code in (200, 302)
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.parametrize(
    ("user", "url"),
    [
        ("ward", "/tep/anh/{}/"),
        ("ward", "/tep/anh/{}/nho/"),
        ("district", "/tep/thu-moi/{}/"),
        ("district", "/xu-ly/phieu/{}/"),
        ("telecom", "/vien-thong/phieu-den/{}/"),
        ("district", "/in/thu-moi/{}/"),
        ("district", "/viec-nen/{}/"),
    ],
)
def test_an_id_too_big_for_the_database_is_not_found(client, cast, user, url):
    client.force_login(getattr(cast, user))
    assert client.get(url.format("9" * 30)).status_code == 404


def test_a_full_disk_leaves_no_partial_scan(client, cast, make_case, _media, monkeypatch):
    from django.core.files.uploadedfile import InMemoryUploadedFile

    from raovat.cases.workflow import State
    from raovat.demo.scenario import advance
    from tests.documents_helpers import invitation_for

    case = advance(make_case(cast.ward), State.TO_CONTACT)
    invitation = invitation_for(cast, case)
    before = _files(_media)

    def half_then_full(self, chunk_size=None):
        self.seek(0)
        yield self.read(10)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(InMemoryUploadedFile, "chunks", half_then_full)
    client.force_login(cast.district)
    scan = SimpleUploadedFile(
        "thu-moi.pdf", b"%PDF-1.4 " + b"x" * 2000, content_type="application/pdf"
    )
    response = client.post(
        reverse("handler:invitation_upload", args=[case.number, invitation.pk]),
        {"scan": scan},
        follow=True,
    )
    assert "máy chủ không ghi được tệp" in response.content.decode()
    invitation.refresh_from_db()
    assert not invitation.signed_scan and _files(_media) == before


@pytest.mark.parametrize(
    "params",
    [
        {"reporting_unit": "²"},
        {"reporting_unit": "9" * 30},
        {"officer": "٣"},
        {"found_from": "01/01/0001", "found_to": "31/12/9999"},
        {"received_from": "01/01/0001", "received_to": "31/12/9999"},
        {"phone": "²" * 200},
        {"number": "%_%"},
        {"state": "x"},
        {"chieu": "²"},
    ],
)
def test_an_odd_search_is_answered(client, cast, make_case, params):
    make_case(cast.ward)
    for user in (cast.district, cast.ward, cast.telecom):
        client.force_login(user)
        assert client.get(reverse("search"), params).status_code == 200


def test_a_full_disk_leaves_no_partial_transfer_slip(client, cast, make_case, _media, monkeypatch):
    from django.core.files.uploadedfile import InMemoryUploadedFile

    from raovat.cases.models import Dispatch
    from raovat.cases.services.dispatches import dispatch_number
    from raovat.cases.workflow import State
    from raovat.demo.scenario import advance

    case = advance(make_case(cast.ward), State.CONFIRMED)
    client.force_login(cast.district)
    client.post(reverse("handler:dispatch_start", args=["send_to_telecom"]), {"hs": [case.pk]})
    dispatch = Dispatch.objects.get()
    dispatch_number(dispatch=dispatch)  # a scan is attached to a printed slip
    before = _files(_media)

    def half_then_full(self, chunk_size=None):
        self.seek(0)
        yield self.read(10)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(InMemoryUploadedFile, "chunks", half_then_full)
    scan = SimpleUploadedFile(
        "phieu.pdf", b"%PDF-1.4 " + b"x" * 2000, content_type="application/pdf"
    )
    response = client.post(
        reverse("handler:dispatch_attach", args=[dispatch.pk]), {"scan": scan}, follow=True
    )
    assert "máy chủ không ghi được tệp" in response.content.decode()
    dispatch.refresh_from_db()
    assert not dispatch.signed_scan and _files(_media) == before


@pytest.mark.parametrize(
    ("url", "state", "user"),
    [
        ("handler:return_to_reporter", "awaiting_confirmation", "district"),
        ("reporter:cancel", "draft", "ward"),
    ],
)
def test_a_note_with_a_nul_character_is_refused(client, cast, make_case, url, state, user):
    from raovat.demo.scenario import advance

    case = make_case(cast.ward)
    if state != "draft":
        case = advance(case, state)
    client.force_login(getattr(cast, user))
    response = client.post(reverse(url), {"hs": [case.pk], "note": "Sai\x00 số"}, follow=True)
    assert response.status_code == 200
    assert "Ghi chú có ký tự không hợp lệ" in response.content.decode()
    case.refresh_from_db()
    assert case.state == state


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("Sai\x00 số", "Ghi chú có ký tự không hợp lệ."),
        ("x" * 2001, "Ghi chú: tối đa 2000 ký tự (đang có 2001 ký tự)."),
    ],
)
@pytest.mark.parametrize("url", ["handler:dispatch_note", "handler:dispatch_send"])
def test_a_bad_transfer_note_is_refused(client, cast, make_case, note, message, url):
    from raovat.cases.models import Dispatch
    from raovat.cases.workflow import State
    from raovat.demo.scenario import advance

    case = advance(make_case(cast.ward), State.CONFIRMED)
    client.force_login(cast.district)
    client.post(reverse("handler:dispatch_start", args=["send_to_telecom"]), {"hs": [case.pk]})
    dispatch = Dispatch.objects.get()
    response = client.post(reverse(url, args=[dispatch.pk]), {"note": note}, follow=True)
    assert message in response.content.decode()
    dispatch.refresh_from_db()
    case.refresh_from_db()
    assert (dispatch.note, dispatch.sent_at, case.state) == ("", None, State.CONFIRMED)


def test_a_delivery_report_with_a_nul_character_is_taken(client, cast, make_case):
    from raovat.cases.workflow import State
    from raovat.demo.scenario import advance
    from raovat.messaging import delivery
    from raovat.messaging.services import sms_send

    case = advance(make_case(cast.ward), State.TO_CONTACT)
    message = sms_send(actor=cast.district, case=case, text="Mời ông/bà đến trụ sở.")
    token = delivery.report_token(message.pk, 1)
    response = client.get(
        reverse("sms_report", args=[message.pk, 1, token]), {"type": "1", "reply": "ACK\x00/"}
    )
    assert response.status_code == 200
