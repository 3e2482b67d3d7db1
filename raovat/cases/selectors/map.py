"""Bản đồ: the sightings a unit may see, grouped on the server into grid cells.

The browser never receives more than a screenful of markers: the visible part of the
map (a bounding box) is cut into square cells of about CELL_PX screen pixels at the
zoom asked for, and one grouped query counts the sightings of each cell
(docs/decisions/023-map.md). Cells holding one sighting, and every sighting when the
whole view holds at most POINTS_MAX, come back as points that open their case.
"""

import datetime
import math
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Avg, Count, F, FloatField, Max, Min, Sum
from django.db.models.functions import Cast, Floor
from django.utils import timezone

from raovat.cases.models import MapCell, MapUnitCount, Sighting
from raovat.cases.selectors.access import active_unit_id, sightings_readable
from raovat.cases.tallies import map as map_tally
from raovat.units.models import Role, Unit, User

CELL_PX = 64  # a cluster marker is about 40 px wide: cells do not overlap on screen
TILE_PX = 256
ZOOM_MIN, ZOOM_MAX = 3, 18
POINTS_MAX = 200  # below this many sightings in view, every one is its own point
CELLS_MAX = 160  # per side of the view: a 4K screen at CELL_PX is 60 cells wide
PERIOD_MAX_DAYS = 731


@dataclass(frozen=True)
class MapFilter:
    found_from: datetime.date
    found_to: datetime.date
    state: str = ""
    ad_type: str = ""


@dataclass(frozen=True)
class BBox:
    west: float
    south: float
    east: float
    north: float


def cell_degrees(zoom: int) -> float:
    """The side of a cell in degrees at `zoom` (Web Mercator: 256 px tiles, 2^zoom of
    them around the world). Latitude is cut in the same degrees: at Vietnam's 8–23° N
    a cell is at most 9 % taller on screen than wide, which clustering does not mind."""
    return 360.0 * CELL_PX / (TILE_PX * 2**zoom)


def map_sightings(*, user: User, flt: MapFilter):
    """The sightings the user may see that have coordinates, filtered."""
    qs = sightings_readable(user).filter(
        found_on__gte=flt.found_from,
        found_on__lte=flt.found_to,
        latitude__isnull=False,
        longitude__isnull=False,
    )
    if flt.state:
        qs = qs.filter(case__state=flt.state)
    if flt.ad_type:
        qs = qs.filter(ad_type=flt.ad_type)
    return qs


def _in_box(qs, box: BBox):
    return qs.filter(
        latitude__gte=box.south,
        latitude__lte=box.north,
        longitude__gte=box.west,
        longitude__lte=box.east,
    )


def map_clusters(*, user: User, flt: MapFilter, box: BBox, zoom: int) -> dict:
    """{"total", "clusters": [{lat, lng, n}], "points": [...], "period"} for the view.

    Two queries whatever the number of sightings: the cell counts, then the points. At
    zooms the tally is kept for, the counts are read from it (whole months, whole cells
    of the zoom's grid: "period" says which days were counted); above, from the rows."""
    level = tally_level(zoom)
    if level is None:
        return _clusters_of_rows(user=user, flt=flt, box=box, zoom=zoom)
    return _clusters_of_tally(user=user, flt=flt, box=box, zoom=zoom, level=level)


def tally_level(zoom: int) -> int | None:
    """The finest level of the kept grid a map at `zoom` reads, None above them all."""
    return next((level for level in map_tally.LEVELS if level >= zoom), None)


def whole_months(flt: MapFilter) -> MapFilter:
    """The filter's period widened to the months it touches (what the tally counts)."""
    first = flt.found_from.replace(day=1)
    after = (flt.found_to.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return replace(flt, found_from=first, found_to=after - datetime.timedelta(days=1))


def counted_period(flt: MapFilter) -> dict:
    """The days the kept tally counts for the filter (see `_period`)."""
    return _period(whole_months(flt), flt)


def _period(counted: MapFilter, asked: MapFilter) -> dict:
    """The days counted, and whether they are more than those asked for. Days after
    today hold no sighting (a finding is never dated in the future): a period up to
    today or later is not said to be cut at its end."""
    end = counted.found_to if asked.found_to < timezone.localdate() else asked.found_to
    return {
        "from": counted.found_from,
        "to": end,
        "whole_months": (counted.found_from, end) != (asked.found_from, asked.found_to),
    }


def _clusters_of_rows(*, user: User, flt: MapFilter, box: BBox, zoom: int) -> dict:
    size = cell_degrees(zoom)
    lat = Cast("latitude", FloatField())
    lng = Cast("longitude", FloatField())
    cells = list(
        _in_box(map_sightings(user=user, flt=flt), box)
        .annotate(cx=Floor(lng / size), cy=Floor(lat / size))
        .values("cx", "cy")
        .annotate(n=Count("id"), lat=Avg(lat), lng=Avg(lng), first=Min("id"))
        .order_by()
    )
    total = sum(c["n"] for c in cells)
    if total <= POINTS_MAX:
        points = _points(_in_box(map_sightings(user=user, flt=flt), box))
        return {"total": total, "clusters": [], "points": points, "period": _period(flt, flt)}
    singles = [c["first"] for c in cells if c["n"] == 1]
    points = _points(Sighting.objects.filter(pk__in=singles)) if singles else []
    clusters = [
        {"lat": round(c["lat"], 6), "lng": round(c["lng"], 6), "n": c["n"]}
        for c in cells
        if c["n"] > 1
    ]
    return {"total": total, "clusters": clusters, "points": points, "period": _period(flt, flt)}


def cells_box(box: BBox, zoom: int) -> tuple[range, range, BBox]:
    """The zoom's cells the view touches (x and y ranges) and their exact extent: the
    positions, in whole micro-degrees, that fall in them."""
    size = cell_degrees(zoom)
    xs = range(math.floor(box.west / size), math.floor(box.east / size) + 1)
    ys = range(math.floor(box.south / size), math.floor(box.north / size) + 1)

    def edge(index: int) -> int:  # the first micro-degree of cell `index` (a ceiling)
        return -((-index * map_tally.CELL_MICRO_AT_0) >> zoom)

    def degrees(m: int) -> Decimal:
        return Decimal(m).scaleb(-6)

    exact = BBox(
        west=degrees(edge(xs.start)),
        south=degrees(edge(ys.start)),
        east=degrees(edge(xs.stop) - 1),
        north=degrees(edge(ys.stop) - 1),
    )
    return xs, ys, exact


def _clusters_of_tally(*, user: User, flt: MapFilter, box: BBox, zoom: int, level: int) -> dict:
    months = whole_months(flt)
    unit_id = active_unit_id(user)
    if unit_id is None:
        return {"total": 0, "clusters": [], "points": [], "period": _period(months, flt)}
    xs, ys, exact = cells_box(box, zoom)
    shift = level - zoom
    qs = _kept(MapCell, user=user, unit_id=unit_id, flt=months).filter(
        level=level,
        cx__gte=xs.start << shift,
        cx__lt=xs.stop << shift,
        cy__gte=ys.start << shift,
        cy__lt=ys.stop << shift,
    )
    cells = list(
        qs.annotate(gx=F("cx").bitrightshift(shift), gy=F("cy").bitrightshift(shift))
        .values("gx", "gy")
        .annotate(n=Sum("n"), lat=Sum("lat_sum"), lng=Sum("lng_sum"), ids=Sum("id_sum"))
        .order_by()
    )
    total = sum(c["n"] for c in cells)
    period = _period(months, flt)
    if total <= POINTS_MAX:  # the same sightings, read as rows: the tally's months and cells
        points = _points(_in_box(map_sightings(user=user, flt=months), exact))
        return {"total": total, "clusters": [], "points": points, "period": period}
    singles = [c["ids"] for c in cells if c["n"] == 1]  # a sum of one id is the id
    points = _points(sightings_readable(user).filter(pk__in=singles)) if singles else []
    clusters = [
        {"lat": _mean(c["lat"], c["n"]), "lng": _mean(c["lng"], c["n"]), "n": c["n"]}
        for c in cells
        if c["n"] > 1
    ]
    return {"total": total, "clusters": clusters, "points": points, "period": period}


def _mean(micro_sum: int, n: int) -> float:
    return round(micro_sum / n / map_tally.MICRO, 6)


def _points(qs) -> list[dict]:
    rows = qs.order_by("found_on", "id").values(
        "latitude",
        "longitude",
        "found_on",
        "place",
        "ad_type",
        number=F("case__number"),
        state=F("case__state"),
    )[:POINTS_MAX]
    return [
        {
            "lat": float(r["latitude"]),
            "lng": float(r["longitude"]),
            "case": r["number"],
            "state": r["state"],
            "found_on": r["found_on"],
            "place": r["place"],
            "ad_type": r["ad_type"],
        }
        for r in rows
    ]


def _kept(model, *, user: User, unit_id: int, flt: MapFilter):
    """The tally's rows the user sees for the filter (its period already whole months)."""
    qs = model.objects.filter(unit_id=unit_id, month__gte=flt.found_from, month__lte=flt.found_to)
    if user.role != Role.REPORTER:  # a reporting unit also sees its own sightings
        qs = qs.filter(route=True)
    if flt.state:
        qs = qs.filter(state=flt.state)
    if flt.ad_type:
        qs = qs.filter(ad_type=flt.ad_type)
    return qs


def map_units(*, user: User, flt: MapFilter) -> list[dict]:
    """Per reporting unit: its name, how many sightings, and the middle of them (its
    label on a map without tiles), from the kept tally: whole months of the period.

    One grouped query, and one for the names: as many rows as the unit tree has
    reporting units, whatever the number of sightings."""
    unit_id = active_unit_id(user)
    if unit_id is None:
        return []
    rows = list(
        _kept(MapUnitCount, user=user, unit_id=unit_id, flt=whole_months(flt))
        .values("reporting_unit_id")
        .annotate(n=Sum("n"), lat=Sum("lat_sum"), lng=Sum("lng_sum"))
        .order_by()
    )
    names = dict(
        Unit.objects.filter(pk__in=[r["reporting_unit_id"] for r in rows]).values_list(
            "pk", "short_name"
        )
    )
    units = [
        {
            "reporting_unit_id": r["reporting_unit_id"],
            "n": r["n"],
            "lat": _mean(r["lat"], r["n"]),
            "lng": _mean(r["lng"], r["n"]),
            "name": names.get(r["reporting_unit_id"], ""),
        }
        for r in rows
        if r["n"]
    ]
    return sorted(units, key=lambda u: (-u["n"], u["name"]))


def map_bounds(*, user: User, flt: MapFilter) -> BBox | None:
    """The extent of the sightings the user sees, to open the map on: the finest kept
    cells that hold them (a cell of level 12 is about 2.4 km), in one query."""
    unit_id = active_unit_id(user)
    if unit_id is None:
        return None
    level = map_tally.LEVELS[-1]
    ext = (
        _kept(MapCell, user=user, unit_id=unit_id, flt=whole_months(flt))
        .filter(level=level)
        .aggregate(west=Min("cx"), east=Max("cx"), south=Min("cy"), north=Max("cy"))
    )
    if ext["west"] is None:
        return None
    size = cell_degrees(level)
    return BBox(
        west=ext["west"] * size,
        south=ext["south"] * size,
        east=(ext["east"] + 1) * size,
        north=(ext["north"] + 1) * size,
    )
