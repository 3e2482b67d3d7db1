"""Sở VHTT-DL's desk clicked through in Chromium; state and history checked afterwards."""

import re

import pytest
from playwright.sync_api import expect

from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_culture_officer_records_the_outcome_and_closes_the_case(page, cast, make_case, shots):
    case = advance(make_case(cast.ward), State.AT_CULTURE)
    other = advance(make_case(cast.ward_b, phone="0983 123 456"), State.AT_CULTURE)
    dispatch = case.dispatches.get(kind="culture")
    login(page, "sovhttdl")
    page.locator("#reminders").get_by_role(
        "link", name=re.compile("Hồ sơ chuyển đến để xử lý")
    ).click()
    row = page.locator(f"tr[data-case='{case.number}']")
    assert f"Số {dispatch.number_label}" in row.inner_text()
    assert (
        row.get_by_role("link", name="In phiếu").get_attribute("href")
        == f"/in/phieu-chuyen/{dispatch.pk}/"
    )
    assert page.locator("#cases tbody tr").count() == 2
    shots(page, "so-vhtt-dl-1-ho-so-den")

    row.get_by_role("link", name="Ghi kết quả xử lý").click()
    expect(page.get_by_role("link", name="Chi tiết hồ sơ")).to_be_visible()
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Kết thúc hồ sơ").click()  # nothing filled in
    assert asked == [
        f"Kết thúc hồ sơ {case.number}? Sau khi kết thúc, hồ sơ không thể sửa hoặc mở lại."
    ]
    assert page.get_by_text("Trường này là bắt buộc.").count() == 3
    case.refresh_from_db()
    assert case.state == State.AT_CULTURE

    page.goto(page.url)
    page.get_by_label("Số quyết định").fill("125/QĐ-XPHC")
    page.get_by_label("Ngày quyết định").fill("24/11/2026")
    page.get_by_label("Số tiền phạt").fill("")
    page.get_by_label("Số tiền phạt").press_sequentially("1500000")
    assert page.get_by_label("Số tiền phạt").input_value() == "1.500.000"
    page.get_by_label("Kết quả xử lý").fill(
        "Ban hành quyết định xử phạt vi phạm hành chính đối với chủ thuê bao."
    )
    shots(page, "so-vhtt-dl-2-ket-qua")
    page.get_by_role("button", name="Kết thúc hồ sơ").click()
    assert f"Đã kết thúc 1 hồ sơ: {case.number}" in page.locator(".alert").first.inner_text()
    assert page.locator("#cases tbody tr").count() == 1

    case.refresh_from_db()
    other.refresh_from_db()
    assert (case.state, other.state) == (State.CLOSED, State.AT_CULTURE)
    assert case.culture_outcome.amount == 1_500_000
    event = case.events.order_by("-id").first()
    assert (event.action, event.actor, event.from_state) == (
        "close",
        cast.culture,
        State.AT_CULTURE,
    )
