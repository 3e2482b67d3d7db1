"""The ward box of the search at the size of TP. Hồ Chí Minh (168 wards): type, pick, find."""

import pytest

from raovat.cases.workflow import State
from raovat.demo.chains import DEMO_PASSWORD
from raovat.demo.scenario import advance
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_department_types_a_ward_and_finds_its_cases(page, two_level, make_case, shots):
    saigon = make_case(two_level.user("phuong.saigon"), "0912 345 678")
    banco = make_case(two_level.user("phuong.banco"), "0987 654 321")
    for case in (saigon, banco):
        advance(case, State.AT_TELECOM)
    login(page, "sokhcn", DEMO_PASSWORD)
    page.goto(page.base + "/tra-cuu/")
    box = page.get_by_label("Đơn vị phát hiện")
    box.fill("Phường Sài Gòn")
    shots(page, "tra-cuu-don-vi-1366")
    page.get_by_role("button", name="Tra cứu").click()
    results = page.locator("#results").inner_text()
    assert "0912 345 678" in results and "0987 654 321" not in results
    assert page.get_by_label("Đơn vị phát hiện").input_value() == "Phường Sài Gòn"
    page.set_viewport_size({"width": 390, "height": 844})
    shots(page, "tra-cuu-don-vi-390")


def test_the_administrator_finds_the_new_handling_unit_by_typing(page, two_level, shots):
    login(page, "admin", DEMO_PASSWORD)
    page.goto(page.base + "/quan-tri/units/unit/?q=26740")
    page.get_by_role(
        "checkbox",
        exact=True,
        name="Chọn mục này để thực hiện thao tác – Ủy ban nhân dân Phường Sài Gòn",
    ).check()
    page.locator('select[name="action"]').select_option("chain_move")
    page.locator('button[name="index"]').click()
    page.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill("Bàn Cờ")
    page.get_by_role("option", name="Phòng Văn hóa – Xã hội Phường Bàn Cờ").click()
    page.get_by_label("Ghi chú (căn cứ, lý do chuyển)").fill("Nghị quyết sắp xếp đơn vị.")
    shots(page, "chuyen-don-vi-xu-ly")
    page.get_by_role("button", name="Xác nhận chuyển").click()
    done = page.locator(".messagelist .success")
    done.wait_for()
    assert (
        "Đã chuyển 1 đơn vị phát hiện và 0 hồ sơ đang mở sang Phòng Văn hóa – Xã hội "
        "Phường Bàn Cờ" in done.inner_text()
    )
    ward = two_level.units["ward_saigon"]
    ward.refresh_from_db()
    assert ward.handling_unit_id == two_level.units["vhxh_banco"].pk
