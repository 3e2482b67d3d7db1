"""Tra cứu hồ sơ, the case detail and the generic work list at any size: the right cases
for combined criteria, and a number of queries that does not grow with the rows."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from raovat.units.models import Role, Unit
from tests.conftest import assert_list_queries_constant
from tests.dates import FOUND_ON, dmy

pytestmark = pytest.mark.django_db

PHONES = [
    "0912 345 678",
    "0903 123 456",
    "0987 654 321",
    "0978 111 222",
    "0345 678 912",
    "0868 172 805",
    "0909 888 777",
]
VIETTEL = ["0987 654 321", "0978 111 222", "0345 678 912", "0868 172 805", "0961 234 567"]
ROW = '<td class="text-nowrap"><a href="/ho-so/'


def _found(html: str) -> set[str]:
    return set(re.findall(r'<td><a href="/ho-so/([^/]+)/">', html))


def test_a_ward_criterion_finds_what_the_ward_opened_and_what_it_sighted(client, cast, make_case):
    opened = advance(make_case(cast.ward_b, phone=PHONES[0]), State.AWAITING_CONFIRMATION)
    sighted = advance(make_case(cast.ward, phone=PHONES[1]), State.AWAITING_CONFIRMATION)
    make_case(cast.ward_b, phone=PHONES[1])  # Bến Thành finds the same number
    other = advance(make_case(cast.ward, phone=PHONES[2]), State.AWAITING_CONFIRMATION)
    client.force_login(cast.district)
    html = client.get(reverse("search"), {"reporting_unit": cast.ward_b.unit_id}).content
    assert _found(html.decode()) == {opened.number, sighted.number}
    html = client.get(reverse("search"), {"reporting_unit": cast.ward.unit_id}).content
    assert _found(html.decode()) == {sighted.number, other.number}


def test_combined_criteria_keep_only_the_cases_matching_every_one(client, cast, make_case):
    early = datetime.date(2026, 3, 2)
    late = datetime.date(2026, 10, 5)
    match = advance(
        make_case(cast.ward, phone=PHONES[0], found_on=early), State.AWAITING_CONFIRMATION
    )
    advance(
        make_case(cast.ward, phone=PHONES[1], found_on=late),  # outside the dates
        State.AWAITING_CONFIRMATION,
    )
    advance(
        make_case(cast.ward_b, phone=PHONES[2], found_on=early),  # another ward
        State.AWAITING_CONFIRMATION,
    )
    advance(make_case(cast.ward, phone=PHONES[3], found_on=early), State.CONFIRMED)
    client.force_login(cast.district)
    html = client.get(
        reverse("search"),
        {
            "state": State.AWAITING_CONFIRMATION,
            "found_from": "01/01/2026",
            "found_to": "30/06/2026",
            "reporting_unit": cast.ward.unit_id,
            "carrier": "vinaphone",
            "address": "le thanh ton",
        },
    ).content.decode()
    assert _found(html) == {match.number}
    assert "1 hồ sơ" in html


@pytest.mark.parametrize(
    ("params", "most"),
    [
        ({"phone": ""}, 9),
        (
            {
                "state": State.AWAITING_CONFIRMATION,
                "found_from": "01/01/2026",
                "found_to": "31/12/2026",
                "reporting_unit": "ward",
            },
            9,
        ),
        # A text criterion first looks how common the words are (two bounded reads).
        ({"found_from": "01/01/2026", "address": "le thanh ton", "carrier": "viettel"}, 11),
    ],
)
def test_a_search_page_costs_the_same_queries_for_one_row_or_many(
    client, cast, make_case, params, most, django_assert_max_num_queries
):
    params = {k: cast.ward.unit_id if v == "ward" else v for k, v in params.items()}
    url = reverse("search") + "?" + "&".join(f"{k}={v}" for k, v in params.items())
    client.force_login(cast.district)

    def add(index, phone):
        advance(make_case(cast.ward, phone=phone), State.AWAITING_CONFIRMATION)

    assert_list_queries_constant(client, url, VIETTEL, add, marker=ROW)
    with django_assert_max_num_queries(most):
        client.get(url)


def test_the_case_detail_costs_the_same_queries_with_a_long_history(
    client, cast, make_case, django_assert_max_num_queries
):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    url = reverse("case_detail", args=[case.number])
    client.force_login(cast.district)
    client.get(url)
    with CaptureQueriesContext(connection) as short:
        assert client.get(url).status_code == 200
    for _ in range(3):  # more sightings, each with photos: more rows on every tab
        make_case(cast.ward_b, phone="0912 345 678", photos=2)
    with CaptureQueriesContext(connection) as long:
        html = client.get(url).content.decode()
    assert html.count("Lần phát hiện") == 4
    assert len(long) == len(short)
    # The session, the user and the unit, the case with its units, subscriber and
    # outcome, the identity access log (3 with its savepoint), the menu's counts, the
    # sanction (3), and one query per kind of row: 21 (23 before, 27 with the deadlines).
    with django_assert_max_num_queries(21):
        client.get(url)


def test_the_generic_work_list_pages_by_cursor(client, cast, make_case, monkeypatch):
    monkeypatch.setattr("raovat.cases.selectors.search.PAGE_SIZE", 2)
    cases = [
        advance(make_case(cast.ward, phone=p), State.AWAITING_CONFIRMATION) for p in PHONES[:3]
    ]
    client.force_login(cast.district)
    url = reverse("worklist", args=[State.AWAITING_CONFIRMATION])
    first = client.get(url).content.decode()
    assert "3 hồ sơ" in first
    assert [c.number in first for c in cases] == [True, True, False]
    cursor = re.search(r'href="\?sau=([A-Za-z0-9_-]+)"', first).group(1)
    second = client.get(url, {"sau": cursor}).content.decode()
    assert [c.number in second for c in cases] == [False, False, True]
    assert "<td>3</td>" in second  # the row number goes on across pages


def test_the_telecom_ward_filter_offers_the_wards_of_its_province_only(client, cast, make_case):
    province = Unit.objects.create(
        name="Ủy ban nhân dân tỉnh Tây Ninh", short_name="UBND TN", code="UBNDTN", kind="Tỉnh"
    )
    tele = Unit.objects.create(
        name="Sở Khoa học và Công nghệ Tây Ninh",
        short_name="Sở TN",
        code="SKHCNTN",
        kind="Sở",
        role=Role.TELECOM,
        parent=province,
    )
    province.telecom_authority = tele
    province.save()
    office = Unit.objects.create(
        name="Phòng Văn hóa – Xã hội phường An Tịnh",
        short_name="Phòng VHXH An Tịnh",
        code="VHXHAT",
        kind="Phòng",
        role=Role.HANDLER,
        parent=province,
    )
    Unit.objects.create(
        name="Ủy ban nhân dân phường An Tịnh",
        short_name="Phường An Tịnh",
        code="UBNDAT",
        kind="Phường",
        role=Role.REPORTER,
        parent=province,
        handling_unit=office,
    )
    advance(make_case(cast.ward), State.SUSPENSION_REQUESTED)
    client.force_login(cast.telecom)
    html = client.get(reverse("telecom:suspension_list")).content.decode()
    assert "Phường Bến Nghé" in html and "Phường Võ Thị Sáu" in html
    assert "Phường An Tịnh" not in html


def test_a_result_row_reads_as_the_officer_expects(client, cast, make_case):
    waiting = advance(make_case(cast.ward, phone="0987 654 321"), State.AWAITING_CONFIRMATION)
    named = advance(make_case(cast.ward, phone="0912 345 678"), State.TO_CONTACT)
    client.force_login(cast.district)
    html = client.get(reverse("search")).content.decode()

    def row(case):
        start = html.index(f'<td><a href="/ho-so/{case.number}/">{case.number}</a></td>')
        return re.sub(r"\s+", " ", html[start : html.index("</tr>", start)])

    first = row(waiting)
    assert f'<a href="/ho-so/{waiting.number}/">0987 654 321</a>' in first
    assert "<td>Viettel</td>" in first and "<td>Phường Bến Nghé</td>" in first
    assert f"<td>{dmy(FOUND_ON)}</td>" in first
    received = timezone.localtime(waiting.received_at).strftime("%d/%m/%Y")
    assert f"<td>{received}</td>" in first
    since = timezone.localtime(waiting.state_since).strftime("%d/%m/%Y")
    assert f'<td>Chờ xác nhận<div class="small text-muted">từ {since}</div></td>' in first
    assert first.endswith("<td>—</td> ")  # no subscriber known yet
    # Once the telecom authority named the subscriber, the district reads the name masked.
    assert re.search(r"<td>[^<]*\w\. [^<]*</td> $", row(named))
