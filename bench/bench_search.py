"""How the reads of the officers' screens behave at a million cases.

Run against PostgreSQL (the production database) on an empty throwaway database:

    createdb raovat_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/raovat_bench \\
        python bench/bench_search.py --cases 1000000

It loads the manual's chain, bulk-inserts synthetic cases spread over four wards (the
workflow service is not the subject here), then times the reminder panel, a work list,
and "Tra cứu hồ sơ" at page 1 and at page 1,000, by phone fragment and by name.
Results go to stdout; record them in bench/RESULTS.md.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raovat.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from raovat.cases.clocks import DEFAULT_STATE_DAYS  # noqa: E402
from raovat.cases.models import Case  # noqa: E402
from raovat.cases.selectors.reminders import reminders_for  # noqa: E402
from raovat.cases.selectors.search import Criteria, case_search, paginate  # noqa: E402
from raovat.cases.selectors.worklists import to_confirm  # noqa: E402
from raovat.cases.tallies import rebuild  # noqa: E402
from raovat.cases.tallies.dispatches import TALLY as WAITING_DISPATCHES  # noqa: E402
from raovat.cases.text import fold  # noqa: E402
from raovat.cases.workflow import State  # noqa: E402
from raovat.demo.chains import build_manual_chain  # noqa: E402
from raovat.units.models import Role  # noqa: E402

OPEN = [s for s in State if s not in (State.DRAFT, State.CLOSED, State.CANCELLED)]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Hoàng Cường", "Phạm Thu Dung", "Võ Minh Em"]


def load(n: int) -> None:
    """Synthetic cases written by SQL (generate_series): seconds instead of an hour."""
    if connection.vendor != "postgresql":
        sys.exit("This benchmark loads its data with PostgreSQL's generate_series.")
    chain = build_manual_chain()
    wards = [u for u in chain.units.values() if u.role == Role.REPORTER]
    user = chain.users["phuong.bennghe"]
    states = [s.value for s in OPEN]
    params = {
        # Each open state's deadline, in calendar days (5 working days a week): the
        # reminders' "Sắp đến hạn" / "Quá hạn" count this column by an indexed range.
        "due_states": [str(s) for s in DEFAULT_STATE_DAYS],
        "due_days": [(d * 7 + 4) // 5 for d in DEFAULT_STATE_DAYS.values()],
        "n": n,
        "wards": [w.pk for w in wards],
        "handlers": [w.handling_unit_id for w in wards],
        "states": states,
        "telecom": chain.units["telecom"].pk,
        "culture": chain.units["culture"].pk,
        "user": user.pk,
        "year": timezone.now().year,
        "names": [fold(x) for x in NAMES],
        "full": NAMES,
    }
    with connection.cursor() as c:
        c.execute("SET statement_timeout = 0")  # the application's limit is for requests
        c.execute(
            """
            INSERT INTO cases_case (number, phone_e164, phone_national, phone_written,
              carrier_hint, state, state_since, current_unit_id, reporting_unit_id,
              handling_unit_id, telecom_unit_id, culture_unit_id, first_found_on,
              received_at, created_by_id, created_at, due_on)
            SELECT 'HS-' || %(year)s || '-' || lpad(i::text, 7, '0'),
                   '+849' || lpad(i::text, 8, '0'), '09' || lpad(i::text, 8, '0'),
                   '09' || lpad(i::text, 8, '0'), 'viettel',
                   st, t,
                   CASE
                     WHEN st IN ('closed', 'cancelled') THEN NULL
                     WHEN st IN ('at_telecom', 'suspension_requested', 'suspended')
                       THEN %(telecom)s
                     WHEN st = 'at_culture' THEN %(culture)s
                     WHEN st IN ('draft', 'returned_to_reporter')
                       THEN (%(wards)s::int[])[1 + i %% 4]
                     ELSE (%(handlers)s::int[])[1 + i %% 4]
                   END,
                   (%(wards)s::int[])[1 + i %% 4],
                   (%(handlers)s::int[])[1 + i %% 4], %(telecom)s, %(culture)s,
                   t::date, t, %(user)s, t,
                   t::date + (%(due_days)s::int[])[
                       array_position(%(due_states)s::text[], st)]
            FROM (SELECT i, now() - (random() * interval '365 days') AS t,
                         -- most cases of a year are finished; the rest spread over the
                         -- open states, as in a running city
                         CASE WHEN i %% 100 < 84 THEN 'closed'
                              WHEN i %% 100 = 84 THEN 'cancelled'
                              ELSE (%(states)s::text[])[1 + i %% cardinality(%(states)s::text[])]
                         END AS st
                  FROM generate_series(1, %(n)s) AS i) g
        """,
            params,
        )
        c.execute("""
            INSERT INTO cases_caseunit (case_id, unit_id, role, since)
            SELECT id, reporting_unit_id, 'reporter', created_at FROM cases_case
            UNION ALL
            SELECT id, handling_unit_id, 'handler', created_at FROM cases_case
            UNION ALL
            SELECT id, telecom_unit_id, 'telecom', created_at FROM cases_case
            WHERE state NOT IN ('draft', 'awaiting_confirmation', 'returned_to_reporter',
                                'confirmed')
        """)
        c.execute(
            """
            INSERT INTO cases_sighting (case_id, reporting_unit_id, found_on, place, ad_type,
              ad_text, phone_written, text_folded, recorded_by_id, created_at)
            SELECT id, reporting_unit_id, first_found_on,
                   'Trụ điện trước số ' || (id %% 300) || ' Lê Thánh Tôn', 'sticker',
                   'Khoan cắt bê tông', phone_written,
                   'tru dien truoc so ' || (id %% 300) || ' le thanh ton khoan cat be tong',
                   %(user)s, created_at
            FROM cases_case
        """,
            params,
        )
        c.execute(
            """
            INSERT INTO cases_subscriber (case_id, full_name, kind, id_number, address,
              carrier, name_folded, address_folded, provided_by_id, provided_by_user_id,
              provided_at)
            SELECT id, (%(full)s::text[])[1 + id %% 5] || ' ' || id, 'individual', '',
                   'Quận 1', 'viettel', (%(names)s::text[])[1 + id %% 5] || ' ' || id,
                   'quan 1', %(telecom)s, %(user)s, created_at
            FROM cases_case WHERE id %% 5 < 2
        """,
            params,
        )
        load_dispatches(c, params)
    # The telecom authority's incoming list reads its kept tally (decision 030): filled
    # from the loaded rows as `manage.py tallies_rebuild` would.
    rebuild(WAITING_DISPATCHES)
    with connection.cursor() as c:
        c.execute("VACUUM ANALYZE")  # index-only scans, as autovacuum leaves them


SLIP = 95  # cases per dispatch to the telecom authority, as in a busy district


def load_dispatches(c, params) -> None:
    """Every case that reached the telecom authority came on a sent dispatch of ~95
    cases from its district, and every case has the event of its submission: the
    telecom authority's list and the case's history read real volumes."""
    c.execute(
        """
        CREATE TEMP TABLE bench_sent AS
        SELECT id, handling_unit_id AS h, created_at,
               (row_number() OVER (PARTITION BY handling_unit_id ORDER BY id) - 1) / %(slip)s
                 AS slip
        FROM cases_case
        WHERE state NOT IN ('draft', 'awaiting_confirmation', 'returned_to_reporter',
                            'confirmed', 'cancelled')
    """,
        {**params, "slip": SLIP},
    )
    c.execute(
        """
        INSERT INTO cases_dispatch (kind, from_unit_id, to_unit_id, from_unit_name,
          to_unit_name, year, number, number_label, note, signed_scan, version,
          printed_version, created_by_id, created_at, sent_by_id, sent_at)
        SELECT 'subscriber_info', h, %(telecom)s, 'Phòng Văn hóa', 'Sở TTTT', %(year)s,
               slip + 1, (slip + 1) || '/PC-' || h, '', '', 1, 1, %(user)s,
               max(created_at), %(user)s, max(created_at)
        FROM bench_sent GROUP BY h, slip
    """,
        params,
    )
    c.execute(
        """
        INSERT INTO cases_dispatchitem (dispatch_id, case_id, position)
        SELECT d.id, s.id, row_number() OVER (PARTITION BY d.id ORDER BY s.id)
        FROM bench_sent s JOIN cases_dispatch d
          ON d.from_unit_id = s.h AND d.number = s.slip + 1 AND d.year = %(year)s
             AND d.kind = 'subscriber_info'
    """,
        params,
    )
    c.execute("DROP TABLE bench_sent")
    # The numbering counters go on after the loaded numbers, as in a running city.
    c.execute(
        """
        INSERT INTO cases_counter (key, last)
        SELECT 'doc/' || from_unit_id || '/PC/' || year, max(number) FROM cases_dispatch
        GROUP BY from_unit_id, year
        UNION ALL SELECT 'case/' || %(year)s, %(n)s
        ON CONFLICT (key) DO UPDATE SET last = EXCLUDED.last
    """,
        params,
    )
    c.execute(
        """
        INSERT INTO cases_caseevent (case_id, action, from_state, to_state, actor_id,
          actor_name, unit_id, unit_name, next_unit_id, next_unit_name, at, note,
          attachment)
        SELECT id, 'submit', 'draft', 'awaiting_confirmation', %(user)s, 'Cán bộ phường',
               reporting_unit_id, 'Phường', handling_unit_id, 'Phòng Văn hóa', created_at,
               '', ''
        FROM cases_case
    """,
        params,
    )


def timed(label: str, fn, repeat: int = 5) -> float:
    fn()  # warm the cache: officers hit a warm database
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    median = statistics.median(samples)
    print(f"{label:<60} {median:8.1f} ms (median of {repeat})")
    return median


def cursor_of_page(qs, page: int, sort="so-ho-so"):
    """The cursor a user holds after clicking "Trang sau" page-1 times."""
    from raovat.cases.selectors.search import PAGE_SIZE, _encode

    row = qs.order_by("-id")[page * PAGE_SIZE - 1 : page * PAGE_SIZE].get()
    return _encode(row.id, row.id, page)


def run() -> None:
    from raovat.units.models import User

    officer = User.objects.get(username="vhtt.quan1")
    telecom = User.objects.get(username="sotttt")
    print(f"cases: {Case.objects.count():,}  database: {connection.vendor}")
    timed(
        "Nhắc việc: reminder counts of a district office", lambda: reminders_for(unit=officer.unit)
    )
    timed("Work list: first 50 cases to confirm", lambda: list(to_confirm(user=officer)[:50]))
    for who, user in (("district", officer), ("telecom", telecom)):
        qs = case_search(user=user, criteria=Criteria())
        timed(
            f"Search ({who}), no criteria, page 1",
            lambda qs=qs: paginate(qs, sort="so-ho-so", descending=True),
        )
        cursor = cursor_of_page(qs, 999)
        timed(
            f"Search ({who}), no criteria, page 1,000",
            lambda qs=qs, c=cursor: paginate(qs, sort="so-ho-so", descending=True, after=c),
        )
    for label, criteria in (
        ("phone fragment '345.678'", Criteria(phone="345.678")),
        ("name without accents 'nguyen van an 12'", Criteria(subscriber_name="nguyen van an 12")),
        ("place on every case 'le thanh ton'", Criteria(address="le thanh ton")),
        ("place on 1 case in 300 'so 17 le thanh'", Criteria(address="so 17 le thanh")),
        ("place on no case 'khong ton tai'", Criteria(address="khong ton tai")),
    ):
        qs = case_search(user=officer, criteria=criteria)
        timed(
            f"Search (district), {label}, page 1",
            lambda qs=qs: paginate(qs, sort="so-ho-so", descending=True),
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="skip loading, time only")
    parser.add_argument("--load-only", action="store_true", help="load, do not time")
    args = parser.parse_args()
    if not args.reuse:
        if Case.objects.exists():
            sys.exit("The database already has cases: use an empty one, or --reuse.")
        t0 = time.perf_counter()
        load(args.cases)
        print(f"loaded in {time.perf_counter() - t0:.0f} s")
    if not args.load_only:
        run()
