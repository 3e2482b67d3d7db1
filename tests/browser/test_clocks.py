"""The clocks as an officer sees them: the case page and the reminder panel, 1366 and 390 px."""

import pytest
from django.utils import timezone

from raovat.cases.calendar import working_day_add
from raovat.cases.models import Case
from raovat.cases.services.contacts import penalty_record_create
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from tests.browser.test_accessibility import axe_problems, signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1366, 390])
def test_an_overdue_case_shows_its_clocks_in_words(
    browser, live_server, cast, make_case, shots, width
):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    penalty_record_create(
        actor=cast.district,
        case=case,
        made_at=timezone.now(),
        place="Phòng VHTT Quận 1",
        legal_basis="Điểm a khoản 1 Điều 38",
        amount=0,
    )
    late = working_day_add(timezone.localdate(), -3)
    Case.objects.filter(pk=case.pk).update(due_on=late)
    context, page = signed_in(browser, live_server, cast.district, width=width)
    page.goto(page.base + f"/ho-so/{case.number}/")
    clocks = page.locator("#clocks")
    assert clocks.is_visible()
    row = clocks.locator("tr.rv-overdue")
    assert row.count() == 1
    assert row.locator(".badge").inner_text() == "Quá hạn"
    assert f"{late:%d/%m/%Y}" in row.inner_text()
    assert "Quá hạn 3 ngày làm việc" in row.inner_text()
    decision = clocks.locator('tr[data-clock="decision"]')
    assert "Hạn ra quyết định xử phạt" in decision.inner_text()
    assert axe_problems(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shots(page, f"clocks-case-{width}")

    page.goto(page.base + "/")
    panel = page.locator('#reminders [data-state="awaiting_subscriber"]')
    assert "Quá hạn 1 hồ sơ" in panel.inner_text().replace("\n", " ")
    shots(page, f"clocks-home-{width}")
    context.close()
