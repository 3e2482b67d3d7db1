"""Bản đồ's data at a million cases, over HTTP through gunicorn with DEBUG=false.

On an empty throwaway PostgreSQL database (the loader of bench_search.py fills it, then
this script gives every sighting coordinates: 70 % within about 3 km of its ward's
centre, 30 % anywhere in the province, and an ad type):

    createdb raovat_bench_map
    DB_STATEMENT_TIMEOUT=3600 DATABASE_URL=postgres://postgres@127.0.0.1:5432/raovat_bench_map \\
        python bench/bench_map.py --cases 1000000

On a copy of a database bench_search.py loaded (migrated): `--place` gives the
coordinates and rebuilds the map's tally (timed) before timing; `--reuse` only times.

Times `/ban-do/du-lieu/` (the clusters of the view) for the province (the telecom
authority, who sees every case sent to it) and a district office, for a year and for a
month, the whole province in view and zoomed in on a ward; and the page `/ban-do/`
(which frames the map from the units' extents). p50/p95 of --requests requests after a
warm-up. Results are printed as Markdown for bench/RESULTS.md.
"""

import argparse
import datetime
import http.client
import json
import os
import signal
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_http  # sets the server's environment, then Django up
import bench_search
from django.db import connection
from django.utils import timezone

from raovat.cases.models import Case, Sighting

# Ward centres of the loader's four wards (Quận 1 and Quận 3 of Hồ Chí Minh City) and
# the province's box.
CENTRES = {
    "phuong.bennghe": (10.7769, 106.7009),
    "phuong.benthanh": (10.7725, 106.6980),
    "phuong.vothisau": (10.7830, 106.6860),
    "phuong.p9q3": (10.7820, 106.6790),
}
PROVINCE = (106.36, 10.37, 107.03, 11.16)  # west, south, east, north


def place_sightings() -> None:
    from raovat.units.models import User

    units = {User.objects.get(username=u).unit_id: c for u, c in CENTRES.items()}
    values = ", ".join(f"({u}, {lat}, {lng})" for u, (lat, lng) in units.items())
    west, south, east, north = PROVINCE
    with connection.cursor() as c:
        c.execute(f"""
            UPDATE cases_sighting s SET
              latitude = round((CASE WHEN s.id % 10 < 3 THEN {south} + random() * {north - south}
                    ELSE c.lat + (random() + random() - 1) * 0.03 END)::numeric, 6),
              longitude = round((CASE WHEN s.id % 10 < 3 THEN {west} + random() * {east - west}
                    ELSE c.lng + (random() + random() - 1) * 0.03 END)::numeric, 6),
              ad_type = (ARRAY['sticker','leaflet','painted','banner','other'])[1 + s.id % 5]
            FROM (VALUES {values}) AS c(unit, lat, lng)
            WHERE s.reporting_unit_id = c.unit""")
        c.execute("VACUUM ANALYZE cases_sighting")


def rebuild_tally() -> None:
    """The coordinates were written around the services: count them again (what
    `manage.py tallies_rebuild` does for every tally)."""
    from raovat.cases.tallies import rebuild
    from raovat.cases.tallies.map import TALLY

    started = time.perf_counter()
    rows = rebuild(TALLY)
    with connection.cursor() as c:
        c.execute("VACUUM ANALYZE cases_mapcell")
    print(f"map tally rebuilt: {rows:,} rows in {time.perf_counter() - started:.0f} s", flush=True)


def urls() -> list[tuple[str, str, str]]:
    today = timezone.localdate()
    year = f"tu={today - datetime.timedelta(days=364):%d/%m/%Y}&den={today:%d/%m/%Y}"
    month = f"tu={today - datetime.timedelta(days=29):%d/%m/%Y}&den={today:%d/%m/%Y}"
    province = "bbox=106.30,10.30,107.10,11.20&z=10"
    ward = "bbox=106.690,10.770,106.712,10.784&z=16"
    data = "/ban-do/du-lieu/?"
    return [
        ("sotttt", "province, a year, whole province in view (z=10)", f"{data}{year}&{province}"),
        ("sotttt", "province, a year, one ward in view (z=16)", f"{data}{year}&{ward}"),
        ("sotttt", "province, a month, whole province in view", f"{data}{month}&{province}"),
        ("sotttt", "province, a month, one ward in view (z=16)", f"{data}{month}&{ward}"),
        (
            "sotttt",
            "province, a year, state «Đã kết thúc», ad type «Tờ rơi»",
            f"{data}{year}&{province}&trang_thai=closed&hinh_thuc=leaflet",
        ),
        ("vhtt.quan1", "district, a year, whole province in view", f"{data}{year}&{province}"),
        ("sotttt", "page /ban-do/ of the province (a year: the units' extents)", "/ban-do/"),
    ]


def measure(port: int, cookies, plan, repeat: int) -> list[str]:
    rows = []
    for username, label, url in plan:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        ms, status = bench_http.get(conn, url, cookies[username])  # warm-up
        if status != 200:
            sys.exit(f"{url}: HTTP {status}")
        samples = []
        for _ in range(repeat):
            ms, status = bench_http.get(conn, url, cookies[username])
            samples.append(ms)
        conn.request(
            "GET", url, headers={"Cookie": f"sessionid={cookies[username]}", "Host": "127.0.0.1"}
        )
        body = conn.getresponse().read()
        shown = ""
        if url.startswith("/ban-do/du-lieu/"):
            d = json.loads(body)
            shown = (
                f"{d['total']:,} sightings → {len(d['clusters'])} clusters, "
                f"{len(d['points'])} points, {len(body) / 1024:.1f} KB"
            )
            if d["period"]["whole_months"]:
                shown += f"; whole months {d['period']['from']}–{d['period']['to']}"
        rows.append(
            f"| {label} | {statistics.median(samples):.0f} ms | "
            f"{bench_http.percentile(samples, 0.95):.0f} ms | {shown} |"
        )
        print(rows[-1], flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--port", type=int, default=8310)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reuse", action="store_true", help="skip loading, time only")
    parser.add_argument(
        "--place",
        action="store_true",
        help="the cases are loaded (a copy of a bench_search.py load): give the sightings "
        "coordinates, rebuild the map's tally, then time",
    )
    args = parser.parse_args()
    if not args.reuse:
        if not args.place:
            if Case.objects.exists():
                sys.exit("The database already has cases: use an empty one, or --reuse.")
            bench_search.load(args.cases)
        place_sightings()
        rebuild_tally()
    bench_http.apply_database_settings()
    cookies = bench_http.sessions({"sotttt", "vhtt.quan1"})
    with_coords = Sighting.objects.filter(latitude__isnull=False).count()
    print(
        f"cases: {Case.objects.count():,}; sightings with coordinates: {with_coords:,}; "
        f"gunicorn {args.workers} workers, DEBUG=false; load average "
        f"{os.getloadavg()[0]:.1f}",
        flush=True,
    )
    server = bench_http.start_server(args.port, args.workers)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    try:
        print("| request | p50 | p95 | answer |\n|---|---|---|---|", flush=True)
        measure(args.port, cookies, urls(), args.requests)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    t0 = time.perf_counter()
    main()
    print(f"done in {time.perf_counter() - t0:.0f} s")
