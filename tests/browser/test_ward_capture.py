"""The capture form's defects of the day's walk, clicked on a phone (390 × 844): nothing
ticked for the officer, the photo kept across an error, a number on a wall outside the
allocated ranges read, proposed and saved with a warning."""

import re

import pytest
from playwright.sync_api import expect

from demo_data.photos import ad_photo
from raovat.cases.models import Case, PendingPhoto
from raovat.cases.services.ocr import ocr_available
from tests.browser.conftest import login
from tests.browser.test_accessibility import axe_problems
from tests.browser.test_ward import _proposal, phone_page  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNALLOCATED = "0891.207.857"


def _photo(tmp_path):
    path = tmp_path / "anh-tuong.jpg"
    path.write_bytes(
        ad_photo(
            phone_display=UNALLOCATED, ad_text="Khoan cắt bê tông", ad_type="sticker", seed=1000
        )
    )
    return str(path)


def _no_sideways_scroll(page):
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390


@pytest.mark.skipif(not ocr_available(), reason="Tesseract is not installed")
def test_a_wall_number_is_read_kept_across_an_error_and_saved(
    phone_page,  # noqa: F811 (the fixture imported from test_ward)
    cast,
    shots,
    tmp_path,
):
    page = phone_page
    login(page, "phuong.bennghe")
    page.goto(page.base + "/phat-hien/")
    manual = page.locator("#phone-rows [data-phone-row]").first
    assert not manual.locator("input.rv-confirm").is_checked()

    page.locator("#capture-form input[name=photos]").set_input_files(_photo(tmp_path))
    # The request answers at once: the page says it is reading, and the worker has not run.
    page.locator("#ocr-waiting").wait_for()
    assert axe_problems(page) == []  # the waiting line and its spinner
    row, written = _proposal(page)
    assert "Không đọc được số thuê bao nào" not in page.locator("#ocr-result").inner_text()
    assert written == UNALLOCATED
    assert "chưa được cấp cho thuê bao nào" in row.inner_text()
    assert "vẫn có thể lưu" in row.inner_text()
    confirm = row.get_by_label(re.compile("Xác nhận số .* đúng với ảnh"))
    assert not confirm.is_checked()
    assert not manual.locator("input.rv-confirm").is_checked()

    # Saved before confirming: refused, and the photo is still there.
    page.get_by_label(re.compile("^Địa điểm vi phạm")).fill("Tường nhà số 12 Lý Tự Trọng")
    page.get_by_role("button", name="Lưu hồ sơ").click()
    assert "Chưa có số thuê bao nào được xác nhận:" in page.locator(".alert-danger").inner_text()
    assert "Đã giữ lại 1 hình ảnh" in page.locator(".alert-warning").first.inner_text()
    assert "Hãy chọn lại hình ảnh" not in page.content()
    kept = page.locator("[data-kept] img")
    assert kept.count() == 1
    # The kept photo is served again (not a broken image): wait for it to finish loading.
    # (expect polls without evaluating a string, which the page's CSP forbids)
    expect(kept).to_have_js_property("complete", True)
    assert page.evaluate("document.querySelector('[data-kept] img').naturalWidth") > 0
    assert PendingPhoto.objects.count() == 1
    _no_sideways_scroll(page)
    assert axe_problems(page) == []  # the warning, the kept photo and its button
    shots(page, "phuong-ghi-nhan-giu-anh")

    page.locator("[data-phone-row]", has=page.locator(f"input[value='{UNALLOCATED}']")).locator(
        "input.rv-confirm"
    ).check()
    page.get_by_role("button", name="Lưu hồ sơ").click()
    assert "Đã lập hồ sơ" in page.locator(".alert-success").first.inner_text()
    case = Case.objects.get()
    assert case.phone_e164 == "+84891207857"
    assert case.sightings.get().photos.count() == 1
    assert not PendingPhoto.objects.exists()


def test_a_wall_number_typed_by_hand_is_saved_with_a_warning(
    phone_page,  # noqa: F811 (the fixture imported from test_ward)
    cast,
    shots,
    tmp_path,
):
    page = phone_page
    login(page, "phuong.bennghe")
    page.goto(page.base + "/phat-hien/")
    page.locator("#capture-form input[name=photos]").set_input_files(_photo(tmp_path))
    number = page.get_by_label("Số thuê bao", exact=True)
    number.fill("0891 207 857")
    number.dispatch_event("change")
    warning = page.locator("#check-m1 .rv-unallocated")
    warning.wait_for()
    assert "chưa được cấp cho thuê bao nào" in warning.inner_text()
    assert page.locator("#confirm-m1").is_checked()  # typing it is the officer's reading
    page.get_by_label(re.compile("^Địa điểm vi phạm")).fill("Tường nhà số 12 Lý Tự Trọng")
    # An ad text over the limit: the field says so, the photo stays.
    page.get_by_label("Nội dung quảng cáo", exact=True).fill("x" * 2001)
    page.evaluate("document.querySelector('textarea[name=ad_text]').removeAttribute('maxlength')")
    page.get_by_label("Nội dung quảng cáo", exact=True).fill("x" * 2001)
    page.get_by_role("button", name="Lưu hồ sơ").click()
    assert "Tối đa 2000 ký tự (đang có 2001 ký tự)." in page.content()
    assert page.locator("[data-kept] img").count() == 1
    _no_sideways_scroll(page)
    page.get_by_label("Nội dung quảng cáo", exact=True).fill("Khoan cắt bê tông")
    page.get_by_role("button", name="Lưu hồ sơ").click()
    assert "Đã lập hồ sơ" in page.locator(".alert-success").first.inner_text()
    case = Case.objects.get()
    assert (case.phone_e164, case.sightings.get().photos.count()) == ("+84891207857", 1)
