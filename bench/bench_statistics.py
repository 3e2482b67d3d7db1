""""Thống kê" of a province for a year, over HTTP, at up to a million cases.

Served as production serves it (gunicorn, DEBUG=false, PostgreSQL), on its own
throwaway database:

    createdb bench_stats
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_stats \\
        python bench/bench_statistics.py --cases 1000000

The loader of bench_search.py writes the cases; this one replaces their history with
the full course of each case's state (one row per step, days apart), as the workflow
service would have written it, and rebuilds the kept counts (`tallies_rebuild`). On a
copy of an existing database, `--history` replaces the history and rebuilds, `--rebuild`
only rebuilds, `--prepare-only` stops before measuring. Then a leader of the province
("lãnh đạo") and the district office ask for the year's statistics; p50/p95 of
--requests requests after a warm-up, and the time of each SQL statement of the page.
Results are printed as Markdown for bench/RESULTS.md.
"""

import argparse
import os
import signal
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_http
import bench_search
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from raovat.cases.models import Case, CaseEvent, StatisticsTally
from raovat.demo.scenario import PATHS
from raovat.units.models import Unit, User

DAYS_PER_STEP = 2


def steps_sql() -> str:
    """(state, step, action, from, to) of each path of raovat.demo.scenario.PATHS."""
    from raovat.cases.workflow import TRANSITIONS

    rows = []
    for state, actions in PATHS.items():
        current = "draft"
        for step, action in enumerate(actions, start=1):
            target = TRANSITIONS[action].target
            rows.append(f"('{state}', {step}, '{action}', '{current}', '{target}')")
            current = target
    return ",\n".join(rows)


def load_history() -> None:
    user = User.objects.get(username="phuong.bennghe")
    with connection.cursor() as c:
        c.execute("SET statement_timeout = 0")
        c.execute("DELETE FROM cases_caseevent")
        c.execute(
            f"""
            INSERT INTO cases_caseevent (case_id, action, from_state, to_state, actor_id,
              actor_name, unit_id, unit_name, next_unit_name, at, note, attachment)
            SELECT id, 'open', '', 'draft', %(user)s, 'Cán bộ', reporting_unit_id, '', '',
                   created_at, '', ''
            FROM cases_case
            UNION ALL
            SELECT c.id, p.action, p.src, p.dst, %(user)s, 'Cán bộ', c.reporting_unit_id, '',
                   '', c.created_at + (p.step * {DAYS_PER_STEP} + (c.id %% 3)) * interval '1 day',
                   '', ''
            FROM cases_case c
            JOIN (VALUES {steps_sql()}) AS p(state, step, action, src, dst) ON p.state = c.state
        """,
            {"user": user.pk},
        )
        c.execute("VACUUM ANALYZE cases_caseevent")


def leader() -> User:
    city = Unit.objects.get(parent__isnull=True, role="")
    user, _ = User.objects.get_or_create(
        username="lanhdao",
        defaults={"full_name": "Lãnh đạo Thành phố", "unit": city, "leader": True},
    )
    return user


def print_rows_read(plan) -> None:
    """How many kept rows each page sums (its scope's rows of the period)."""
    from raovat.cases.selectors.statistics import Period, period_q, viewers

    today = timezone.localdate()
    for username, label, url in plan:
        period = (
            Period.month(today.year, today.month) if "thang" in url else Period.year(today.year)
        )
        user = User.objects.get(username=username)
        rows = StatisticsTally.objects.filter(
            period_q(period.start, period.end), viewer__in=viewers(user)
        ).count()
        print(f"{label}: sums {rows:,} kept rows")


def sql_times(username: str, url: str) -> list[tuple[float, str]]:
    client = Client(SERVER_NAME="127.0.0.1")
    client.force_login(User.objects.get(username=username))
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return sorted(
        ((float(q["time"]) * 1000, q["sql"][:90]) for q in queries.captured_queries), reverse=True
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument(
        "--history", action="store_true", help="replace the history of an existing copy"
    )
    parser.add_argument("--rebuild", action="store_true", help="rebuild the kept counts")
    parser.add_argument("--prepare-only", action="store_true", help="stop before measuring")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    if not Case.objects.exists():
        t0 = time.perf_counter()
        # Dispatches are not counted here (and their loader lags the dispatch table).
        bench_search.load_dispatches = lambda cursor, params: None
        bench_search.load(args.cases)
        load_history()
        print(f"loaded {args.cases:,} cases and their history in {time.perf_counter() - t0:.0f} s")
        args.rebuild = True
    elif args.history:
        t0 = time.perf_counter()
        load_history()
        print(f"replaced the history in {time.perf_counter() - t0:.0f} s")
        args.rebuild = True
    if args.rebuild:
        t0 = time.perf_counter()
        with connection.cursor() as c:
            c.execute("SET statement_timeout = 0")
        call_command("tallies_rebuild")
        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE cases_statisticstally")
        print(f"rebuilt the kept counts in {time.perf_counter() - t0:.0f} s")
    if args.prepare_only:
        return
    bench_http.apply_database_settings()
    leader()
    year = timezone.localdate().year
    plan = [
        ("lanhdao", "Thống kê của thành phố, năm", f"/thong-ke/?ky=nam&nam={year}"),
        ("vhtt.quan1", "Thống kê của một quận, năm", f"/thong-ke/?ky=nam&nam={year}"),
        (
            "lanhdao",
            "Thống kê của thành phố, một tháng",
            f"/thong-ke/?ky=thang&nam={year}&thang={timezone.localdate().month}",
        ),
    ]
    cookies = bench_http.sessions({p[0] for p in plan})
    print_rows_read(plan)
    events = CaseEvent.objects.count()
    kept = StatisticsTally.objects.count()
    print(
        f"cases: {Case.objects.count():,}; history rows: {events:,}; kept rows: {kept:,}; gunicorn "
        f"{args.workers} workers, DEBUG=false\n"
    )
    server = bench_http.start_server(args.port, args.workers)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    try:
        print("| user | page | HTTP p50 | p95 | queries |")
        print("|---|---|---|---|---|")
        conn = bench_http.http.client.HTTPConnection("127.0.0.1", args.port, timeout=600)
        for username, label, url in plan:
            for _ in range(args.warmup):
                bench_http.get(conn, url, cookies[username])
            samples, statuses = [], set()
            for _ in range(args.requests):
                ms, status = bench_http.get(conn, url, cookies[username])
                samples.append(ms)
                statuses.add(status)
            times = sql_times(username, url)
            bad = "" if statuses == {200} else f" **HTTP {sorted(statuses)}**"
            print(
                f"| {username} | {label}{bad} | {statistics.median(samples):.0f} ms | "
                f"{bench_http.percentile(samples, 0.95):.0f} ms | {len(times)} |",
                flush=True,
            )
            for ms, sql in times[:5]:
                print(f"|  | {ms:.0f} ms: `{sql}…` | | | |")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raovat.settings")
    main()
