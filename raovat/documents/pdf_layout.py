"""WeasyPrint, called the way that is fastest for long documents (decision 008).

The stylesheets (print.css, shared with the browser's print preview, and pdf.css, for
WeasyPrint only), a pause of the garbage collector, a roomy call-stack chunk, and the
places of the rows a plan named (`pdf_plan`). Imports nothing from Django: the PDF
worker processes import it alone.
"""

import functools
import gc
from pathlib import Path

HERE = Path(__file__).resolve().parent
# print.css is the layout, shared with the browser's print preview; pdf.css is what
# WeasyPrint alone gets on top of it.
STYLESHEETS = (HERE / "static" / "documents" / "print.css",
               HERE / "static" / "documents" / "pdf.css")
ROW_ID = "plan-row-"  # the id of a row whose place is read back after the layout


@functools.cache
def _stylesheets():
    from weasyprint import CSS

    return tuple(CSS(filename=str(path)) for path in STYLESHEETS)


@functools.cache
def stylesheet_bytes() -> bytes:
    # Read once, like `_stylesheets`: a hash of it must describe the CSS really used.
    return b"\0".join(path.read_bytes() for path in STYLESHEETS)


class gc_paused:
    """No garbage collection while WeasyPrint builds its dozens of objects per cell.

    Otherwise the collector walks the young boxes every 700 allocations: about a third
    of the time of a long table. Memory does not grow for it (the boxes live until the
    PDF is written); the next collection after the layout frees them (~0.2 s).
    A class, not @contextmanager: under a suspended generator frame the same layout
    measured ~10 % slower on Python 3.11 (bench/RESULTS.md).
    """

    def __enter__(self):
        self.enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc_info):
        if self.enabled:
            gc.enable()


def _in_room(function, *args):
    """Call `function` in a frame that makes CPython give the call stack a large chunk.

    CPython 3.11 keeps frames in 16 KB chunks and frees a chunk as soon as the frame at
    its base returns: WeasyPrint's recursion, going up and down across such a boundary,
    cost an mmap and a munmap each time, 100,000 and more for a long table (~15 % of the
    layout, and as much again or not depending on how deep the caller was). This frame
    asks for room for 16,000 values it never uses, so it gets a 256 KB chunk of its own
    and the whole layout runs inside it (bench/RESULTS.md).
    """
    return function(*args)


_in_room.__code__ = _in_room.__code__.replace(co_stacksize=_in_room.__code__.co_stacksize
                                              + 16_000)


def _layout(html: str, extra_css: str = ""):
    """WeasyPrint's layout of `html`; call it with the garbage collector paused."""
    from weasyprint import CSS, HTML

    sheets = [*_stylesheets()] + ([CSS(string=extra_css)] if extra_css else [])
    return HTML(string=html, base_url=str(HERE)).render(stylesheets=sheets)


def _pages(html: str, extra_css: str = ""):
    with gc_paused():
        return _layout(html, extra_css).pages


Placed = list[list[tuple[int, float, float]]]  # per page: (row, top, bottom) of planned rows


def placed_rows(pages) -> Placed:
    """Per page, the named rows on it: (row index, top, bottom), in CSS pixels."""
    return [sorted((int(name[len(ROW_ID):]), box[1], box[3])
                   for name, box in page.anchors.items() if name.startswith(ROW_ID))
            for page in pages]


def _render(html: str, extra_css: str) -> tuple[bytes, Placed]:
    with gc_paused():  # layout and drawing both: a collection in between walks every box
        document = _layout(html, extra_css)
        return document.write_pdf(), placed_rows(document.pages)


def layout_pages(html: str, extra_css: str = ""):
    """The laid-out pages only, for measuring."""
    return _in_room(_pages, html, extra_css)


def render_part(html: str, extra_css: str = "") -> tuple[bytes, Placed]:
    """One document laid out and drawn here: the PDF, and where its planned rows went."""
    return _in_room(_render, html, extra_css)


def overflows(bottom: float, page_bottom: float) -> bool:
    # WeasyPrint's test for a row that does not fit (layout/__init__.py, overflows).
    return bottom > page_bottom * (1 + 1e-9)

