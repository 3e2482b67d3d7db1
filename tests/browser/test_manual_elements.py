"""Every numbered element of every table in the District manual is on its page."""

import pytest

from raovat.cases.services.contacts import invitation_create
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Section -> (state of the case, how to reach the page, the manual's element numbers).
TABLES = {
    "2": (State.CONFIRMED, "/xu-ly/chuyen-so/", "Chuyển Sở TTTT", range(1, 7)),
    "3": (State.TO_CONTACT, "/xu-ly/lien-he/", "Liên hệ", range(1, 10)),
    "4": (State.AWAITING_SUBSCRIBER, "/xu-ly/xu-ly-vi-pham/", "Xử lý vi phạm", range(1, 8)),
    "6": (State.RETURNED_BY_TELECOM, "/xu-ly/tra-ve-tu-so/", "Chuyển lại", range(1, 6)),
}


@pytest.mark.parametrize("section", sorted(TABLES))
def test_every_numbered_element_is_on_its_page(page, cast, make_case, section):
    state, url, button, numbers = TABLES[section]
    case = advance(make_case(cast.ward), state)
    if section == "3":  # element 4 stores the signed copy of an existing letter
        invitation_create(
            actor=cast.district,
            case=case,
            meeting_at=case.state_since,
            meeting_place="28 Lê Thánh Tôn",
        )
    login(page, "vhtt.quan1")
    page.goto(page.base + url)
    row = page.locator(f"tr[data-case='{case.number}']")
    row.get_by_role("link", name=button).or_(row.get_by_role("button", name=button)).click()
    if section == "4":  # element 1, the choice, comes first and makes the slip
        assert page.locator("[data-manual='4.1']").is_visible()
        page.get_by_label("Yêu cầu Sở TTTT ngưng cung cấp dịch vụ").check()
        page.get_by_role("button", name="Lập phiếu chuyển").click()
    page.wait_for_load_state("networkidle")
    for n in numbers:
        element = page.locator(f"[data-manual='{section}.{n}']").first
        assert element.count() == 1, f"§{section} element {n} is missing"
        assert element.is_visible(), f"§{section} element {n} is hidden"
