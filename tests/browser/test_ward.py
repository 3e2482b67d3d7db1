"""The ward's desk clicked through in Chromium, on a phone and on a desktop screen; the
cases' states and history are checked in the database afterwards. OCR runs for real."""

import re

import pytest
from django.test import override_settings

from demo_data.photos import ad_photo
from raovat.cases.models import Case, Photo
from raovat.cases.phones import parse
from raovat.cases.services.ocr import ocr_available
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from raovat.jobs.worker import run_pending
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A sticker the demo draws and Tesseract reads (see tests/test_ocr.py).
PHONE, AD_TEXT, SEED = "0973 616 090", "Khoan cắt bê tông", 1000
OCR_WAIT = 120_000  # ms: two Tesseract passes on a busy two-core machine
# The reading's budget here: on a busy machine the passes take longer than in production.
OCR_SECONDS = 300


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        geolocation={"latitude": 10.7769, "longitude": 106.7009},
        permissions=["geolocation"],
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.base = live_server.url
    yield page
    context.close()


def _photo(tmp_path, name="anh-quang-cao.jpg"):
    path = tmp_path / name
    path.write_bytes(ad_photo(phone_display=PHONE, ad_text=AD_TEXT, ad_type="sticker", seed=SEED))
    return str(path)


def _message(page):
    return page.locator(".alert-success, .alert-danger").first.inner_text()


def _proposal(page):
    """The number OCR proposes: the request queues the reading and answers at once, the
    worker (here, in the test's process) reads the photo, the page's next poll shows it."""
    with override_settings(OCR_MAX_SECONDS=OCR_SECONDS):
        page.locator("#ocr-waiting").wait_for()
        assert page.locator("#ocr-result [data-phone-row]").count() == 0
        assert run_pending() >= 1
        row = page.locator("#ocr-result [data-phone-row]").first
        row.wait_for(timeout=OCR_WAIT)
        assert page.locator("#ocr-waiting").count() == 0
    return row, row.locator("input[type=text]").input_value()


@pytest.mark.skipif(not ocr_available(), reason="Tesseract is not installed")
def test_a_ward_records_a_number_read_from_the_photo_on_a_phone_and_sends_it(
    phone_page, cast, shots, tmp_path
):
    page = phone_page
    login(page, "phuong.bennghe")
    page.locator("#reminders").get_by_role(
        "link", name=re.compile("Hồ sơ đang lập, chưa gửi")
    ).click()
    page.get_by_role("link", name="Ghi nhận vi phạm").click()
    file_input = page.locator("#capture-form input[name=photos]")
    assert file_input.get_attribute("capture") == "environment"
    assert file_input.get_attribute("multiple") is not None

    # Choosing the photo sends it to OCR; the number comes back unconfirmed.
    file_input.set_input_files(_photo(tmp_path))
    row, written = _proposal(page)
    assert parse(written).e164 == parse(PHONE).e164
    confirm = row.get_by_label(re.compile("Xác nhận số .* đúng với ảnh"))
    assert not confirm.is_checked()
    assert "khi lưu sẽ lập hồ sơ mới" in row.inner_text()
    assert page.locator("[data-previews] img").count() == 1

    page.get_by_label(re.compile("^Địa điểm vi phạm")).fill("Trụ điện trước số 45 Lê Thánh Tôn")
    page.locator("label", has_text="Tờ rơi").click()
    page.get_by_label("Nội dung quảng cáo", exact=True).fill(AD_TEXT)
    page.get_by_role("button", name="Lấy vị trí hiện tại").click()
    # The browser answers the position request asynchronously.
    page.locator("[data-location-text]", has_text="10.776900, 106.700900").wait_for()
    confirm.check()
    shots(page, "phuong-ghi-nhan")
    page.get_by_role("button", name="Lưu hồ sơ").click()
    assert "Đã lập hồ sơ" in _message(page)

    case = Case.objects.get()
    sighting = case.sightings.get()
    assert (case.phone_e164, case.state) == (parse(PHONE).e164, State.DRAFT)
    assert (sighting.ad_type, float(sighting.latitude)) == ("leaflet", 10.7769)
    assert sighting.photos.count() == 1

    page.goto(page.base + "/phat-hien/dang-lap/")
    page.get_by_label("Chọn tất cả hồ sơ trên trang").check()
    assert page.locator("[data-selected-count]").inner_text() == "Đã chọn 1 hồ sơ"
    page.get_by_role("button", name="Gửi Phòng VHTT Quận 1 các hồ sơ đã chọn").click()
    assert f"Đã gửi 1 hồ sơ: {case.number}" in _message(page)
    case.refresh_from_db()
    assert (case.state, case.current_unit_id) == (
        State.AWAITING_CONFIRMATION,
        cast.district.unit_id,
    )
    assert list(case.events.values_list("action", flat=True)) == ["open", "submit"]


@pytest.mark.skipif(not ocr_available(), reason="Tesseract is not installed")
def test_the_same_number_from_another_ward_joins_the_open_case(
    page, cast, make_case, shots, tmp_path
):
    case = advance(make_case(cast.ward, phone=PHONE), State.AWAITING_CONFIRMATION)
    login(page, "phuong.vothisau")
    page.goto(page.base + "/phat-hien/")
    page.locator("#capture-form input[name=photos]").set_input_files(_photo(tmp_path))
    row, _ = _proposal(page)
    # A ward of another district is told that a case is open, not which, where or how far.
    warning = row.locator(".rv-open-case").inner_text()
    assert "đã có hồ sơ đang được xử lý" in warning
    assert case.number not in warning and cast.district.unit.name not in warning
    row.get_by_label(re.compile("Xác nhận số")).check()
    page.get_by_label(re.compile("^Địa điểm vi phạm")).fill("Cổng chợ Võ Thị Sáu")
    shots(page, "phuong-ghi-nhan-trung-so")
    page.get_by_role("button", name="Lưu hồ sơ").click()
    assert f"đã thêm lần phát hiện vào hồ sơ {case.number}" in _message(page)
    page.goto(page.base + f"/ho-so/{case.number}/")
    assert page.locator("#case-state").inner_text() == "Chờ xác nhận"
    assert "Cổng chợ Võ Thị Sáu" in page.content()
    assert "Quá trình xử lý" not in page.content()

    assert Case.objects.count() == 1
    case.refresh_from_db()
    assert case.state == State.AWAITING_CONFIRMATION
    assert case.sightings.filter(reporting_unit=cast.ward_q3.unit).count() == 1
    assert case.events.filter(action="add_sighting", unit=cast.ward_q3.unit).count() == 1


def test_a_returned_case_is_fixed_and_resent(page, cast, make_case, shots, tmp_path):
    case = advance(make_case(cast.ward), State.RETURNED_TO_REPORTER)
    login(page, "phuong.bennghe")
    page.locator("#reminders").get_by_role(
        "link", name=re.compile("Hồ sơ bị trả về bổ sung")
    ).click()
    row = page.locator(f"tr[data-case='{case.number}']")
    assert "Ảnh chụp chưa rõ số thuê bao" in row.inner_text()
    shots(page, "phuong-tra-ve")
    row.get_by_role("link", name="Bổ sung").click()
    assert "Ảnh chụp chưa rõ số thuê bao" in page.locator("#return-note").inner_text()

    # Correct the place of the ward's own sighting.
    own = page.locator("section[id^=sighting-]").first
    own.get_by_label(re.compile("^Địa điểm vi phạm")).fill("Trụ điện số 12 Nguyễn Huệ")
    own.get_by_role("button", name="Lưu sửa đổi").click()
    assert "Đã lưu sửa đổi lần phát hiện" in _message(page)

    # Photograph the ad again: a new sighting with its photo joins the case.
    add = page.locator("form[action$='/them/']")
    add.locator("input[name=photos]").set_input_files(_photo(tmp_path))
    assert add.locator("[data-previews] img").count() == 1
    add.get_by_role("button", name="Thêm vào hồ sơ").click()
    assert "Đã thêm lần phát hiện và 1 hình ảnh" in _message(page)
    shots(page, "phuong-bo-sung")

    page.get_by_role("button", name="Gửi Phòng VHTT Quận 1", exact=True).click()
    assert f"Đã gửi 1 hồ sơ: {case.number}" in _message(page)
    assert page.get_by_role("heading", name="Hồ sơ bị trả về bổ sung").is_visible()

    case.refresh_from_db()
    assert case.state == State.AWAITING_CONFIRMATION
    assert case.sightings.first().place == "Trụ điện số 12 Nguyễn Huệ"
    assert Photo.objects.filter(sighting__case=case).count() == 2
    assert list(case.events.values_list("action", flat=True)) == [
        "open",
        "submit",
        "return_to_reporter",
        "correct_sighting",
        "add_sighting",
        "submit",
    ]


def test_drafts_list_cancel_with_a_reason_and_search(page, cast, make_case, shots):
    keep = make_case(cast.ward, phone="0912 345 678")
    drop = make_case(cast.ward, phone="0987 654 321")
    login(page, "phuong.bennghe")
    page.goto(page.base + "/phat-hien/dang-lap/")
    assert page.locator("tr[data-case]").count() == 2
    shots(page, "phuong-dang-lap")
    page.locator(f"tr[data-case='{drop.number}']").get_by_role("button", name="Hủy hồ sơ").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Lý do hủy").fill("Ghi nhầm số thuê bao.")
    dialog.get_by_role("button", name="Hủy hồ sơ").click()
    assert f"Đã hủy 1 hồ sơ: {drop.number}" in _message(page)
    assert page.locator("tr[data-case]").count() == 1

    assert Case.objects.get(pk=drop.pk).state == State.CANCELLED
    assert Case.objects.get(pk=keep.pk).state == State.DRAFT
    assert Case.objects.get(pk=drop.pk).events.get(action="cancel").note == "Ghi nhầm số thuê bao."

    page.locator(".navbar .dropdown-toggle", has_text=cast.ward.unit.short_name).click()
    page.locator(".dropdown-menu.show").get_by_role("link", name="Tra cứu hồ sơ").click()
    assert page.locator("#results").inner_text().count("HS-") == 2
    shots(page, "phuong-tra-cuu")


def test_the_capture_form_on_a_phone_without_ocr_still_saves(
    phone_page, cast, shots, tmp_path, monkeypatch
):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    page = phone_page
    login(page, "phuong.bennghe")
    page.goto(page.base + "/phat-hien/")
    assert "chưa cài phần mềm nhận dạng chữ" in page.locator("#ocr-off").inner_text()
    page.locator("#capture-form input[name=photos]").set_input_files(_photo(tmp_path))
    page.get_by_label("Số thuê bao", exact=True).fill("0912.345.678")
    page.get_by_label(re.compile("^Địa điểm vi phạm")).fill("Hẻm 12 Lý Tự Trọng")
    page.get_by_role("button", name="+ Thêm số thuê bao khác").click()
    page.locator("#phone-rows [data-phone-row]").nth(1).locator("input[type=text]").fill(
        "0987-654-321"
    )
    page.get_by_role("button", name="Lưu hồ sơ").click()
    assert "Đã lập hồ sơ" in _message(page)
    assert sorted(Case.objects.values_list("phone_e164", flat=True)) == [
        "+84912345678",
        "+84987654321",
    ]
    assert Photo.objects.count() == 2
