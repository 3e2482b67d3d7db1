"""Choosing a file reads in Vietnamese even in a browser set to English."""

import pytest

from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def english_page(browser, live_server):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-US")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.base = live_server.url
    yield page
    context.close()


def test_the_file_control_speaks_vietnamese_and_still_takes_the_file(english_page, cast, tmp_path):
    page = english_page
    login(page, "sotttt")
    page.goto(page.base + "/vien-thong/nhap-excel/")
    control = page.locator(".rv-file")
    assert control.inner_text().split("\n") == ["Chọn tệp…", "Chưa chọn tệp nào"]

    # Sending without a file: the browser stops it, with our words, and nothing is read.
    page.get_by_role("button", name="Xem trước").click()
    field = page.get_by_label("Tệp Excel của nhà mạng (.xlsx)")
    assert field.evaluate("input => input.validationMessage") == "Vui lòng chọn tệp."
    assert page.url.endswith("/vien-thong/nhap-excel/")

    workbook = tmp_path / "tra-loi-viettel.xlsx"
    workbook.write_bytes(b"not really a workbook")
    field.set_input_files(str(workbook))
    assert control.locator(".rv-file-name").inner_text() == "tra-loi-viettel.xlsx"
    assert field.evaluate("input => input.validationMessage") == ""
    page.get_by_role("button", name="Xem trước").click()
    # The server got the file, by its name, and says what is wrong with it.
    page.get_by_text(
        "Tệp “tra-loi-viettel.xlsx” không phải tệp Excel (.xlsx) hoặc đã bị hỏng."
    ).wait_for()
    assert control.locator(".rv-file-name").inner_text() == "Chưa chọn tệp nào"
