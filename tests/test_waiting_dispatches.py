"""Sở TTTT's "Phiếu đến" from the kept tally of waiting dispatches (decision 030): after
every change the kept rows equal a rebuild, the list shows what still waits, in order,
by pages, and the upgrade fills the table from the cases as they are."""

import importlib
import re

import pytest
from django.db import connection
from django.urls import reverse

from raovat.cases.models import Dispatch, WaitingDispatch
from raovat.cases.tallies import kept_rows, rebuild
from raovat.cases.tallies.dispatches import TALLY
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform

pytestmark = pytest.mark.django_db

PHONES = ["0912 345 678", "0903 123 456", "0987 654 321", "0978 111 222", "0345 678 912"]


def assert_kept_is_rebuilt() -> dict:
    kept = kept_rows(TALLY)
    rebuild(TALLY)
    assert kept_rows(TALLY) == kept
    return kept


def _listed(client, query: str = "") -> list[tuple[str, str]]:
    """(dispatch number, "waiting / total") of each row of the list, top to bottom."""
    page = client.get(reverse("telecom:dispatch_list") + query).content.decode()
    rows = re.findall(
        r'<tr data-dispatch="([^"]+)".*?<td class="text-end text-nowrap">(.*?)</td>',
        page,
        re.DOTALL,
    )
    return [(label, re.sub(r"<[^>]+>|\s", "", counts)) for label, counts in rows]


@pytest.fixture
def walk(cast, make_case):
    """Two requests for identity (three cases and one), then answers and a resend."""
    cases = [advance(make_case(cast.ward, phone=p), State.CONFIRMED) for p in PHONES[:4]]
    perform("send_to_telecom", cases[:3])
    perform("send_to_telecom", cases[3:])
    return cases


def test_the_list_shows_what_still_waits_after_every_answer(client, cast, walk):
    client.force_login(cast.telecom)
    assert _listed(client) == [("2/PC-VHTTQ1", "1/1"), ("1/PC-VHTTQ1", "3/3")]
    assert len(assert_kept_is_rebuilt()) == 2

    perform("provide_identity", [walk[0]])
    perform("return_to_handler", [walk[1]])
    assert _listed(client) == [("2/PC-VHTTQ1", "1/1"), ("1/PC-VHTTQ1", "1/3")]
    assert_kept_is_rebuilt()

    # Sent again while the first request still holds it: both requests wait for it.
    perform("resend_to_telecom", [walk[1]])
    assert _listed(client) == [
        ("3/PC-VHTTQ1", "1/1"),
        ("2/PC-VHTTQ1", "1/1"),
        ("1/PC-VHTTQ1", "2/3"),
    ]
    assert_kept_is_rebuilt()

    # The first request's page still lists each of its cases once, in its order.
    first = Dispatch.objects.get(number=1)
    page = client.get(reverse("telecom:dispatch", args=[first.pk])).content.decode()
    assert re.findall(r'<tr data-case="([^"]+)"', page) == [c.number for c in walk[:3]]
    assert "<strong>2</strong>/3 hồ sơ chờ" in page

    perform("provide_identity", [walk[1], walk[2], walk[3]])
    assert _listed(client) == []
    assert not WaitingDispatch.objects.exists()
    assert assert_kept_is_rebuilt() == {}
    # Every dispatch ever received is still one click away.
    page = client.get(reverse("telecom:dispatch_list") + "?tat-ca=1").content.decode()
    assert all(f"{n}/PC-VHTTQ1" in page for n in (1, 2, 3))


def test_the_list_pages_newest_first_by_cursor(client, cast, make_case, monkeypatch):
    monkeypatch.setattr("raovat.cases.selectors.search.PAGE_SIZE", 2)
    for phone in PHONES[:3]:
        advance(make_case(cast.ward, phone=phone), State.AT_TELECOM)  # one dispatch each
    client.force_login(cast.telecom)
    url = reverse("telecom:dispatch_list")
    first = client.get(url).content.decode()
    assert _listed(client) == [("3/PC-VHTTQ1", "1/1"), ("2/PC-VHTTQ1", "1/1")]
    after = re.search(r'href="\?[^"]*sau=([A-Za-z0-9_-]+)"', first).group(1)
    assert _listed(client, f"?sau={after}") == [("1/PC-VHTTQ1", "1/1")]
    assert "3 phiếu chuyển" in first  # every waiting dispatch, not only this page's


def test_another_telecom_unit_sees_none_of_them(client, cast, walk):
    from raovat.units.models import Role, Unit, User

    other = Unit.objects.create(
        name="Sở Khoa học và Công nghệ tỉnh Khác", short_name="Sở KH&CN", role=Role.TELECOM
    )
    user = User.objects.create(username="sokhcn.khac", full_name="Cán bộ", unit=other)
    client.force_login(user)
    assert _listed(client) == []
    dispatch = Dispatch.objects.filter(items__case=walk[0]).get()
    assert client.get(reverse("telecom:dispatch", args=[dispatch.pk])).status_code == 404


def test_the_upgrade_fills_the_table_as_a_rebuild_does(cast, walk):
    perform("return_to_handler", [walk[0]])
    rebuild(TALLY)
    expected = kept_rows(TALLY)
    WaitingDispatch.objects.all().delete()
    migration = importlib.import_module("raovat.cases.migrations.0033_waiting_dispatch")
    with connection.cursor() as cursor:
        cursor.execute(migration.FILL)
    assert kept_rows(TALLY) == expected and len(expected) == 2
