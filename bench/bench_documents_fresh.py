"""A fresh process: Django set up, the first PDF, then the 750-row slip; time and memory.

    .venv/bin/python bench/bench_documents_fresh.py

No database: the documents are laid out from the made-up contexts of the admin's
"Xem thử" (`raovat/documents/contexts/samples.py`), so this measures Typst and the
process alone. Results go in RESULTS.md.
"""

import os
import resource
import sys
import time
from pathlib import Path

START = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raovat.settings")
os.environ.setdefault("DEBUG", "true")  # a development instance on this machine


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    import django

    django.setup()
    from raovat.documents.contexts.samples import sample_context
    from raovat.documents.pdf import render_pdf
    from raovat.documents.services import pdf_data

    ready = time.perf_counter()
    one = render_pdf("transfer_slip", pdf_data("transfer_slip", sample_context("transfer_slip", 1)))
    first = time.perf_counter()
    print(
        f"Python + Django start: {ready - START:.2f} s; first PDF: {first - ready:.2f} s "
        f"({len(one) / 1024:.0f} KiB); peak {rss_mb():.0f} MB"
    )
    big = render_pdf(
        "transfer_slip", pdf_data("transfer_slip", sample_context("transfer_slip", 750))
    )
    print(
        f"750-row slip: {time.perf_counter() - first:.2f} s ({len(big) / 1024:.0f} KiB); "
        f"peak {rss_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
