"""Thống kê through the API: the screen's figures for the unit's scope, each linking to
the API's search of exactly the cases it counts; another district sees none of them."""

import pytest
from django.utils import timezone

from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform
from tests.api.helpers import api, token_for

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


@pytest.fixture
def known(cast, make_case):
    """Four cases of Quận 1 (three of Bến Nghé, one of Bến Thành), one of Quận 3."""
    q1 = [
        advance(make_case(cast.ward, phone="0912 000 001"), State.CLOSED),
        advance(make_case(cast.ward, phone="0912 000 002"), State.SUSPENDED),
        advance(make_case(cast.ward, phone="0912 000 003"), State.DECIDED),
        advance(make_case(cast.ward_b, phone="0988 000 006"), State.AT_TELECOM),
    ]
    perform("record_payment", [q1[2]])
    q3 = advance(make_case(cast.ward_q3, phone="0912 000 007"), State.TO_CONTACT)
    return q1, q3


def every_figure(body):
    yield from body["figures"]
    yield from body["repeats"]
    for row in (*body["by_reporting_unit"], *body["by_handling_unit"]):
        yield from row["figures"]
    for row in body["by_carrier"]:
        yield from (row["received"], row["identified"], row["suspended"])
    for row in body["steps"]:
        yield row["ended"]
    for row in body["places"]:
        yield row["cases"]


def listed(c, url) -> list[str]:
    """Every case number of the search at `url`, page after page."""
    numbers, after = [], ""
    while True:
        body = c.get(url + (f"&sau={after}" if after else "")).json()
        numbers += [r["number"] for r in body["results"]]
        after = body["next"]
        if not after:
            return numbers


def test_each_figure_counts_the_cases_its_link_lists(cast, known):
    q1, q3 = known
    _, token = token_for(cast.district.unit)
    c = api(token)
    r = c.get("/api/v1/statistics/", {"ky": "nam", "nam": YEAR})
    assert r.status_code == 200, r.json()
    body = r.json()
    assert body["period"]["label"] == f"Năm {YEAR}"
    received = next(f for f in body["figures"] if f["key"] == "tiep-nhan")
    assert received["count"] == 4
    assert set(listed(c, received["cases_url"])) == {case.number for case in q1}
    checked = 0
    for figure in every_figure(body):
        numbers = listed(c, figure["cases_url"])
        assert len(numbers) == figure["count"], figure
        assert q3.number not in numbers
        checked += 1
    assert checked > 40


def test_the_filters_are_the_screens(cast, known):
    _, token = token_for(cast.district.unit)
    c = api(token)
    ward_b = c.get("/api/v1/statistics/", {"don_vi": cast.ward_b.unit_id}).json()
    assert ward_b["unit"]["name"] == cast.ward_b.unit.name
    assert next(f for f in ward_b["figures"] if f["key"] == "tiep-nhan")["count"] == 1
    viettel = c.get("/api/v1/statistics/", {"nha_mang": "viettel"}).json()
    figure = next(f for f in viettel["figures"] if f["key"] == "tiep-nhan")
    assert figure["count"] == 1 and len(listed(c, figure["cases_url"])) == 1
    last_year = c.get("/api/v1/statistics/", {"ky": "nam", "nam": YEAR - 1}).json()
    assert all(f["count"] == 0 for f in last_year["figures"])


def test_another_district_sees_only_its_own(cast, known):
    _, q3 = known
    _, token = token_for(cast.other_district.unit, name="Quận 3")
    c = api(token)
    body = c.get("/api/v1/statistics/").json()
    assert next(f for f in body["figures"] if f["key"] == "tiep-nhan")["count"] == 1
    assert [r["name"] for r in body["by_reporting_unit"]] == [cast.ward_q3.unit.name]
    seen = set()
    for figure in every_figure(body):
        seen |= set(listed(c, figure["cases_url"]))
    assert seen == {q3.number}
    # Another district's ward is no filter of this scope: the screen's message, as a 400.
    r = c.get("/api/v1/statistics/", {"don_vi": cast.ward.unit_id})
    assert r.status_code == 400 and "don_vi" in r.json()["errors"]


def test_bad_filters_are_a_400_per_field(cast):
    _, token = token_for(cast.district.unit)
    r = api(token).get(
        "/api/v1/statistics/", {"ky": "khac", "tu_ngay": "2026-12-31", "den_ngay": "2026-01-01"}
    )
    assert r.status_code == 400 and r["Content-Type"] == "application/problem+json"
    assert "“Đến ngày” phải sau hoặc bằng “Từ ngày”." in r.json()["errors"]["non_field_errors"]
    r = api(token).get("/api/v1/statistics/", {"nam": "hai nghìn"})
    assert r.status_code == 400 and "nam" in r.json()["errors"]


@pytest.mark.parametrize(
    "path, query",
    [
        ("/api/v1/statistics/", {"ky": "khac", "tu_ngay": "0001-01-01", "den_ngay": "0001-01-02"}),
        ("/api/v1/statistics/", {"ky": "khac", "tu_ngay": "9999-12-30", "den_ngay": "9999-12-31"}),
        (
            "/api/v1/cases/",
            {"event": "tiep-nhan", "event_from": "0001-01-01", "event_to": "9999-12-31"},
        ),
    ],
)
def test_days_no_event_has_count_nothing_and_fail_nothing(cast, path, query):
    _, token = token_for(cast.district.unit)
    r = api(token).get(path, query)
    assert r.status_code == 200
    counts = [f["count"] for f in r.json()["figures"]] if "figures" in r.json() else []
    assert not any(counts)


def test_the_statistics_cost_the_same_queries_for_more_cases(cast, make_case):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    advance(make_case(cast.ward, phone="0912 000 201"), State.CLOSED)
    _, token = token_for(cast.district.unit)
    c = api(token)
    c.get("/api/v1/statistics/")  # the first call of a client notes its use
    with CaptureQueriesContext(connection) as one:
        assert c.get("/api/v1/statistics/").status_code == 200
    for i in range(3):
        advance(make_case(cast.ward_b, phone=f"0988 000 21{i}"), State.DECIDED)
    with CaptureQueriesContext(connection) as many:
        assert c.get("/api/v1/statistics/").status_code == 200
    assert len(many) == len(one)
