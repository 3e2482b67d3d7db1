"""§6 in Chromium: the District opens a case Sở TTTT returned by its number, completes it
and resends it, or sends it back to the ward, or cancels it."""

import re

import pytest
from playwright.sync_api import expect

from raovat.cases.models import Case
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open(page, case):
    login(page, "vhtt.quan1")
    page.goto(page.base + "/xu-ly/tra-ve-tu-so/")
    page.locator("#cases").get_by_role("link", name=case.number).click()
    # The click navigates: wait for the page it opens, as a person would.
    expect(
        page.get_by_role("heading", name=re.compile(f"Bổ sung hồ sơ {case.number}"))
    ).to_be_visible()


def test_the_district_corrects_the_number_and_resends(page, cast, make_case, shots):
    case = advance(make_case(cast.ward), State.RETURNED_BY_TELECOM)
    _open(page, case)
    reason = case.events.get(action="return_to_handler").note
    assert reason in page.get_by_role("note").inner_text()
    page.get_by_label("Số thuê bao đúng").fill("0903 123 456")
    page.get_by_role("button", name="Sửa số thuê bao").click()
    assert "Đã sửa số thuê bao" in page.locator(".alert-success").inner_text()
    assert "0903 123 456" in page.get_by_role("heading", level=1).inner_text()
    assert (
        "Số thuê bao: 0912 345 678 → 0903 123 456." in page.locator("#done-title + ul").inner_text()
    )
    shots(page, "6-bo-sung-ho-so")
    page.get_by_role("button", name="Chuyển lại Sở TTTT").click()
    expect(page.get_by_role("button", name="In phiếu chuyển xử lý")).to_be_visible()
    assert (
        page.locator(".breadcrumb").get_by_role("link", name="Hồ sơ trả về từ Sở TTTT").is_visible()
    )


def test_the_district_sends_the_case_back_to_the_ward(page, cast, make_case):
    case = advance(make_case(cast.ward), State.RETURNED_BY_TELECOM)
    _open(page, case)
    page.get_by_label("Lý do trả về Phường").fill("Đề nghị chụp lại số cho rõ.")
    page.get_by_role("button", name="Trả về Phường bổ sung").click()
    assert "Đã trả về bổ sung 1 hồ sơ" in page.locator(".alert-success").inner_text()
    assert Case.objects.get(pk=case.pk).state == State.RETURNED_TO_REPORTER


def test_cancelling_asks_first_and_a_refusal_changes_nothing(page, cast, make_case):
    case = advance(make_case(cast.ward), State.RETURNED_BY_TELECOM)
    _open(page, case)
    page.get_by_label("Lý do hủy").fill("Số thuê bao không tồn tại.")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Hủy hồ sơ").click()
    assert Case.objects.get(pk=case.pk).state == State.RETURNED_BY_TELECOM
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Hủy hồ sơ").click()
    page.wait_for_url(page.base + "/xu-ly/tra-ve-tu-so/")
    assert Case.objects.get(pk=case.pk).state == State.CANCELLED
