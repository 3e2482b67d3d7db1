"""Thống kê: every figure equals the count of the list it links to, on a fixture whose
answer is known; the scope follows the access layer; the query count is bounded."""

import datetime
from dataclasses import fields

import pytest
from django.utils import timezone

from raovat.cases.selectors.search import case_search, count_capped
from raovat.cases.selectors.statistics import Filters, Period, statistics_for
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR = Period.year(TODAY.year)


@pytest.fixture
def known(cast, make_case):
    """Six cases of Quận 1 (five of Bến Nghé, one of Bến Thành) and one of Quận 3."""
    q1 = [
        advance(make_case(cast.ward, phone="0912 000 001"), State.CLOSED),  # via culture
        advance(make_case(cast.ward, phone="0912 000 002"), State.SUSPENDED),
        advance(make_case(cast.ward, phone="0912 000 003"), State.DECIDED),
        advance(make_case(cast.ward, phone="0912 000 004"), State.RETURNED_TO_REPORTER),
        advance(make_case(cast.ward, phone="0912 000 005"), State.CANCELLED),
        advance(make_case(cast.ward_b, phone="0988 000 006"), State.AT_TELECOM),
    ]
    perform("record_payment", [q1[2]])
    q3 = advance(make_case(cast.ward_q3, phone="0912 000 007"), State.TO_CONTACT)
    # A draft: not yet received by anyone.
    make_case(cast.ward, phone="0912 000 008")
    return q1, q3


def drill(user, figure) -> int:
    return count_capped(case_search(user=user, criteria=figure.criteria))[0]


def every_figure(stats):
    yield from stats.figures
    yield from stats.repeats
    for row in (*stats.by_reporting_unit, *stats.by_handling_unit):
        yield from row.figures
    for row in stats.by_carrier:
        yield from (row.received, row.identified, row.suspended)
    for row in stats.steps:
        yield row.ended
    for row in stats.places:
        yield row.cases


def test_the_district_figures_are_known_and_equal_their_lists(cast, known):
    stats = statistics_for(user=cast.district, period=YEAR)
    counts = {f.key: f.count for f in stats.figures if f.amount is None}
    assert counts == {
        "tiep-nhan": 6,
        "xac-nhan": 4,
        "tra-ve": 1,
        "chuyen-vien-thong": 4,
        "vien-thong-tra-ve": 0,
        "xac-dinh": 3,
        "lien-he": 3,
        "bien-ban": 2,
        "quyet-dinh": 1,
        "nop-phat": 1,
        "yeu-cau-ngung": 1,
        "ngung": 1,
        "khoi-phuc": 0,
        "chuyen-van-hoa": 1,
        "ket-thuc": 2,
        "huy": 1,
    }
    assert (stats.money("quyet-dinh").amount, stats.money("nop-phat").amount) == (
        1_500_000,
        1_500_000,
    )
    money = {f.label: (f.count, f.amount) for f in stats.figures if f.amount is not None}
    assert money == {
        "Tiền phạt theo quyết định": (1, 1_500_000),
        "Tiền phạt đã nộp": (1, 1_500_000),
    }
    checked = 0
    for figure in every_figure(stats):
        assert drill(cast.district, figure) == figure.count, figure
        checked += 1
    assert checked > 60


def test_per_unit_and_per_carrier_rows(cast, known):
    stats = statistics_for(user=cast.district, period=YEAR)
    wards = {row.name: row.figure("tiep-nhan").count for row in stats.by_reporting_unit}
    assert wards == {cast.ward.unit.name: 5, cast.ward_b.unit.name: 1}
    assert [(r.name, r.figure("tiep-nhan").count) for r in stats.by_handling_unit] == [
        (cast.district.unit.name, 6)
    ]
    carriers = {r.carrier: (r.received.count, round(r.share, 2)) for r in stats.by_carrier}
    assert carriers == {"vinaphone": (5, 0.83), "viettel": (1, 0.17)}
    vina = next(r for r in stats.by_carrier if r.carrier == "vinaphone")
    assert vina.to_identify.measured == 3 and vina.to_identify.median == 0
    assert vina.to_suspend.measured == 1


def test_the_filters_narrow_every_figure_and_its_list(cast, known):
    ward_b = cast.ward_b.unit
    stats = statistics_for(user=cast.district, period=YEAR, filters=Filters(unit=ward_b))
    assert stats.figure("tiep-nhan").count == 1
    stats = statistics_for(user=cast.district, period=YEAR, filters=Filters(carrier="viettel"))
    assert stats.figure("tiep-nhan").count == 1
    for figure in every_figure(stats):
        assert drill(cast.district, figure) == figure.count, figure
    stats = statistics_for(user=cast.district, period=YEAR, filters=Filters(ad_type="banner"))
    assert stats.figure("tiep-nhan").count == 0


def test_a_period_without_events_counts_nothing(cast, known):
    last_year = Period.year(TODAY.year - 1)
    stats = statistics_for(user=cast.district, period=last_year)
    assert all(f.count == 0 for f in stats.figures)


def test_another_district_does_not_see_these_figures(cast, known):
    stats = statistics_for(user=cast.other_district, period=YEAR)
    assert stats.figure("tiep-nhan").count == 1
    assert [r.name for r in stats.by_reporting_unit] == [cast.ward_q3.unit.name]


def test_a_ward_sees_its_own_cases_only(cast, known):
    stats = statistics_for(user=cast.ward_b, period=YEAR)
    assert stats.figure("tiep-nhan").count == 1
    for figure in every_figure(stats):
        assert drill(cast.ward_b, figure) == figure.count, figure


def test_the_telecom_authority_sees_the_cases_that_reached_it(cast, known):
    stats = statistics_for(user=cast.telecom, period=YEAR)
    assert stats.figure("chuyen-vien-thong").count == 5
    assert {r.name for r in stats.by_handling_unit} == {
        cast.district.unit.name,
        cast.other_district.unit.name,
    }
    for figure in every_figure(stats):
        assert drill(cast.telecom, figure) == figure.count, figure


def test_a_leader_sees_the_sum_of_the_districts(cast, known):
    one = statistics_for(user=cast.district, period=YEAR).figure("tiep-nhan").count
    three = statistics_for(user=cast.other_district, period=YEAR).figure("tiep-nhan").count
    leader = cast.ward_q3
    assert statistics_for(user=leader, period=YEAR).figure("tiep-nhan").count == 1
    leader.leader = True
    leader.save(update_fields=["leader"])
    stats = statistics_for(user=leader, period=YEAR)
    assert stats.figure("tiep-nhan").count == one + three == 7
    for figure in every_figure(stats):
        assert drill(leader, figure) == figure.count, figure


def test_periods_are_calendar_days_in_vietnam():
    q = Period.quarter(2026, 4)
    assert (q.start, q.end, q.label) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
        "Quý IV năm 2026",
    )
    assert Period.month(2024, 2).end == datetime.date(2024, 2, 29)
    assert [f.name for f in fields(Filters)] == ["unit", "ad_type", "carrier"]


def test_the_query_count_does_not_grow_with_the_cases(
    cast, make_case, django_assert_max_num_queries
):
    advance(make_case(cast.ward, phone="0912 000 101"), State.CLOSED)
    with django_assert_max_num_queries(40) as few:
        statistics_for(user=cast.district, period=YEAR)
    for i in range(4):
        advance(make_case(cast.ward_b, phone=f"0988 000 11{i}"), State.SUSPENDED)
    with django_assert_max_num_queries(len(few)):
        statistics_for(user=cast.district, period=YEAR)


# -- the screen ------------------------------------------------------------------------


def _page(client, user, query=""):
    client.force_login(user)
    response = client.get(f"/thong-ke/?{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_every_role_has_the_screen_in_its_menu(client, cast):
    for user in (cast.ward, cast.district, cast.telecom, cast.culture):
        page = _page(client, user)
        assert 'href="/thong-ke/"' in page and "Thống kê – Năm" in page


def test_a_figure_links_to_the_list_of_its_cases(client, cast, known):
    import re

    page = _page(client, cast.district, f"ky=nam&nam={TODAY.year}")
    link = re.search(r'data-figure="tiep-nhan">.*?href="([^"]+)"', page, re.S).group(1)
    listing = client.get(link.replace("&amp;", "&")).content.decode()
    assert "6 hồ sơ" in listing and 'id="statistics-filter"' in listing
    assert "Hồ sơ tiếp nhận" in listing


def test_each_table_exports_to_excel(client, cast, known):
    import io

    from openpyxl import load_workbook

    client.force_login(cast.district)
    response = client.get(f"/thong-ke/xuat-excel/?ky=nam&nam={TODAY.year}")
    assert response.status_code == 200
    book = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    summary = book["Tổng hợp"]
    rows = {r[0]: r[1] for r in summary.iter_rows(min_row=2, values_only=True)}
    assert rows["Hồ sơ tiếp nhận"] == 6
    one = client.get(f"/thong-ke/xuat-excel/?ky=nam&nam={TODAY.year}&bang=nha-mang")
    assert load_workbook(io.BytesIO(one.content)).sheetnames == ["Theo nhà mạng", "Phạm vi"]
    assert client.get("/thong-ke/xuat-excel/?bang=khong-co").status_code == 404


def test_bad_filters_say_why_and_do_not_fail(client, cast, known):
    page = _page(client, cast.district, "ky=khac&tu_ngay=31/12/2026&den_ngay=01/01/2026")
    assert "“Đến ngày” phải sau hoặc bằng “Từ ngày”." in page
    page = _page(client, cast.district, "ky=khac&tu_ngay=hôm-qua")
    assert "Hãy nhập cả" in page or "Nhập một ngày hợp lệ" in page
    page = _page(client, cast.district, f"don_vi={cast.ward_q3.unit.pk}")
    assert "Không có đơn vị" in page


def test_the_page_costs_the_same_queries_for_more_cases(client, cast, make_case):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    advance(make_case(cast.ward, phone="0912 000 201"), State.CLOSED)
    _page(client, cast.district)
    with CaptureQueriesContext(connection) as one:
        _page(client, cast.district)
    for i in range(3):
        advance(make_case(cast.ward_b, phone=f"0988 000 21{i}"), State.DECIDED)
    with CaptureQueriesContext(connection) as many:
        _page(client, cast.district)
    assert len(many) == len(one)
