"""A big search export, as the District officer sees it: a progress bar, then the file."""

import io
from pathlib import Path

import openpyxl
import pytest

from raovat.cases.services import search_export as exports
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from raovat.jobs.worker import run_pending
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_big_export_shows_its_progress_then_offers_the_file(
    page, cast, make_case, shots, monkeypatch
):
    monkeypatch.setattr(exports, "INLINE_ROWS", 1)  # two cases count as "big" here
    cases = [
        advance(make_case(cast.ward, phone=p), State.TO_CONTACT)
        for p in ("0912 345 678", "0903 123 456")
    ]
    login(page, "vhtt.quan1")
    page.get_by_role("link", name="Tra cứu hồ sơ").first.click()
    page.get_by_role("link", name="Xuất Excel").click()

    page.get_by_role("heading", name="Xuất Excel kết quả tra cứu").wait_for()
    assert "Đang chờ" in page.locator("#export-job").inner_text()
    shots(page, "xuat-excel-dang-tao")
    run_pending()  # the worker, here in the test's process
    download_link = page.get_by_role("link", name="Tải tệp")
    download_link.wait_for()  # the bar polled until the job was done
    assert "100%" in page.locator("#export-job").inner_text()
    shots(page, "xuat-excel-xong")
    page.set_viewport_size({"width": 390, "height": 844})
    shots(page, "xuat-excel-xong-390")

    with page.expect_download() as download:
        download_link.click()
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    assert sorted(r[1].value for r in sheet.iter_rows(min_row=2)) == sorted(c.number for c in cases)
