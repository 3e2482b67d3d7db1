"""Bản đồ: the sightings a unit may see, clustered on the server, filtered; nothing of
another unit's cases, and a clear Vietnamese 400 for a bad request."""

import datetime
import html
import itertools
import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from raovat.cases.models import Sighting
from raovat.cases.selectors import map as sel
from raovat.cases.services.intake import sighting_record
from raovat.cases.tallies import restating
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from raovat.env import map_tile_origin
from tests.conftest import jpeg

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent

DAY = datetime.date(2026, 11, 20)
PERIOD = "tu=01/01/2026&den=30/11/2026"
# Around Quận 1 and Quận 3 of Hồ Chí Minh City.
HCMC = "106.60,10.70,106.80,10.85"
_phones = itertools.count(1000)


def seen(
    actor,
    lat,
    lng,
    *,
    state=State.AWAITING_CONFIRMATION,
    found_on=DAY,
    ad_type="sticker",
    place="Trụ điện trước số 45 Lê Thánh Tôn",
):
    """A sighting at (lat, lng), its case brought to `state`."""
    result = sighting_record(
        actor=actor,
        phone=f"0912 34{next(_phones):04d}",
        found_on=found_on,
        place=place,
        ad_type=ad_type,
        latitude=Decimal(str(lat)),
        longitude=Decimal(str(lng)),
        photos=[] if state == State.DRAFT else [jpeg(size=(64, 48))],
    )
    return advance(result.sighting.case, state)


def data(client, user, query=""):
    client.force_login(user)
    return client.get(f"{reverse('map_data')}?{PERIOD}&bbox={HCMC}&z=12&{query}")


def numbers(body) -> set[str]:
    return {p["case"] for p in body["points"]}


def config(page: str) -> dict:
    return json.loads(html.unescape(re.search(r'data-config="([^"]*)"', page).group(1)))


def counted(body) -> int:
    return sum(c["n"] for c in body["clusters"]) + len(body["points"])


def test_the_district_sees_its_wards_points_and_not_another_districts(client, cast):
    mine = seen(cast.ward, 10.776, 106.700)
    theirs = seen(cast.ward_q3, 10.780, 106.690)
    body = data(client, cast.district).json()
    assert numbers(body) == {mine.number}
    assert body["total"] == 1
    assert data(client, cast.other_district).json()["points"][0]["case"] == theirs.number
    # The point's link, followed by the other district: the same 404 as no case at all.
    url = body["points"][0]["url"]
    assert url == reverse("case_detail", args=[mine.number])
    client.force_login(cast.other_district)
    assert client.get(url).status_code == 404


def test_a_ward_sees_its_own_sightings_and_not_its_neighbours(client, cast):
    mine = seen(cast.ward, 10.776, 106.700, state=State.DRAFT)
    seen(cast.ward_b, 10.772, 106.698, state=State.DRAFT)
    assert numbers(data(client, cast.ward).json()) == {mine.number}


def test_the_telecom_authority_sees_only_cases_sent_to_it(client, cast):
    sent = seen(cast.ward, 10.776, 106.700, state=State.AT_TELECOM)
    seen(cast.ward_q3, 10.780, 106.690, state=State.CONFIRMED)
    assert numbers(data(client, cast.telecom).json()) == {sent.number}


def test_an_account_without_a_unit_gets_an_empty_map(client, cast):
    seen(cast.ward, 10.776, 106.700)
    body = data(client, cast.admin).json()
    assert body == {
        "total": 0,
        "clusters": [],
        "points": [],
        "period": {"from": "01/01/2026", "to": "30/11/2026", "whole_months": False},
    }


def test_cluster_counts_add_up_to_the_visible_sightings(client, cast, monkeypatch):
    for i in range(6):  # two tight groups in Quận 1 and a point alone
        seen(cast.ward, 10.7760 + i * 0.0001, 106.7000)
        seen(cast.ward_b, 10.7700, 106.6900 + i * 0.0001)
    alone = seen(cast.ward, 10.8200, 106.7700)
    seen(cast.ward_q3, 10.7800, 106.6800)  # another district's: never counted
    monkeypatch.setattr(sel, "POINTS_MAX", 5)  # force clusters with 13 sightings in view
    body = data(client, cast.district).json()
    assert body["total"] == 13 == counted(body)
    assert sorted(c["n"] for c in body["clusters"]) == [6, 6]
    assert numbers(body) == {alone.number}
    # Zoomed far out, everything is one cell.
    client.force_login(cast.district)
    far = client.get(f"{reverse('map_data')}?{PERIOD}&bbox=100,5,112,20&z=6").json()
    assert [c["n"] for c in far["clusters"]] == [13] and far["points"] == []


def test_below_the_threshold_every_sighting_is_a_point(client, cast):
    cases = [seen(cast.ward, 10.7760, 106.7000) for _ in range(3)]
    body = data(client, cast.district).json()
    assert body["clusters"] == [] and numbers(body) == {c.number for c in cases}
    point = body["points"][0]
    assert point["state"] == "Chờ xác nhận"
    assert point["found_on"] == "20/11/2026"
    assert point["ad_type"] == "Nhãn dán"


def test_a_sighting_without_coordinates_is_not_on_the_map(client, cast):
    case = seen(cast.ward, 10.776, 106.700)
    with restating([case.pk]):  # as the services do around every write the map counts
        Sighting.objects.filter(case=case).update(latitude=None, longitude=None)
    assert data(client, cast.district).json()["total"] == 0


def test_filters_by_period_state_and_ad_type(client, cast):
    early = seen(cast.ward, 10.776, 106.700, found_on=datetime.date(2026, 3, 1))
    confirmed = seen(cast.ward, 10.777, 106.701, state=State.CONFIRMED)
    leaflet = seen(cast.ward, 10.778, 106.702, ad_type="leaflet")
    period = "&tu=01/11/2026&den=30/11/2026"
    assert numbers(data(client, cast.district, period).json()) == {confirmed.number, leaflet.number}
    assert numbers(data(client, cast.district, "trang_thai=confirmed").json()) == {confirmed.number}
    assert numbers(data(client, cast.district, "hinh_thuc=leaflet").json()) == {leaflet.number}
    assert numbers(data(client, cast.district, "hinh_thuc=sticker").json()) == {
        early.number,
        confirmed.number,
    }
    # The bbox filters too: a box off Quận 1 is empty.
    client.force_login(cast.district)
    off = client.get(f"{reverse('map_data')}?{PERIOD}&bbox=105,20,106,21&z=12").json()
    assert off["total"] == 0


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("bbox=abc&z=12", "4 số"),
        ("bbox=1,2,3&z=12", "4 số"),
        ("bbox=106.8,10.7,106.6,10.85&z=12", "tây nhỏ hơn đông"),
        ("bbox=106.6,10.7,106.8,95&z=12", "vĩ độ"),
        ("bbox=nan,10.7,106.8,10.85&z=12", "không hợp lệ"),
        ("bbox=106.6,10.7,106.8,10.85", "Mức phóng"),
        ("bbox=106.6,10.7,106.8,10.85&z=x", "Mức phóng"),
        ("bbox=106.6,10.7,106.8,10.85&z=30", "từ 3 đến 18"),
        ("bbox=106.6,10.7,106.8,10.85&z=-1", "từ 3 đến 18"),
        ("bbox=-180,-90,180,90&z=18", "quá lớn"),
        ("bbox=106.6,10.7,106.8,10.85&z=12&tu=32/13/2026", "Ngày bắt đầu không hợp lệ"),
        ("bbox=106.6,10.7,106.8,10.85&z=12&tu=01/11/2026&den=01/10/2026", "trước hoặc bằng"),
        ("bbox=106.6,10.7,106.8,10.85&z=12&tu=01/01/2020&den=01/01/2026", "tối đa 2 năm"),
        ("bbox=106.6,10.7,106.8,10.85&z=12&trang_thai=xyz", "Trạng thái không hợp lệ"),
        ("bbox=106.6,10.7,106.8,10.85&z=12&hinh_thuc=xyz", "Hình thức quảng cáo không hợp lệ"),
    ],
)
def test_a_bad_request_is_a_400_with_a_vietnamese_message(client, cast, query, says):
    client.force_login(cast.district)
    response = client.get(f"{reverse('map_data')}?{query}")
    assert response.status_code == 400
    assert says in response.json()["error"]


@pytest.mark.parametrize("zoom", [12, 14])  # read from the kept tally; from the rows
def test_the_data_costs_the_same_queries_for_many_sightings_as_for_few(
    client, cast, monkeypatch, django_assert_max_num_queries, zoom
):
    monkeypatch.setattr(sel, "POINTS_MAX", 4)
    seen(cast.ward, 10.776, 106.700)
    client.force_login(cast.district)
    url = f"{reverse('map_data')}?{PERIOD}&bbox={HCMC}&z={zoom}"
    client.get(url)  # the process's cache of the chain's names
    for more in (3, 12):  # points only, then clusters and points
        with CaptureQueriesContext(connection) as few:
            assert client.get(url).status_code == 200
        for i in range(more):
            seen(cast.ward, 10.776 + (i % 2) * 0.05, 106.700 + i * 0.00001)
        seen(cast.ward, 10.70 + more * 0.01, 106.79)  # a cell of its own
        # session, user, its unit, its OTP devices, the cells, the points
        with django_assert_max_num_queries(len(few.captured_queries)):
            body = client.get(url).json()
        assert len(few.captured_queries) <= 6, [q["sql"][:60] for q in few.captured_queries]
    assert body["clusters"] and body["points"] and body["total"] == 18


def test_the_page_lists_the_units_and_says_how_to_set_tiles(client, cast, settings):
    settings.MAP_TILE_URL = ""
    seen(cast.ward, 10.776, 106.700)
    seen(cast.ward_b, 10.772, 106.698)
    seen(cast.ward_b, 10.771, 106.697)
    client.force_login(cast.district)
    page = client.get(reverse("map")).content.decode()
    assert "Bản đồ</a>" in page  # the menu entry
    assert "MAP_TILE_URL" in page and "Chưa có bản đồ nền" in page
    table = page[page.index('id="map-units"') :]
    assert table.index("Phường Bến Thành") < table.index("Phường Bến Nghé")  # most first
    assert [u["name"] for u in config(page)["labels"]] == ["Phường Bến Thành", "Phường Bến Nghé"]


def test_the_page_with_tiles_names_the_server_and_no_advice(client, cast, settings):
    settings.MAP_TILE_URL = "https://bando.example.gov.vn/{z}/{x}/{y}.png"
    client.force_login(cast.district)
    page = client.get(reverse("map")).content.decode()
    assert "https://bando.example.gov.vn/{z}/{x}/{y}.png" in page
    assert "Chưa có bản đồ nền" not in page


def test_a_bad_filter_on_the_page_is_said_and_draws_nothing(client, cast):
    client.force_login(cast.district)
    response = client.get(reverse("map") + "?tu=01/11/2026&den=01/10/2026")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc." in page
    assert config(page)["query"] is None


def test_the_map_needs_a_sign_in(client):
    assert client.get(reverse("map_data") + f"?bbox={HCMC}&z=12").status_code == 302


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("", ""),
        ("/ban-do-nen/{z}/{x}/{y}.png", ""),
        ("https://bando.example.gov.vn/tiles/{z}/{x}/{y}.png", "https://bando.example.gov.vn"),
        ("http://10.0.0.5:8080/{z}/{x}/{y}.png", "http://10.0.0.5:8080"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
    ],
)
def test_the_tile_server_origin_goes_into_the_image_policy(url, origin):
    assert map_tile_origin(url) == origin


@pytest.mark.parametrize(
    "url",
    [
        "https://bando.example.gov.vn/tiles.png",
        "ftp://bando.example.gov.vn/{z}/{x}/{y}.png",
        "bando.example.gov.vn/{z}/{x}/{y}.png",
    ],
)
def test_a_tile_url_that_cannot_work_stops_the_process(url):
    with pytest.raises(ImproperlyConfigured, match="MAP_TILE_URL"):
        map_tile_origin(url)


def _img_src(**env) -> subprocess.CompletedProcess:
    code = (
        "from django.conf import settings; "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    unset = ("DJANGO_ALLOW_ASYNC_UNSAFE", "MAP_TILE_URL")
    base = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        text=True,
        capture_output=True,
        timeout=120,
        env={**base, "DEBUG": "true", **env},
    )


def test_the_content_security_policy_allows_images_from_the_tile_server_only_when_set():
    with_tiles = _img_src(MAP_TILE_URL="https://bando.example.gov.vn/{z}/{x}/{y}.png")
    assert with_tiles.returncode == 0, with_tiles.stderr
    assert "'https://bando.example.gov.vn'" in with_tiles.stdout
    without = _img_src()
    assert without.returncode == 0 and "bando" not in without.stdout
    wrong = _img_src(MAP_TILE_URL="https://bando.example.gov.vn/anh.png")
    assert wrong.returncode != 0 and "MAP_TILE_URL" in wrong.stderr
