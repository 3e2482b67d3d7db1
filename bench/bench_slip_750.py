"""How long the 750-row transfer slip takes to render as PDF and DOCX.

    .venv/bin/python bench/bench_slip_750.py [--rows 750] [--runs 3]

Builds the manual's chain and a 750-case dispatch in a throwaway test database
(SQLite, or the DATABASE_URL server), then times `document_render` end to end:
queries, context, HTML/DOCX templating, and the PDF layout (in parallel processes for a
long table), and, for comparison, the same HTML laid out in one process. Results go in RESULTS.md.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raovat.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=750)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        from raovat.demo.chains import build_manual_chain
        from raovat.documents import pdf, services
        from raovat.documents.kinds import DocumentKind as K
        from tests.documents_helpers import slip_of_cases

        chain = build_manual_chain()
        actor = chain.user("vhtt.quan1")
        wards = [chain.units["ward_bennghe"], chain.units["ward_benthanh"]]
        dispatch, _ = slip_of_cases(actor=actor, wards=wards, count=args.rows)
        # Warm-up, as in a job worker that has run before: fonts and templates loaded,
        # the PDF worker processes started (`raovat/documents/pdf.py`).
        services.document_render(kind=K.TRANSFER_SLIP, subject=dispatch, fmt="docx")
        services.document_render(kind=K.TRANSFER_SLIP, subject=dispatch, fmt="pdf")
        html = services.document_html(kind=K.TRANSFER_SLIP, subject=dispatch)
        ways = {
            "pdf": lambda: services.document_render(kind=K.TRANSFER_SLIP, subject=dispatch,
                                                    fmt="pdf").content,
            "pdf in one process": lambda: pdf.render_part(html)[0],
            "docx": lambda: services.document_render(kind=K.TRANSFER_SLIP, subject=dispatch,
                                                     fmt="docx").content,
        }
        print(f"{args.rows} rows, {pdf.processors()} processors, {args.runs} runs each")
        for name, way in ways.items():
            times, size = [], 0
            for _ in range(args.runs):
                start = time.perf_counter()
                size = len(way())
                times.append(time.perf_counter() - start)
            print(f"{name}: median {statistics.median(times):.2f} s, min {min(times):.2f} s, "
                  f"max {max(times):.2f} s, {size / 1024:.0f} KiB")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
