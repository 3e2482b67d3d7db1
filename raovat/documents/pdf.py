"""PDF layout with WeasyPrint; long case tables are laid out in parallel page ranges.

WeasyPrint spends nearly all of a long transfer slip on the table: one Pango layout
and a dozen boxes per cell, in pure Python, on one core. A 750-row slip is ~5,300 cells.
So, for a document whose case table is long (decision 008):

1. a *probe* (the document's own head and table header, with four made-up rows) is laid
   out once and measured: where rows start on page 1 and on later pages, where the page
   ends, the height of a row of one and of two lines, each column's width, the font size;
2. each row's height comes from its cells' text: the font's own advance widths and
   kerning, and Pango's line breaking at spaces. Text the model cannot be sure of
   (a word that must break inside, a line within a pixel of full, a sign or script
   outside the model) is laid out by WeasyPrint in a second, small probe;
3. the rows fill the pages as WeasyPrint fills them (a row goes on while its bottom is
   within the page), and the pages are cut into parts, one per processor. Each part is
   a document of its own (the first with the head, the last with the signature), with
   a forced break where each planned page starts and its page numbers going on from the
   previous part's. The parts are laid out at once, here and in worker processes;
4. every row's place is then read back: each page must hold exactly its planned rows,
   and the first row of each page must really not have fitted on the page before. Then
   the paper is the one a single layout makes, page for page. If not, the document is
   laid out in one piece: a wrong guess costs time, never a different paper.

Here: the worker processes and putting the parts together. The plan and its check are in
`pdf_plan`, the calls into WeasyPrint in `pdf_layout`. None of the three imports Django:
the worker processes import them alone.
"""

import io
import logging
import os
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path

from raovat.documents.pdf_layout import render_part, stylesheet_bytes
from raovat.documents.pdf_plan import Plan, TableDocument, check_plan, plan_parts

__all__ = ["html_to_pdf", "render_part", "stylesheet_bytes"]

log = logging.getLogger("raovat.documents")

# Below this many rows one process lays the document out in about a second.
PARALLEL_MIN_ROWS = 200
MAX_PROCESSES = 4
PART_TIMEOUT_SECONDS = 300


# -- in parallel ----------------------------------------------------------------------

_pool: ProcessPoolExecutor | None = None
_pool_size = 0
_pool_lock = threading.Lock()


def processors() -> int:
    """Processors this process may use: its CPU affinity, within a cgroup's CPU quota."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        count = os.cpu_count() or 1
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()
        if quota != "max":
            count = min(count, max(1, int(quota) // int(period)))
    except (OSError, ValueError):
        pass
    return count


def _warm() -> None:
    # Ctrl+C goes to the worker that owns these processes; they finish or are stopped.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Font configuration and the stylesheets load once per process, not per part.
    render_part("<p>Cộng hòa</p>")


def _workers(size: int) -> ProcessPoolExecutor:
    """Worker processes kept for the life of this one; started by spawn, not fork, so
    that they never inherit a lock another thread held (the job worker's heartbeat)."""
    global _pool, _pool_size
    with _pool_lock:
        if _pool is None or _pool_size < size:
            if _pool is not None:
                _pool.shutdown(wait=False, cancel_futures=True)
            _pool = ProcessPoolExecutor(max_workers=size, mp_context=get_context("spawn"),
                                        initializer=_warm)
            _pool_size = size
        return _pool


def _drop_workers(*, kill: bool = False) -> None:
    global _pool, _pool_size
    with _pool_lock:
        if _pool is not None:
            if kill:  # a part that never ends: its process is stopped with the pool
                for process in list(getattr(_pool, "_processes", {}).values()):
                    process.terminate()
            _pool.shutdown(wait=False, cancel_futures=True)
        _pool, _pool_size = None, 0


def join_pdfs(parts: list[bytes]) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    first = PdfReader(io.BytesIO(parts[0]))
    if first.metadata:
        writer.add_metadata(dict(first.metadata))
    language = first.trailer["/Root"].get("/Lang")
    if language is not None:
        writer.root_object[NameObject("/Lang")] = language
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render_parts(plan: Plan) -> bytes | None:
    """The parts laid out at once and joined, or None when they are not as planned."""
    first, *others = plan.parts
    futures = ([_workers(len(others)).submit(render_part, part.html, part.css)
                for part in others] if others else [])
    try:
        results = [render_part(first.html, first.css)]
        results += [future.result(timeout=PART_TIMEOUT_SECONDS) for future in futures]
    finally:
        for future in futures:
            future.cancel()
    problem = check_plan(plan, [placed for _, placed in results])
    if problem:
        log.warning("PDF plan: %s; laying out in one piece", problem)
        return None
    return join_pdfs([content for content, _ in results])


def html_to_pdf(html: str, *, processes: int | None = None) -> bytes:
    """The PDF of a document's HTML; a long case table is laid out in parallel."""
    count = min(processes or processors(), MAX_PROCESSES)
    document = TableDocument.split(html)
    if count > 1 and document is not None and len(document.rows) >= PARALLEL_MIN_ROWS:
        content = None
        try:
            plan = plan_parts(document, count)
            content = render_parts(plan) if plan else None
        except BrokenProcessPool:
            log.exception("PDF worker processes stopped; laying out in one piece")
            _drop_workers()
        except FutureTimeout:
            log.exception("A PDF part took over %s s; laying out in one piece",
                          PART_TIMEOUT_SECONDS)
            _drop_workers(kill=True)
        except Exception:
            # Laying out in parts only saves time: whatever goes wrong with it, the
            # document is still made the plain way, and the error is in the log.
            log.exception("PDF in parts failed; laying out in one piece")
        if content is not None:
            return content
    return render_part(html)[0]

