"""Bản đồ's kept tally: the map read from it answers as the map read from the sightings
(same clusters, counts and mean positions, same points), it stays equal to a rebuild from
scratch after the workflow's writes, and it shows a unit nothing it may not read."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from raovat.cases.models import Case, MapCell, Sighting
from raovat.cases.selectors import map as sel
from raovat.cases.services.intake import sighting_record
from raovat.cases.services.rechain import chain_move_reporting_units
from raovat.cases.services.sightings import sighting_correct
from raovat.cases.tallies import kept_rows, rebuild
from raovat.cases.tallies.map import LEVELS, TALLY, UNITS_TALLY
from raovat.cases.workflow import State
from raovat.demo.scenario import PATHS, perform
from raovat.units.models import Role, Unit, User
from tests.conftest import jpeg
from tests.test_map import seen

pytestmark = pytest.mark.django_db

YEAR = sel.MapFilter(found_from=datetime.date(2026, 1, 1), found_to=datetime.date(2026, 12, 31))
EVERYWHERE = sel.BBox(west=100.0, south=5.0, east=112.0, north=20.0)


def spread(cast):
    """Sightings of four wards in several months, states and ad types; one case of
    Quận 1 also found by a ward of Quận 3 (who reads only its own sighting of it)."""
    cases = []
    for i in range(24):
        ward = (cast.ward, cast.ward_b, cast.ward_q3)[i % 3]
        state = (State.DRAFT, State.AWAITING_CONFIRMATION, State.AT_TELECOM)[i % 3 if i < 9 else 1]
        cases.append(
            seen(
                ward,
                10.70 + (i * 7 % 13) * 0.011,
                106.62 + (i * 5 % 11) * 0.017,
                state=state,
                found_on=datetime.date(2026, 1 + i % 11, 1 + i % 27),
                ad_type=("sticker", "leaflet", "banner")[i % 3 if i % 4 else 0],
            )
        )
    for _ in range(5):  # a tight group: a cluster at every zoom
        cases.append(seen(cast.ward, 10.7761, 106.7001))
    joined = join(cast.ward_q3, cases[1], 10.7811, 106.6902)
    return cases, joined


def join(actor, case, lat, lng, found_on=datetime.date(2026, 11, 25)):
    return sighting_record(
        actor=actor,
        phone=case.phone_national,
        found_on=found_on,
        place="Tường rào công trình số 8 Nguyễn Du",
        ad_type="painted",
        latitude=Decimal(str(lat)),
        longitude=Decimal(str(lng)),
        photos=[jpeg(size=(64, 48))],
    )


def shape(answer):
    clusters = sorted((c["n"], c["lat"], c["lng"]) for c in answer["clusters"])
    points = sorted((p["case"], p["lat"], p["lng"]) for p in answer["points"])
    return answer["total"], clusters, points


def assert_same(kept, rows):
    total, clusters, points = shape(kept)
    assert (total, points) == shape(rows)[::2]
    assert [n for n, _, _ in clusters] == [n for n, _, _ in shape(rows)[1]]
    for (_, lat, lng), (_, lat2, lng2) in zip(clusters, shape(rows)[1], strict=True):
        assert abs(lat - lat2) <= 1e-6 and abs(lng - lng2) <= 1e-6  # exact vs float means


@pytest.mark.parametrize("points_max", [1, 200])  # clusters and a single point; all points
def test_the_tally_answers_as_the_rows_for_whole_months(cast, monkeypatch, points_max):
    spread(cast)
    monkeypatch.setattr(sel, "POINTS_MAX", points_max)
    filters = [
        YEAR,
        sel.MapFilter(datetime.date(2026, 3, 1), datetime.date(2026, 6, 30)),
        sel.MapFilter(YEAR.found_from, YEAR.found_to, state=State.AWAITING_CONFIRMATION),
        sel.MapFilter(YEAR.found_from, YEAR.found_to, ad_type="leaflet"),
    ]
    users = [cast.ward, cast.ward_q3, cast.district, cast.other_district, cast.telecom]
    seen_any = 0
    for user in users:
        for flt in filters:
            for zoom in (5, 8, 10, 11, 12):
                kept = sel._clusters_of_tally(
                    user=user, flt=flt, box=EVERYWHERE, zoom=zoom, level=sel.tally_level(zoom)
                )
                rows = sel._clusters_of_rows(user=user, flt=flt, box=EVERYWHERE, zoom=zoom)
                assert_same(kept, rows)
                assert kept["period"]["whole_months"] is False
                seen_any += kept["total"]
    assert seen_any > 0


def test_the_pages_units_and_bounds_are_those_of_the_rows(cast):
    spread(cast)
    for user in (cast.ward, cast.ward_q3, cast.district, cast.telecom, cast.other_district):
        rows = sel.map_sightings(user=user, flt=YEAR)
        expected = {}
        for s in rows.select_related("reporting_unit"):
            n, lat, lng = expected.get(s.reporting_unit.short_name, (0, 0, 0))
            expected[s.reporting_unit.short_name] = (n + 1, lat + s.latitude, lng + s.longitude)
        units = sel.map_units(user=user, flt=YEAR)
        assert {u["name"]: u["n"] for u in units} == {k: v[0] for k, v in expected.items()}
        for u in units:
            n, lat, lng = expected[u["name"]]
            assert abs(u["lat"] - float(lat / n)) <= 1e-6 and abs(u["lng"] - float(lng / n)) <= 1e-6
        box = sel.map_bounds(user=user, flt=YEAR)
        size = sel.cell_degrees(LEVELS[-1])
        for s in rows:  # every sighting inside, at most a cell of margin
            assert box.south <= s.latitude < box.north and box.west <= s.longitude < box.east
        lats = [s.latitude for s in rows]
        assert box.south > float(min(lats)) - size and box.north < float(max(lats)) + size
    assert sel.map_units(user=cast.admin, flt=YEAR) == [] and not sel.map_bounds(
        user=cast.admin, flt=YEAR
    )


def test_a_box_counts_the_whole_cells_it_touches(cast, monkeypatch):
    monkeypatch.setattr(sel, "POINTS_MAX", 1)
    spread(cast)
    box = sel.BBox(west=106.69, south=10.77, east=106.71, north=10.79)
    *_, exact = sel.cells_box(box, 12)
    kept = sel.map_clusters(user=cast.district, flt=YEAR, box=box, zoom=12)
    rows = sel._clusters_of_rows(user=cast.district, flt=YEAR, box=exact, zoom=12)
    assert_same(kept, rows)
    assert exact.west <= Decimal("106.69") and exact.east >= Decimal("106.71")


def test_a_period_is_whole_months_at_low_zoom_and_says_so(client, cast):
    november = seen(cast.ward, 10.776, 106.700, found_on=datetime.date(2026, 11, 3))
    asked = seen(cast.ward, 10.777, 106.701, found_on=datetime.date(2026, 11, 17))
    client.force_login(cast.district)
    url = reverse("map_data") + "?tu=15/11/2026&den=20/11/2026&bbox=106.60,10.70,106.80,10.85"
    low = client.get(url + "&z=12").json()
    assert {p["case"] for p in low["points"]} == {november.number, asked.number}
    assert low["period"] == {"from": "01/11/2026", "to": "30/11/2026", "whole_months": True}
    high = client.get(url + "&z=13").json()
    assert {p["case"] for p in high["points"]} == {asked.number}
    assert high["period"] == {"from": "15/11/2026", "to": "20/11/2026", "whole_months": False}


def test_another_district_sees_nothing_of_a_case_of_quan_1(client, cast, monkeypatch):
    monkeypatch.setattr(sel, "POINTS_MAX", 1)
    cases = [seen(cast.ward, 10.776 + i * 0.0001, 106.700) for i in range(3)]
    lone = seen(cast.ward, 10.82, 106.77)
    for user in (cast.other_district, cast.ward_q3, cast.telecom):
        client.force_login(user)
        for zoom in (5, 8, 12):
            body = client.get(
                f"{reverse('map_data')}?tu=01/01/2026&den=30/11/2026"
                f"&bbox=106.60,10.70,106.80,10.85&z={zoom}"
            ).json()
            assert body["total"] == 0 and body["clusters"] == [] and body["points"] == []
    # The ward of Quận 3 that found the number too sees its own sighting only.
    join(cast.ward_q3, lone, 10.7811, 106.6902)
    client.force_login(cast.ward_q3)
    body = client.get(
        f"{reverse('map_data')}?tu=01/01/2026&den=30/11/2026&bbox=106.60,10.70,106.80,10.85&z=8"
    ).json()
    assert body["total"] == 1 and [p["lat"] for p in body["points"]] == [10.7811]
    assert not Sighting.objects.filter(case=cases[0], reporting_unit=cast.ward_q3.unit).exists()


def test_a_unit_that_does_not_report_never_sees_a_sighting_it_only_recorded(cast):
    """The tally keeps "own sighting off the route" apart: a unit that reports no more
    (its role changed) reads the route only, as `sightings_readable` says."""
    case = seen(cast.ward, 10.776, 106.700, state=State.DRAFT)
    join(cast.ward_q3, case, 10.7811, 106.6902)
    q3 = cast.ward_q3.unit
    Unit.objects.filter(pk=q3.pk).update(role=Role.HANDLER, handling_unit=None)
    user = User.objects.get(pk=cast.ward_q3.pk)
    assert sel.map_clusters(user=user, flt=YEAR, box=EVERYWHERE, zoom=8)["total"] == 0
    assert sel.map_clusters(user=AnonymousUser(), flt=YEAR, box=EVERYWHERE, zoom=8)["total"] == 0


def assert_kept_is_rebuilt():
    for tally in (TALLY, UNITS_TALLY):
        kept = kept_rows(tally)
        assert kept, "the walk put nothing on the map"
        rebuild(tally)
        assert kept_rows(tally) == kept


def test_the_kept_tally_equals_a_rebuild_after_the_workflows_writes(cast):
    draft = seen(cast.ward, 10.776, 106.700, state=State.DRAFT)  # new sightings
    sent = seen(cast.ward_b, 10.772, 106.698)
    assert_kept_is_rebuilt()
    join(cast.ward_q3, sent, 10.7811, 106.6902)  # a sighting from another district's ward
    join(cast.ward, sent, 10.7762, 106.7003, found_on=datetime.date(2026, 10, 2))
    assert_kept_is_rebuilt()
    for action in PATHS[State.AT_TELECOM][1:]:  # states change, the telecom joins the route
        perform(action, [Case.objects.get(pk=sent.pk)])
    assert Case.objects.get(pk=sent.pk).state == State.AT_TELECOM
    assert MapCell.objects.filter(unit=cast.telecom.unit).exists()
    assert_kept_is_rebuilt()
    sighting = draft.sightings.get()  # a correction of the ad type
    sighting_correct(
        actor=cast.ward, sighting=sighting, place=sighting.place, ad_type="banner", ad_text=""
    )
    assert MapCell.objects.filter(ad_type="banner", n=1).count() == len(LEVELS)
    assert_kept_is_rebuilt()
    office = Unit.objects.create(  # a chain move: the open cases take a new handling unit
        name="Phòng Văn hóa – Xã hội Phường Sài Gòn",
        short_name="Phòng VH-XH P. Sài Gòn",
        code="VHXH",
        kind="Phòng",
        parent=cast.chain.units["city"],
        role=Role.HANDLER,
    )
    chain_move_reporting_units(
        actor=cast.admin,
        reporting_units=[cast.ward.unit, cast.ward_b.unit],
        new_handling_unit=office,
        note="Theo Nghị quyết sắp xếp đơn vị hành chính cấp xã.",
    )
    assert MapCell.objects.filter(unit=office).exists()
    assert_kept_is_rebuilt()
    perform("return_to_handler", [Case.objects.get(pk=sent.pk)])
    assert_kept_is_rebuilt()


def test_the_page_counts_whole_months_and_says_so(client, cast):
    seen(cast.ward, 10.776, 106.700, found_on=datetime.date(2026, 11, 3))
    seen(cast.ward, 10.777, 106.701, found_on=datetime.date(2026, 11, 17))
    client.force_login(cast.district)
    page = client.get(reverse("map") + "?tu=15/11/2026&den=20/11/2026").content.decode()
    assert "đếm theo tháng trọn: từ 01/11/2026 đến 30/11/2026" in page
    assert '<span id="map-total">2</span>' in page
    page = client.get(reverse("map") + "?tu=01/11/2026&den=30/11/2026").content.decode()
    assert "tháng trọn" not in page
