"""The contact page (manual §3) after a call and an SMS, at desk and phone widths."""

import pytest

from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1366, 390])
def test_a_call_then_an_sms_each_confirmed_and_the_tables_fit(
    browser, live_server, cast, make_case, shots, width
):
    case = advance(make_case(cast.ward), State.TO_CONTACT)
    context = browser.new_context(
        viewport={"width": width, "height": 844}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    )
    page = context.new_page()
    page.base = live_server.url
    login(page, "vhtt.quan1")
    page.goto(page.base + f"/xu-ly/lien-he/{case.number}/")
    page.get_by_label("Thời lượng (phút)").fill("2")
    page.get_by_role("button", name="Lưu cuộc gọi").click()
    assert page.locator("#rv-messages").inner_text().strip().startswith("Đã ghi nhận cuộc gọi.")
    assert "2 phút" in page.locator("#calls").inner_text()
    page.get_by_label("Nội dung tin nhắn gửi số").fill("Moi ong ba den Phong VHTT Quan 1.")
    page.get_by_role("button", name="Nhắn tin", exact=True).click()
    page.locator("#rv-messages", has_text="Đã đưa tin nhắn vào hàng chờ gửi.").wait_for()
    assert "Đã ghi nhận cuộc gọi." not in page.locator("#rv-messages").inner_text()
    table = page.locator(".rv-sms-list table")
    card = page.locator("section[data-manual='3.7']")
    assert table.bounding_box()["width"] <= card.bounding_box()["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    sender = page.locator(".rv-sms-list tbody td").last
    assert sender.is_visible() and sender.inner_text().strip() == cast.district.display_name
    shots(page, f"3-lien-he-{width}")
    context.close()
