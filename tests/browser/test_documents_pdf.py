"""A big slip's PDF: the officer waits on a progress bar, not on the request."""

from pathlib import Path

import pytest

from raovat.documents import services
from raovat.jobs.worker import run_pending
from tests.browser.conftest import login
from tests.documents_helpers import slip_of_cases

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_download_appears_when_the_worker_has_rendered_the_pdf(page, cast):
    dispatch, _ = slip_of_cases(actor=cast.district, wards=[cast.ward.unit],
                                count=services.INLINE_PDF_ROWS + 5)
    login(page, "vhtt.quan1")
    page.goto(page.base + f"/in/phieu-chuyen/{dispatch.pk}/?dinh-dang=pdf")
    assert page.get_by_role("heading", name="Đang tạo tệp PDF…").is_visible()
    download_link = page.get_by_role("link", name="Tải PDF")
    assert not download_link.is_visible()

    assert run_pending() == 1  # the worker, as `manage.py jobs_worker` runs it

    download_link.wait_for(state="visible")
    with page.expect_download() as download:
        download_link.click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
