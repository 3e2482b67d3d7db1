"""A district officer opens "Báo cáo" from the menu, picks a quarter, types the
difficulties, makes the report, sees its figures and downloads the PDF and the DOCX."""

import pytest
from django.utils import timezone

from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_officer_makes_and_downloads_a_report(page, cast, make_case, shots):
    advance(make_case(cast.ward, phone="0912 000 001"), State.CONFIRMED)
    advance(make_case(cast.ward_b, phone="0988 000 002"), State.RETURNED_TO_REPORTER)
    today = timezone.localdate()
    login(page, cast.district.username)
    page.get_by_role("link", name="Báo cáo", exact=True).click()
    page.get_by_label("Kỳ báo cáo").select_option("quarter")
    page.get_by_label("Năm").select_option(str(today.year))
    page.get_by_label("Quý").select_option(str((today.month - 1) // 3 + 1))
    page.get_by_label("Khó khăn, vướng mắc").fill("Nhiều số thuê bao không chính chủ.")
    shots(page, "bao-cao-lap")
    page.get_by_role("button", name="Lập báo cáo").click()
    page.wait_for_url("**/bao-cao/*/")
    totals = page.locator("#report-totals")
    assert "Hồ sơ tiếp nhận" in totals.inner_text()
    assert totals.locator("tr", has_text="Hồ sơ tiếp nhận").locator("td").last.inner_text() == "2"
    assert "Nhiều số thuê bao không chính chủ." in page.content()
    shots(page, "bao-cao-xem")
    for name, ending in (("Tải PDF", ".pdf"), ("Tải DOCX (để chỉnh sửa)", ".docx")):
        with page.expect_download() as download:
            page.get_by_role("link", name=name).click()
        assert download.value.suggested_filename == f"bao-cao-1-BC-VHTTQ1{ending}"
    page.reload()
    assert "Số văn bản: 1/BC-VHTTQ1" in page.locator("body").inner_text()
    page.set_viewport_size({"width": 390, "height": 844})
    shots(page, "bao-cao-xem-dien-thoai")
    page.goto(page.base + "/bao-cao/")
    shots(page, "bao-cao-dien-thoai")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
