"""PDF layout with WeasyPrint; long case tables are laid out in parallel page ranges.

WeasyPrint spends nearly all of a long transfer slip on the table: one Pango layout
and a dozen boxes per cell, in pure Python, on one core. A 750-row slip is ~5,300 cells.
So, for a document whose case table is long (decision 008):

1. a *probe* (the document's own head and table header, with four made-up rows) is laid
   out once and measured: where the first row starts on page 1 and on later pages,
   where the page ends, the height of a row of one and of two lines, the width of each
   column and the font size;
2. each row's height is computed from its cells' text (the font's own advance widths,
   greedy line breaking, rounded up), and the rows are cut into pages;
3. the pages are cut into parts, one per processor; each part is a document of its own
   (the first with the head, the last with the signature), with a forced break where
   each planned page starts and its page numbers starting where the previous part
   ends; the parts are laid out at once, in this process and in worker processes;
4. every part must come out with exactly its planned pages, else the whole document is
   laid out in one piece as before, so a wrong guess costs time, never a wrong paper.

This module imports nothing from Django: the worker processes import it alone.
"""

import contextlib
import functools
import gc
import html as htmllib
import io
import logging
import math
import os
import re
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

log = logging.getLogger("raovat.documents")

HERE = Path(__file__).resolve().parent
# print.css is the layout, shared with the browser's print preview; pdf.css is what
# WeasyPrint alone gets on top of it.
STYLESHEETS = (HERE / "static" / "documents" / "print.css",
               HERE / "static" / "documents" / "pdf.css")

# Below this many rows one process lays the document out in about a second.
PARALLEL_MIN_ROWS = 200
MAX_PROCESSES = 4

# The case tables of the shipped templates, as they write them (templates/documents/).
TABLE_OPEN = '<table class="cases"'
BODY_OPEN, BODY_CLOSE = "<tbody>", "</tbody>"
ROW = re.compile(r"<tr\b.*?</tr>", re.S)
CELL = re.compile(r"<td\b([^>]*)>(.*?)</td>", re.S)
NOWRAP_CLASS = re.compile(r'class="[^"]*\bn\b')  # `.n` is white-space: nowrap in print.css
COLUMN = re.compile(r"<col\b(?!group)")
HEADER_CELL = re.compile(r"<th\b(?!ead)")
BREAK = re.compile(r"<br\s*/?>", re.I)
TAG = re.compile(r"<[^>]+>")
# Pango never breaks a line before these (UAX #14), so a word and its punctuation go
# together; gluing them only ever makes the estimate taller, which is the safe side.
GLUED = tuple(":;,.!?)]}%»”’/…")
OPENING = {"(", "[", "{", "“", "‘", "«"}
SPACES = re.compile(r"[ \t]+")
PIECE = re.compile(r"[^\W_]*(?:[\W_]|$)")  # a word cut after each sign in it
# Probe text whose width tells the font size WeasyPrint really used.
CALIBRATION = ("0123456789", "Nguyễn Thị Minh Khai, phường Bến Thành")
# Layout units are CSS pixels; the plan stays this far inside the page.
SLACK_PX = 1.0


# -- one process -------------------------------------------------------------------

@functools.cache
def _stylesheets():
    from weasyprint import CSS

    return tuple(CSS(filename=str(path)) for path in STYLESHEETS)


@functools.cache
def stylesheet_bytes() -> bytes:
    # Read once, like `_stylesheets`: a hash of it must describe the CSS really used.
    return b"\0".join(path.read_bytes() for path in STYLESHEETS)


@contextlib.contextmanager
def gc_paused():
    """No garbage collection while WeasyPrint builds its dozens of objects per cell.

    Otherwise the collector walks the young boxes every 700 allocations: about a third
    of the time of a long table. Memory does not grow for it (the boxes live until the
    PDF is written) and the garbage is collected as usual afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _layout(html: str, extra_css: str = ""):
    from weasyprint import CSS, HTML

    sheets = [*_stylesheets()] + ([CSS(string=extra_css)] if extra_css else [])
    return HTML(string=html, base_url=str(HERE)).render(stylesheets=sheets)


def render_part(html: str, extra_css: str = "") -> tuple[bytes, int]:
    """One document laid out and drawn here: the PDF and its number of pages."""
    with gc_paused():
        document = _layout(html, extra_css)
        content, pages = document.write_pdf(), len(document.pages)
        # Freed before the collector is back: else its first pass walks every box.
        del document
    return content, pages


# -- the document around its case table ---------------------------------------------

@dataclass(frozen=True)
class TableDocument:
    """A document cut around its case table, to be put together again by parts."""

    opening: str  # up to and including <main ...>
    before_table: str  # header blocks, title, "Kính gửi", introduction
    table_open: str  # <table class="cases"> with its columns and header row
    rows: tuple[str, ...]
    after_rows: str  # </tbody>, the table's end, the closing text and the signature

    @classmethod
    def split(cls, html: str) -> "TableDocument | None":
        if html.count(TABLE_OPEN) != 1 or html.count(BODY_OPEN) != 1:
            return None
        head, rest = html.split(BODY_OPEN)
        if rest.count(BODY_CLOSE) != 1:
            return None
        body, after = rest.split(BODY_CLOSE)
        main_at = head.find("<main")
        table_at = head.find(TABLE_OPEN)
        if main_at < 0 or table_at < main_at:
            return None
        main_end = head.index(">", main_at) + 1
        rows = tuple(ROW.findall(body))
        return cls(head[:main_end], head[main_end:table_at], head[table_at:], rows,
                   BODY_CLOSE + after)

    def html(self, rows, *, first: bool, last: bool, page_starts=frozenset()) -> str:
        """A document of `rows` (indexes), a forced page break before each of `page_starts`."""
        body = "".join(
            self.rows[i].replace("<tr", '<tr style="break-before: page"', 1)
            if i in page_starts else self.rows[i] for i in rows)
        end = self.after_rows if last else BODY_CLOSE + "</table></main></body></html>"
        return (self.opening + (self.before_table if first else "") + self.table_open
                + BODY_OPEN + body + end)


def part_css(first_page: int) -> str:
    """A later part: its page numbers go on from the previous part's, page 1 included,
    and its table starts at the top of the page like a table that goes on."""
    if first_page == 1:
        return ""
    return (f"@page :first {{ counter-reset: page {first_page}; "
            "@top-center { content: counter(page); } } table.cases { margin-top: 0; }")


# -- measuring ----------------------------------------------------------------------

@dataclass(frozen=True)
class Metrics:
    first_row_top: float  # where the first row starts on page 1
    next_row_top: float  # where the first row starts on a later page
    page_bottom: float  # the bottom of the page area
    row_base: float  # a row's height without its lines: paddings and borders
    line_height: float
    columns: tuple[float, ...]  # the width each column gives its text
    font_size: float  # in CSS pixels

    def row_height(self, lines: int) -> float:
        return self.row_base + lines * self.line_height


class Font:
    """Advance widths of the table's font, as WeasyPrint places its glyphs (no hinting)."""

    def __init__(self, path: Path):
        from fontTools.ttLib import TTFont

        font = TTFont(str(path), lazy=True)
        self.per_em = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        self.advance = {code: metrics[name][0] for code, name in font.getBestCmap().items()}
        # A character the font lacks comes from a fallback font: count it as a full em,
        # wider than any Latin or Vietnamese letter.
        self.missing = self.per_em

    def width(self, text: str, size: float) -> float:
        advance, missing = self.advance, self.missing
        return sum(advance.get(ord(c), missing) for c in text) * size / self.per_em


FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts",
             "~/.fonts")


@functools.cache
def table_font() -> Font | None:
    """Liberation Serif, metric-compatible with Times New Roman (Decree 30's font)."""
    for folder in FONT_DIRS:
        found = sorted(Path(folder).expanduser().glob("**/LiberationSerif-Regular.ttf"),
                       key=lambda p: "liberation2" not in str(p))
        if found:
            return Font(found[0])
    return None


def _probe_html(document: TableDocument) -> str:
    columns = len(COLUMN.findall(document.table_open)) or len(HEADER_CELL.findall(
        document.table_open))
    cells = "".join(f'<td id="probe-col-{i}"><span id="probe-text-{i}" '
                    'style="white-space: nowrap">'
                    f"{CALIBRATION[i % 2]}</span></td>" for i in range(columns))
    rows = (f'<tr id="probe-1">{cells}</tr>'
            '<tr id="probe-2"><td>1<br>2</td></tr>'
            '<tr id="probe-3" style="break-before: page"><td>1</td></tr>'
            '<tr id="probe-4"><td>1</td></tr>')
    marker = '<div id="probe-end" style="position: fixed; bottom: 0; height: 0"></div>'
    return (document.opening + document.before_table + document.table_open + BODY_OPEN
            + rows + BODY_CLOSE + "</table>" + marker + "</main></body></html>")


def measure(document: TableDocument, font: Font) -> Metrics | None:
    """Lay out the probe and read its anchors; None when it is not as expected."""
    with gc_paused():
        pages = _layout(_probe_html(document)).pages
    if len(pages) != 2 or "probe-2" not in pages[0].anchors:
        return None  # the head fills page 1, or the probe broke somewhere unexpected
    first, second = pages[0].anchors, pages[1].anchors

    def height(anchors, name):
        return anchors[name][3] - anchors[name][1]

    one_line, two_lines = height(first, "probe-1"), height(first, "probe-2")
    line_height = two_lines - one_line
    # Rows of one line are as tall on every page, else the page is not what we think.
    if any(abs(height(second, name) - one_line) > 0.01 for name in ("probe-3", "probe-4")):
        return None
    columns, sizes = [], []
    index = 0
    while f"probe-col-{index}" in first:
        x1, _, x2, _ = first[f"probe-col-{index}"]
        tx1, _, tx2, _ = first[f"probe-text-{index}"]
        columns.append((x2 - x1) - 2 * (tx1 - x1))
        sizes.append((tx2 - tx1) / font.width(CALIBRATION[index % 2], 1.0))
        index += 1
    if not columns or line_height <= 0:
        return None
    # Every column measured the same size, else the font here is not WeasyPrint's.
    if max(sizes) - min(sizes) > 0.005 * max(sizes):
        log.info("PDF plan: the table font measures differently here; one process")
        return None
    return Metrics(
        first_row_top=first["probe-1"][1], next_row_top=second["probe-3"][1],
        page_bottom=first["probe-end"][1], row_base=one_line - line_height,
        line_height=line_height, columns=tuple(columns), font_size=sum(sizes) / len(sizes),
    )


def _words(paragraph: str) -> list[str]:
    """Words between the spaces Pango may break at (a no-break space is not one)."""
    words: list[str] = []
    for word in SPACES.split(paragraph.strip(" \t")):
        if words and (word.startswith(GLUED) or words[-1] in OPENING):
            words[-1] += " " + word
        elif word:
            words.append(word)
    return words


def text_lines(text: str, width: float, font: Font, size: float, nowrap: bool) -> int:
    """How many lines a cell's text takes, never fewer than WeasyPrint will make.

    Greedy filling at spaces, like Pango. Pango may also break after a hyphen or a
    slash: not counting those breaks can only give more lines, never fewer. A word
    wider than the column is the exception (Pango cuts it at such a break or anywhere,
    overflow-wrap): there each piece of it is counted as starting a line of its own.
    """
    paragraphs = text.split("\n")
    if nowrap:
        return len(paragraphs)
    width -= SLACK_PX
    if width <= 0:
        return max(1, len(text))
    space = font.width(" ", size)
    lines = 0
    for paragraph in paragraphs:
        lines += 1
        used = 0.0
        for word in _words(paragraph):
            word_width = font.width(word, size)
            if used and used + space + word_width <= width:
                used += space + word_width
                continue
            if used:
                lines += 1
            if word_width <= width:
                used = word_width
                continue
            pieces = [piece for piece in PIECE.findall(word) if piece]
            lines += sum(max(1, math.ceil(font.width(piece, size) / width))
                         for piece in pieces) - 1
            used = width  # what follows starts a new line
    return max(lines, 1)


def cell_text(markup: str) -> str:
    text = htmllib.unescape(TAG.sub("", BREAK.sub("\n", markup)))
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def row_lines(row: str, metrics: Metrics, font: Font) -> int | None:
    cells = CELL.findall(row)
    if not cells or len(cells) > len(metrics.columns) or "colspan" in row:
        return None
    return max(
        text_lines(cell_text(markup), width, font, metrics.font_size,
                   bool(NOWRAP_CLASS.search(attrs)))
        for (attrs, markup), width in zip(cells, metrics.columns, strict=False))


def plan_pages(document: TableDocument, metrics: Metrics, font: Font) -> list[list[int]] | None:
    """The rows of each page, filled from the top while they fit."""
    pages: list[list[int]] = [[]]
    top, bottom = metrics.first_row_top, metrics.page_bottom - SLACK_PX
    for index, row in enumerate(document.rows):
        lines = row_lines(row, metrics, font)
        if lines is None:
            return None
        height = metrics.row_height(lines)
        if pages[-1] and top + height > bottom:
            pages.append([])
            top = metrics.next_row_top
        pages[-1].append(index)
        top += height
    return pages


def split_parts(pages: list[list[int]], count: int) -> list[list[list[int]]]:
    """Consecutive pages in `count` parts of about as many rows each."""
    total = sum(len(page) for page in pages)
    parts: list[list[list[int]]] = [[]]
    done = 0
    for page in pages:
        if (parts[-1] and len(parts) < count
                and done + len(page) / 2 > total * len(parts) / count):
            parts.append([])
        parts[-1].append(page)
        done += len(page)
    return parts


# -- in parallel ----------------------------------------------------------------------

_pool: ProcessPoolExecutor | None = None
_pool_size = 0
_pool_lock = threading.Lock()


def processors() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _warm() -> None:
    # Font configuration and the stylesheet load once per worker process, not per part.
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


def _drop_workers() -> None:
    global _pool, _pool_size
    with _pool_lock:
        if _pool is not None:
            _pool.shutdown(wait=False, cancel_futures=True)
        _pool, _pool_size = None, 0


def join_pdfs(parts: list[bytes]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    first = PdfReader(io.BytesIO(parts[0])).metadata
    if first:
        writer.add_metadata({key: value for key, value in first.items()})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@dataclass(frozen=True)
class Part:
    html: str
    css: str
    pages: int
    last: bool


def plan_parts(document: TableDocument, count: int) -> list[Part] | None:
    font = table_font()
    if font is None:
        return None
    metrics = measure(document, font)
    if metrics is None:
        return None
    pages = plan_pages(document, metrics, font)
    if pages is None:
        return None
    grouped = split_parts(pages, count)
    parts, first_page = [], 1
    for number, group in enumerate(grouped):
        rows = [index for page in group for index in page]
        starts = frozenset(page[0] for page in group[1:])
        last = number == len(grouped) - 1
        parts.append(Part(document.html(rows, first=number == 0, last=last, page_starts=starts),
                          part_css(first_page), len(group), last))
        first_page += len(group)
    return parts


def _as_planned(part: Part, pages: int) -> bool:
    # The signature block may take one more page after the last part's table.
    return pages == part.pages or (part.last and pages == part.pages + 1)


def render_parts(parts: list[Part], *, in_processes: bool = True) -> bytes | None:
    """The parts laid out at once and joined, or None when one came out unplanned."""
    if in_processes and len(parts) > 1:
        futures = [_workers(len(parts) - 1).submit(render_part, part.html, part.css)
                   for part in parts[1:]]
        results = [render_part(parts[0].html, parts[0].css)]
        results += [future.result() for future in futures]
    else:
        results = [render_part(part.html, part.css) for part in parts]
    for number, (part, (_, pages)) in enumerate(zip(parts, results, strict=True)):
        if not _as_planned(part, pages):
            log.warning("PDF plan: part %s has %s pages, %s planned; laying out in one piece",
                        number + 1, pages, part.pages)
            return None
    return join_pdfs([content for content, _ in results])


def html_to_pdf(html: str, *, processes: int | None = None) -> bytes:
    """The PDF of a document's HTML; a long case table is laid out in parallel."""
    count = min(processes or processors(), MAX_PROCESSES)
    document = TableDocument.split(html)
    if count > 1 and document is not None and len(document.rows) >= PARALLEL_MIN_ROWS:
        try:
            parts = plan_parts(document, count)
            content = render_parts(parts) if parts else None
        except BrokenProcessPool:
            log.exception("PDF worker processes stopped; laying out in one piece")
            _drop_workers()
            content = None
        except Exception:
            # Laying out in parts only saves time: whatever goes wrong with it, the
            # document is still made the plain way, and the error is in the log.
            log.exception("PDF in parts failed; laying out in one piece")
            content = None
        if content is not None:
            return content
    return render_part(html)[0]
