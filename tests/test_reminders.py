"""The reminder panel: counts per action of the unit, overdue in red, links to lists."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from raovat.cases.clocks import due_dates_refresh
from raovat.cases.models import Case, StateDeadline
from raovat.cases.selectors.reminders import reminders_for
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from tests.conftest import assert_list_queries_constant

pytestmark = pytest.mark.django_db

PHONES = ["0912 345 678", "0903 123 456", "0987 654 321", "0978 111 222", "0345 678 912"]


def _counts(unit):
    return {r.state: (r.total, r.overdue) for r in reminders_for(unit=unit)}


def test_it_counts_what_waits_for_the_district(cast, make_case):
    for phone in PHONES[:3]:
        advance(make_case(cast.ward, phone=phone), State.AWAITING_CONFIRMATION)
    advance(make_case(cast.ward_b, phone=PHONES[3]), State.CONFIRMED)
    advance(make_case(cast.ward_q3, phone=PHONES[4]), State.AWAITING_CONFIRMATION)

    counts = _counts(cast.district.unit)

    assert counts[State.AWAITING_CONFIRMATION] == (3, 0)
    assert counts[State.CONFIRMED] == (1, 0)
    assert counts[State.TO_CONTACT] == (0, 0)
    assert _counts(cast.other_district.unit)[State.AWAITING_CONFIRMATION] == (1, 0)


def test_it_shows_cases_longer_than_allowed_as_overdue(cast, make_case):
    late, _fresh = (
        advance(make_case(cast.ward, phone=p), State.AWAITING_CONFIRMATION) for p in PHONES[:2]
    )
    StateDeadline.objects.filter(state=State.AWAITING_CONFIRMATION).update(days=3)
    # Ten calendar days are more than three working days, whatever the week.
    Case.objects.filter(pk=late.pk).update(state_since=timezone.now() - datetime.timedelta(days=10))
    due_dates_refresh()

    assert _counts(cast.district.unit)[State.AWAITING_CONFIRMATION] == (2, 1)


def test_each_role_has_its_own_reminders(cast, make_case):
    advance(make_case(cast.ward, phone=PHONES[0]), State.AT_TELECOM)
    advance(make_case(cast.ward, phone=PHONES[1]), State.AT_CULTURE)
    make_case(cast.ward, phone=PHONES[2])

    assert _counts(cast.telecom.unit) == {
        State.AT_TELECOM: (1, 0),
        State.SUSPENSION_REQUESTED: (0, 0),
        State.SUSPENDED: (0, 0),
    }
    assert _counts(cast.culture.unit) == {State.AT_CULTURE: (1, 0)}
    assert _counts(cast.ward.unit)[State.DRAFT] == (1, 0)


def test_the_counts_take_one_query(cast, make_case):
    for phone in PHONES:
        advance(make_case(cast.ward, phone=phone), State.AWAITING_CONFIRMATION)
    unit = cast.district.unit
    with CaptureQueriesContext(connection) as queries:
        reminders_for(unit=unit)
    counting = [q for q in queries.captured_queries if "cases_case" in q["sql"]]
    assert len(counting) == 1


def test_the_home_page_shows_the_panel_in_vietnamese_with_links(client, cast, make_case):
    advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    client.force_login(cast.district)
    page = client.get(reverse("home")).content.decode()
    assert "Nhắc việc" in page
    assert "Xác nhận vi phạm từ Phường" in page
    assert "Chuyển Sở TTTT cung cấp thông tin thuê bao" in page
    assert "Hồ sơ trả về từ Sở TTTT" in page
    assert reverse("handler:confirm_list") in page


def test_the_overdue_count_shows_in_red(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    Case.objects.filter(pk=case.pk).update(state_since=timezone.now() - datetime.timedelta(days=30))
    due_dates_refresh()
    client.force_login(cast.district)
    page = client.get(reverse("home")).content.decode()
    assert "rv-has-overdue" in page
    assert "Quá hạn</span> 1 hồ sơ" in page
    listing = client.get(reverse("handler:confirm_list"))
    assert "Quá hạn" in listing.content.decode()


def test_the_worklist_takes_the_same_number_of_queries_for_more_rows(client, cast, make_case):
    client.force_login(cast.district)
    url = reverse("worklist", args=[State.AWAITING_CONFIRMATION])
    assert_list_queries_constant(
        client,
        url,
        PHONES,
        lambda index, phone: advance(
            make_case(cast.ward_b if index else cast.ward, phone=phone), State.AWAITING_CONFIRMATION
        ),
        marker='href="/ho-so/',
    )
