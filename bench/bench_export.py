"""How long the search export takes to write, to choose what runs inside a request.

Run against PostgreSQL on an empty throwaway database:

    createdb raovat_bench_export
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/raovat_bench_export \\
        DB_STATEMENT_TIMEOUT=600 python bench/bench_export.py --cases 200000

It loads synthetic cases with `bench_search.load` (a district office then sees a quarter
of them, 40 % with a subscriber's name), and times `search_export_write` for the
district office: the whole export (queries, rows, the workbook, the access log) into
memory, at the in-request threshold and at the export's limit.
Results go to stdout; record them in bench/RESULTS.md.
"""

import argparse
import io
import statistics
import sys
import time

from bench_search import load  # sets up Django

from raovat.cases.models import Case
from raovat.cases.selectors.search import Criteria
from raovat.cases.services import search_export as exports
from raovat.units.models import User


def run(repeat: int) -> None:
    officer = User.objects.select_related("unit").get(username="vhtt.quan1")
    print(
        f"cases: {Case.objects.count():,}; visible to {officer.unit.short_name}: "
        f"{exports.export_size(user=officer, criteria=Criteria()):,}"
    )
    for rows in (exports.INLINE_ROWS, exports.EXPORT_LIMIT):
        exports.EXPORT_LIMIT, limit = rows, exports.EXPORT_LIMIT
        samples, size = [], 0
        for _ in range(repeat):
            out = io.BytesIO()
            t0 = time.perf_counter()
            written = exports.search_export_write(user=officer, criteria=Criteria(), out=out)
            samples.append(time.perf_counter() - t0)
            size = len(out.getvalue())
        exports.EXPORT_LIMIT = limit
        print(
            f"{written:>7,} rows: median {statistics.median(samples):6.2f} s, "
            f"min {min(samples):6.2f} s, max {max(samples):6.2f} s, {size / 1024:,.0f} KiB "
            f"({repeat} runs)"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="skip loading, time only")
    args = parser.parse_args()
    if not args.reuse:
        if Case.objects.exists():
            sys.exit("The database already has cases: use an empty one, or --reuse.")
        load(args.cases)
    run(args.repeat)
