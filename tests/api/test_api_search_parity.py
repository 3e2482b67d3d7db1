"""The same search gives the same cases, in the same order, through the API and on the
screen "Tra cứu hồ sơ": for several sets of criteria and sorts, page after page."""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from tests.api.helpers import api, token_for
from tests.dates import days_ago

pytestmark = pytest.mark.django_db

ROW = re.compile(r'href="/ho-so/([^/"]+)/"')
NEXT = re.compile(r'href="\?[^"]*?sau=([^"&]+)"[^>]*>Trang sau')


def on_screen(client, query) -> list[str]:
    numbers, after = [], ""
    for _ in range(50):
        params = {**query, "tim": "1", **({"sau": after} if after else {})}
        page = client.get(f"/tra-cuu/?{urlencode(params)}").content.decode()
        numbers += list(dict.fromkeys(ROW.findall(page)))
        found = NEXT.search(page)
        if not found:
            return numbers
        after = found.group(1)
    raise AssertionError("the screen's pages do not end")


def through_api(c, query) -> list[str]:
    numbers, after = [], ""
    for _ in range(50):
        r = c.get("/api/v1/cases/", {**query, **({"sau": after} if after else {})})
        assert r.status_code == 200, r.json()
        body = r.json()
        numbers += [row["number"] for row in body["results"]]
        after = body["next"]
        if not after:
            return numbers
    raise AssertionError("the API's pages do not end")


@pytest.fixture
def many(cast, make_case):
    made = []
    for i in range(5):
        made.append(make_case(cast.ward, phone=f"0912 345 60{i}", found_on=days_ago(20 - i)))
    made.append(make_case(cast.ward_b, phone="0988 111 222", place="Chợ Bến Thành"))
    made.append(make_case(cast.ward_q3, phone="0912 345 699"))  # another district's
    advance(made[0], State.TO_CONTACT)
    advance(made[1], State.AT_TELECOM)
    advance(made[5], State.CONFIRMED)
    advance(made[2], State.AWAITING_CONFIRMATION)
    advance(made[3], State.RETURNED_TO_REPORTER)
    advance(made[4], State.AWAITING_CONFIRMATION)
    return made


def test_the_same_search_pages_through_the_same_cases(cast, many, client, monkeypatch):
    monkeypatch.setattr("raovat.cases.selectors.search.PAGE_SIZE", 2)
    _, token = token_for(cast.district.unit)
    c = api(token)
    client.force_login(cast.district)
    today = timezone.localdate()
    queries = [
        {},
        {"phone": "345 60"},
        {"reporting_unit": cast.ward.unit_id},
        {"state": State.AT_TELECOM},
        {"carrier": "viettel"},
        {"address": "Ben Thanh"},
        {"ad_text": "khoan cat"},
        {"subscriber_name": "nguyen van"},
        {"found_from": days_ago(18).isoformat(), "found_to": today.isoformat()},
        {"received_from": (today - datetime.timedelta(days=1)).isoformat()},
        {"sap_xep": "ngay-phat-hien", "chieu": "tang"},
        {"sap_xep": "cap-nhat"},
        {"sap_xep": "so-ho-so", "chieu": "tang", "phone": "0912"},
        {"event": "tiep-nhan", "event_from": today.isoformat(), "event_to": today.isoformat()},
    ]
    longest = 0
    for query in queries:
        screen = on_screen(client, query)
        assert through_api(c, query) == screen, query
        assert many[6].number not in screen
        longest = max(longest, len(screen))
    assert longest == 6  # three pages of two: the pages beyond the first were compared
