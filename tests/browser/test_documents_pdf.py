"""A 750-row slip prints at once: the PDF opens in the browser, made in the request."""

import pytest

from tests.browser.conftest import login
from tests.documents_helpers import print_link_opens_pdf, slip_of_cases

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_printing_a_750_row_slip_opens_its_pdf_in_the_browser(page, cast):
    dispatch, cases = slip_of_cases(actor=cast.district, wards=[cast.ward.unit], count=750)
    login(page, "vhtt.quan1")
    page.goto(page.base + f"/xu-ly/phieu/{dispatch.pk}/")
    text = print_link_opens_pdf(page, "In phiếu chuyển")
    assert "750 hồ sơ" in text
    assert cases[0].number in text and cases[-1].number in text
