"""Bản đồ's kept tally (decision 023): for every sighting with coordinates, one row per
unit that may see it on the map and per grid level, keyed by the cell it falls in, the
month of its finding, its case's state and its ad type.

The grid of `level` L is the map's grid at zoom L (`selectors.map.cell_degrees`): a cell
is 90 / 2**L degrees a side, so a cell at zoom z ≤ L is exactly 2**(L - z) cells of
level L a side, and the reader merges them with a shift. Positions are counted in
integer micro-degrees (the coordinates have six decimals): sums are exact, and the
cell of a sighting is the same integer whatever the database's floats.
"""

from collections.abc import Sequence

from raovat.cases.models import CaseUnit, MapCell, MapUnitCount, Sighting
from raovat.cases.tallies import Contributions, KeptTally, register

LEVELS = (6, 8, 10, 12)  # zooms the grid is kept at; above the last, the map reads rows
MICRO = 1_000_000
CELL_MICRO_AT_0 = 90 * MICRO  # a cell at zoom 0 is 90 degrees: 360 * 64 px / 256 px


def micro(value) -> int:
    """Degrees (a Decimal with six places) in integer micro-degrees, exactly."""
    return round(value * MICRO)


def cell(m: int, level: int) -> int:
    """The index of the cell holding the position `m` (micro-degrees) at `level`."""
    return (m << level) // CELL_MICRO_AT_0


def month_of(day):
    return day.replace(day=1)


def seen_by(case_ids: Sequence[int]):
    """(id, reporting unit, month, lat, lng in micro-degrees, ad type, state, viewers) of
    the cases' sightings with coordinates; viewers are (unit, on the route) pairs, as
    `access.sightings_readable` decides. Two queries."""
    route: dict[int, list[int]] = {}
    for case_id, unit_id in CaseUnit.objects.filter(case_id__any=case_ids).values_list(
        "case_id", "unit_id"
    ):
        route.setdefault(case_id, []).append(unit_id)
    rows = Sighting.objects.filter(
        case_id__any=case_ids, latitude__isnull=False, longitude__isnull=False
    ).values_list(
        "id", "case_id", "reporting_unit_id", "found_on", "latitude", "longitude",
        "ad_type", "case__state",
    )  # fmt: skip
    for pk, case_id, reporter, found_on, lat, lng, ad_type, state in rows:
        units = route.get(case_id, [])
        viewers = [(u, True) for u in units]
        if reporter not in units:  # its own sighting of a case it is not on the route of
            viewers.append((reporter, False))
        yield pk, reporter, month_of(found_on), micro(lat), micro(lng), ad_type, state, viewers


def _add(out: Contributions, key: tuple, y: int, x: int, pk: int | None = None) -> None:
    old = out.get(key)
    one = (1, y, x) if pk is None else (1, y, x, pk)
    out[key] = one if old is None else tuple(a + b for a, b in zip(old, one, strict=True))


# Who sees a sighting, in SQL: its case's CaseUnit units, its reporting unit off the route.
VIEWERS_SQL = """
    CROSS JOIN LATERAL (
        SELECT cu.unit_id, true AS route FROM cases_caseunit cu WHERE cu.case_id = s.case_id
        UNION ALL
        SELECT s.reporting_unit_id, false
        WHERE NOT EXISTS (SELECT 1 FROM cases_caseunit cu
                          WHERE cu.case_id = s.case_id AND cu.unit_id = s.reporting_unit_id)
    ) v"""


class MapTally(KeptTally):
    model = MapCell
    values = ("n", "lat_sum", "lng_sum", "id_sum")

    def contributions(self, case_ids: Sequence[int]) -> Contributions:
        out: Contributions = {}
        for pk, _reporter, month, y, x, ad_type, state, viewers in seen_by(case_ids):
            for level in LEVELS:
                cx, cy = cell(x, level), cell(y, level)
                for unit_id, on_route in viewers:
                    _add(out, (unit_id, level, month, cx, cy, state, ad_type, on_route), y, x, pk)
        return out

    def fill_sql(self) -> str:
        """The same rows in one statement: each sighting with coordinates, once per
        viewing unit (its case's `CaseUnit` units; its reporting unit off the route)
        and per level."""
        levels = ", ".join(f"({level})" for level in LEVELS)

        def cell_of(column: str) -> str:  # the same integer as `cell()` above
            m = f"round(s.{column} * {MICRO})::bigint"
            return f"floor(({m} << l.level)::numeric / {CELL_MICRO_AT_0})::int"

        return f"""
            INSERT INTO cases_mapcell (unit_id, level, month, cx, cy, state, ad_type, route,
                                       n, lat_sum, lng_sum, id_sum)
            SELECT v.unit_id, l.level, date_trunc('month', s.found_on)::date,
                   {cell_of("longitude")}, {cell_of("latitude")}, c.state, s.ad_type, v.route,
                   count(*), sum(round(s.latitude * {MICRO})::bigint),
                   sum(round(s.longitude * {MICRO})::bigint), sum(s.id)
            FROM cases_sighting s
            JOIN cases_case c ON c.id = s.case_id
            {VIEWERS_SQL}
            CROSS JOIN (VALUES {levels}) AS l(level)
            WHERE s.latitude IS NOT NULL AND s.longitude IS NOT NULL
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8"""


class MapUnitTally(KeptTally):
    """Per viewing unit and reporting unit: the page's list, labels and counts."""

    model = MapUnitCount
    values = ("n", "lat_sum", "lng_sum")

    def contributions(self, case_ids: Sequence[int]) -> Contributions:
        out: Contributions = {}
        for _pk, reporter, month, y, x, ad_type, state, viewers in seen_by(case_ids):
            for unit_id, on_route in viewers:
                _add(out, (unit_id, month, reporter, state, ad_type, on_route), y, x)
        return out

    def fill_sql(self) -> str:
        return f"""
            INSERT INTO cases_mapunitcount (unit_id, month, reporting_unit_id, state, ad_type,
                                            route, n, lat_sum, lng_sum)
            SELECT v.unit_id, date_trunc('month', s.found_on)::date, s.reporting_unit_id,
                   c.state, s.ad_type, v.route, count(*),
                   sum(round(s.latitude * {MICRO})::bigint),
                   sum(round(s.longitude * {MICRO})::bigint)
            FROM cases_sighting s
            JOIN cases_case c ON c.id = s.case_id
            {VIEWERS_SQL}
            WHERE s.latitude IS NOT NULL AND s.longitude IS NOT NULL
            GROUP BY 1, 2, 3, 4, 5, 6"""


TALLY = register(MapTally())
UNITS_TALLY = register(MapUnitTally())
