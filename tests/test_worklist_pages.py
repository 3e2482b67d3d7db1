"""Work lists in pages: keyset pages, filters, "all N matching" batches, query counts."""

import re
from urllib.parse import parse_qs, unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from raovat.cases.models import Case, Dispatch
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
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


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of two rows, so that a handful of cases spans several pages."""
    monkeypatch.setattr("raovat.cases.selectors.search.PAGE_SIZE", 2)


def _numbers(html: str) -> list[str]:
    return re.findall(r'data-case="([^"]+)"', html)


def _cursor(html: str, name: str) -> str:
    found = re.search(rf'class="page-link" href="\?[^"]*?\b{name}=([A-Za-z0-9_-]+)"', html)
    return found.group(1) if found else ""


def _waiting(cast, make_case, state, count, ward=None):
    return [advance(make_case(ward or cast.ward, phone=PHONES[i]), state) for i in range(count)]


def test_next_page_continues_after_the_last_row_even_when_the_list_changes(
    client, cast, make_case, small_pages
):
    cases = _waiting(cast, make_case, State.AWAITING_CONFIRMATION, 5)
    client.force_login(cast.district)
    url = reverse("handler:confirm_list")
    first = client.get(url).content.decode()
    assert _numbers(first) == [c.number for c in cases[:2]]
    assert "Trang 1" in first and "5 hồ sơ" in first
    # Meanwhile a colleague confirms the first case and a new one arrives.
    client.post(reverse("handler:confirm"), {"hs": [cases[0].pk]})
    newcomer = advance(make_case(cast.ward_b, phone=PHONES[5]), State.AWAITING_CONFIRMATION)
    second = client.get(f"{url}?sau={_cursor(first, 'sau')}").content.decode()
    assert _numbers(second) == [c.number for c in cases[2:4]]
    third = client.get(f"{url}?sau={_cursor(second, 'sau')}").content.decode()
    assert _numbers(third) == [cases[4].number, newcomer.number]
    assert not _cursor(third, "sau")
    back = client.get(f"{url}?truoc={_cursor(third, 'truoc')}").content.decode()
    assert _numbers(back) == [c.number for c in cases[2:4]]


def test_newest_first_keeps_its_place_when_new_cases_arrive(client, cast, make_case, small_pages):
    cases = _waiting(cast, make_case, State.AWAITING_CONFIRMATION, 4)
    client.force_login(cast.district)
    url = reverse("handler:confirm_list") + "?sap_xep=cap-nhat&chieu=giam"
    first = client.get(url).content.decode()
    assert _numbers(first) == [cases[3].number, cases[2].number]
    advance(make_case(cast.ward, phone=PHONES[6]), State.AWAITING_CONFIRMATION)
    second = client.get(f"{url}&sau={_cursor(first, 'sau')}").content.decode()
    assert _numbers(second) == [cases[1].number, cases[0].number]


def test_the_filter_keeps_the_cases_of_one_ward_and_counts_them(client, cast, make_case):
    ours = _waiting(cast, make_case, State.CONFIRMED, 2)
    theirs = advance(make_case(cast.ward_b, phone=PHONES[4]), State.CONFIRMED)
    client.force_login(cast.district)
    html = client.get(
        reverse("handler:send_list"), {"reporting_unit": cast.ward_b.unit_id}
    ).content.decode()
    assert _numbers(html) == [theirs.number]
    assert "Khớp bộ lọc: 1 hồ sơ" in html
    mobifone = client.get(reverse("handler:send_list"), {"carrier": "mobifone"})
    assert _numbers(mobifone.content.decode()) == [ours[1].number]  # 0903: MobiFone
    html = client.get(
        reverse("handler:send_list"), {"found_from": dmy(FOUND_ON), "found_to": dmy(FOUND_ON)}
    ).content.decode()
    assert set(_numbers(html)) == {c.number for c in [*ours, theirs]}


def test_a_filter_that_does_not_read_shows_the_whole_list_with_the_error(client, cast, make_case):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    client.force_login(cast.district)
    html = client.get(reverse("handler:send_list"), {"found_from": "31/02/2026"}).content.decode()
    assert _numbers(html) == [case.number]
    assert "text-danger" in html


def test_all_matching_confirms_every_case_of_the_filter_across_pages(
    client, cast, make_case, small_pages
):
    ours = _waiting(cast, make_case, State.AWAITING_CONFIRMATION, 3)
    theirs = [
        advance(make_case(cast.ward_b, phone=p), State.AWAITING_CONFIRMATION) for p in PHONES[3:5]
    ]
    client.force_login(cast.district)
    url = reverse("handler:confirm_list")
    html = client.get(url, {"reporting_unit": cast.ward.unit_id}).content.decode()
    assert "Xác nhận tất cả 3 hồ sơ khớp bộ lọc" in html
    response = client.post(
        reverse("handler:confirm"),
        {"tat_ca": "1", "reporting_unit": cast.ward.unit_id},
        follow=True,
    )
    assert "Đã xác nhận 3 hồ sơ" in response.content.decode()
    states = dict(Case.objects.values_list("pk", "state"))
    assert {states[c.pk] for c in ours} == {State.CONFIRMED}
    assert {states[c.pk] for c in theirs} == {State.AWAITING_CONFIRMATION}


def test_all_matching_beyond_the_maximum_changes_nothing(
    client, cast, make_case, settings, small_pages
):
    settings.DISPATCH_MAX_CASES = 2
    cases = _waiting(cast, make_case, State.CONFIRMED, 3)
    client.force_login(cast.district)
    html = client.get(reverse("handler:send_list")).content.decode()
    assert "tất cả 3 hồ sơ" not in html
    assert "lọc còn tối đa 2 hồ sơ" in html
    response = client.post(
        reverse("handler:dispatch_start", args=["send_to_telecom"]), {"tat_ca": "1"}, follow=True
    )
    text = response.content.decode()
    assert "tối đa 2 hồ sơ" in text and "Không hồ sơ nào thay đổi" in text
    assert not Dispatch.objects.exists()
    assert {c.state for c in Case.objects.filter(pk__in=[c.pk for c in cases])} == {State.CONFIRMED}


def test_all_matching_puts_every_case_of_the_filter_on_one_draft_dispatch(
    client, cast, make_case, small_pages
):
    cases = _waiting(cast, make_case, State.CONFIRMED, 3)
    client.force_login(cast.district)
    response = client.post(
        reverse("handler:dispatch_start", args=["send_to_telecom"]),
        {"tat_ca": "1", "found_to": dmy(FOUND_ON)},
    )
    dispatch = Dispatch.objects.get()
    assert response.url == reverse("handler:dispatch", args=[dispatch.pk])
    assert sorted(dispatch.items.values_list("case_id", flat=True)) == sorted(c.pk for c in cases)
    assert dispatch.sent_at is None


def test_a_batch_filter_that_does_not_read_changes_nothing(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AWAITING_CONFIRMATION)
    client.force_login(cast.district)
    response = client.post(
        reverse("handler:confirm"), {"tat_ca": "1", "found_from": "hôm qua"}, follow=True
    )
    assert "Bộ lọc không hợp lệ" in response.content.decode()
    assert Case.objects.get(pk=case.pk).state == State.AWAITING_CONFIRMATION


# Every list page: the same queries on page 1 and page 2, filtered or not -------------

LISTS = [
    ("district", "handler:confirm_list", State.AWAITING_CONFIRMATION),
    ("district", "handler:send_list", State.CONFIRMED),
    ("district", "handler:returned_list", State.RETURNED_BY_TELECOM),
    ("district", "handler:contact_list", State.TO_CONTACT),
    ("district", "handler:process_list", State.AWAITING_SUBSCRIBER),
    ("telecom", "telecom:dispatch_list", State.AT_TELECOM),
    ("telecom", "telecom:suspension_list", State.SUSPENSION_REQUESTED),
    ("telecom", "telecom:suspended_list", State.SUSPENDED),
    ("culture", "culture:case_list", State.AT_CULTURE),
    ("ward", "reporter:drafts", State.DRAFT),
    ("ward", "reporter:returned", State.RETURNED_TO_REPORTER),
]


@pytest.mark.parametrize(("who", "name", "state"), LISTS)
def test_every_page_of_every_list_costs_the_same_queries(
    client, cast, make_case, small_pages, who, name, state
):
    _waiting(cast, make_case, state, 3)
    client.force_login(getattr(cast, who))
    url = reverse(name)
    client.get(url)  # the names of the chain, kept by the process
    with CaptureQueriesContext(connection) as first:
        html = client.get(url).content.decode()
    cursor = _cursor(html, "sau")
    assert cursor, "three cases make two pages"
    with CaptureQueriesContext(connection) as second:
        assert client.get(f"{url}?sau={cursor}").status_code == 200
    with CaptureQueriesContext(connection) as filtered:
        assert (
            client.get(
                url, {"found_from": "01/11/2026", "carrier": "viettel", "sap_xep": "ngay-phat-hien"}
            ).status_code
            == 200
        )
    assert len(second) == len(first)
    assert len(filtered) <= len(first)


def test_a_dispatch_beyond_the_maximum_is_refused_by_the_service(cast, make_case, settings):
    from raovat.cases.services.dispatches import dispatch_create
    from raovat.cases.services.errors import WorkflowError

    settings.DISPATCH_MAX_CASES = 1
    cases = _waiting(cast, make_case, State.CONFIRMED, 2)
    with pytest.raises(WorkflowError, match="tối đa 1 hồ sơ; đã chọn 2 hồ sơ"):
        dispatch_create(actor=cast.district, action="send_to_telecom", cases=cases)
    assert not Dispatch.objects.exists()


def test_all_matching_on_xu_ly_vi_pham_offers_every_case_of_the_filter(
    client, cast, make_case, small_pages, settings
):
    cases = _waiting(cast, make_case, State.AWAITING_SUBSCRIBER, 3)
    client.force_login(cast.district)
    html = client.get(reverse("handler:process_list")).content.decode()
    assert "Xử lý tất cả 3 hồ sơ trong danh sách" in html
    page = client.post(reverse("handler:process_choose"), {"tat_ca": "1"}).content.decode()
    assert all(c.number in page for c in cases)
    settings.DISPATCH_MAX_CASES = 2
    before = Dispatch.objects.count()
    response = client.post(reverse("handler:process_choose"), {"tat_ca": "1"}, follow=True)
    assert "tối đa 2 hồ sơ" in response.content.decode()
    assert Dispatch.objects.count() == before


def test_a_row_links_back_to_the_list_as_filtered_with_nothing_of_the_address_raw(
    client, cast, make_case
):
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    client.force_login(cast.district)
    url = reverse("handler:process_list") + '?carrier=&x="><script>alert(1)</script>'
    page = client.get(url).content.decode()
    assert f'<tr data-case="{case.number}">' in page
    link = re.search(rf'<a href="([^"]+)">{re.escape(case.number)}</a>', page).group(1)
    assert "<script>alert(1)" not in page
    # The case's screen is told how to come back: to the list with its own filter.
    path, _, query = link.partition("?")
    assert path.endswith(f"/{case.number}/") and "&" not in query
    assert unquote(parse_qs(query)["next"][0]) == url


def test_the_reporters_drafts_show_the_big_box_and_the_day_and_place_for_phones(
    client, cast, make_case
):
    case = make_case(cast.ward, place="Cột điện số 7 <Hàm Nghi>")
    client.force_login(cast.ward)
    page = client.get(reverse("reporter:drafts")).content.decode()
    row = page[page.index(f'<tr data-case="{case.number}"') :]
    row = row[: row.index("</tr>")]
    assert 'class="form-check-input rv-row-check rv-big-check"' in row
    assert f'value="{case.pk}"' in row and f'aria-label="Chọn hồ sơ {case.number}"' in row
    assert f"{dmy(FOUND_ON)} – Cột điện số 7 &lt;Hàm Nghi&gt;" in row
    assert "Quá hạn" not in row
