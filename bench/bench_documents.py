"""Documents end to end with Typst: a one-page slip and the 750-row slip.

    .venv/bin/python bench/bench_documents.py [--rows 750] [--runs 5]

Builds the manual's chain in a throwaway test database (SQLite, or the DATABASE_URL
server), then times `document_render` end to end (queries, context, Typst compile):
the first render of the process (fresh), then warm runs. Peak memory is the process's
maximum resident set. Results go in RESULTS.md.
"""

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raovat.settings")
os.environ.setdefault("DEBUG", "true")  # a development instance on this machine


def _timed(way, runs, change):
    times, size = [], 0
    for run in range(runs):
        # A document not printed before: Typst memoises a compile of the same input, and
        # a second print of an unchanged document is not what an officer waits for.
        change(run)
        start = time.perf_counter()
        size = len(way())
        times.append(time.perf_counter() - start)
    return times, size


def _phases(services, kind, subject, change, runs) -> None:
    """Where the time of one slip goes: queries and context, the JSON handed to Typst,
    the Typst compile (medians of `runs` changed documents)."""
    import json

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from raovat.documents import pdf

    parts = {"queries + context": [], "JSON": [], "Typst, in its own process": []}
    queries = 0
    for run in range(runs):
        change(100 + run)
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            context = services.document_context(kind=kind, subject=subject)
        queries = len(captured)
        built = time.perf_counter()
        data = services.pdf_data(kind, context)
        json.dumps(data, ensure_ascii=False)
        dumped = time.perf_counter()
        pdf.render_pdf(kind, data)
        done = time.perf_counter()
        parts["queries + context"].append(built - start)
        parts["JSON"].append(dumped - built)
        parts["Typst, in its own process"].append(done - dumped)
    print(
        f"where the time goes ({queries} queries): "
        + "; ".join(f"{name} {statistics.median(t):.3f} s" for name, t in parts.items())
    )


# Runs a command and prints the largest resident set of its children. Started from this
# small process, the child's figure is its own (Linux counts a child's memory before it
# replaces itself by the new program, and a fork of this benchmark holds the database).
PEAK = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdin=sys.stdin, "
    "stdout=subprocess.DEVNULL, check=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def _child_peak(services, subject) -> float:
    """The peak memory (MB) of the process that lays out `subject`'s slip."""
    import json
    import subprocess

    from raovat.documents import pdf
    from raovat.documents.kinds import DocumentKind as K

    data = services.pdf_data(
        K.TRANSFER_SLIP, services.document_context(kind=K.TRANSFER_SLIP, subject=subject)
    )
    done = subprocess.run(
        [sys.executable, "-c", PEAK, *pdf.command(K.TRANSFER_SLIP)],
        input=json.dumps(data, ensure_ascii=False).encode(),
        capture_output=True,
        check=True,
    )
    return int(done.stdout) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=750)
    parser.add_argument("--runs", type=int, default=6)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from raovat.demo.chains import build_manual_chain
        from raovat.documents import services
        from raovat.documents.kinds import DocumentKind as K
        from tests.documents_helpers import slip_of_cases

        chain = build_manual_chain()
        actor = chain.user("vhtt.quan1")
        wards = [chain.units["ward_bennghe"], chain.units["ward_benthanh"]]
        dispatch, cases = slip_of_cases(actor=actor, wards=wards, count=args.rows)
        from raovat.cases.models import Dispatch, DispatchItem

        single = Dispatch.objects.create(
            kind="subscriber_info",
            from_unit=actor.unit,
            to_unit=dispatch.to_unit,
            year=2026,
            created_by=actor,
        )
        DispatchItem.objects.create(dispatch=single, case=cases[0], position=0)

        def one_page():
            return services.document_render(kind=K.TRANSFER_SLIP, subject=single, fmt="pdf").content

        def slip():
            return services.document_render(
                kind=K.TRANSFER_SLIP, subject=dispatch, fmt="pdf"
            ).content

        def change(subject):
            def set_note(run):
                Dispatch.objects.filter(pk=subject.pk).update(note=f"Lần in {run + 1}.")

            return set_note

        start = time.perf_counter()
        one_page()
        print(f"first render in this process (one-page slip): {time.perf_counter() - start:.2f} s")
        for name, way, subject in [
            ("one-page slip, one case (PDF)", one_page, single),
            (f"{args.rows}-row slip (PDF)", slip, dispatch),
        ]:
            times, size = _timed(way, args.runs, change(subject))
            first, again = times[0], times[1:]
            print(
                f"{name}: first (rows never laid out in this process) {first:.3f} s; "
                f"again with a changed note: median {statistics.median(again):.3f} s, "
                f"min {min(again):.3f} s, max {max(again):.3f} s; {size / 1024:.0f} KiB"
            )
        _phases(services, K.TRANSFER_SLIP, dispatch, change(dispatch), args.runs)
        print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} processors")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"peak memory (max RSS): this process {peak:.0f} MB; the Typst process of "
            f"the one-page slip {_child_peak(services, single):.0f} MB, of the "
            f"{args.rows}-row slip {_child_peak(services, dispatch):.0f} MB"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
