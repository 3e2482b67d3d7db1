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

This module imports nothing from Django: the worker processes import it alone.
"""

import functools
import gc
import html as htmllib
import io
import itertools
import logging
import math
import os
import re
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
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
# Past this share of rows the model is unsure of, measuring them costs what it saves.
MAX_UNSURE_SHARE = 0.25
PART_TIMEOUT_SECONDS = 300

# The case tables of the shipped templates, as they write them (templates/documents/).
TABLE_OPEN = '<table class="cases">'
BODY_OPEN, BODY_CLOSE = "<tbody>", "</tbody>"
ROW = re.compile(r"<tr>.*?</tr>", re.S)
CELL = re.compile(r'<td(?: class="([^"]*)")?>(.*?)</td>', re.S)
NOWRAP = "n"  # the class print.css gives `white-space: nowrap`
COLUMN = re.compile(r"<col\b(?!group)")
ROW_ID = "plan-row-"
BREAK = re.compile(r"<br\b[^>]*>", re.I)
TAG = re.compile(r"<[^>]+>")
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")

# Text the model places as Pango would: Latin letters (Vietnamese included), digits,
# spaces and these signs; no-break spaces join words. Anything else is measured.
SURE_TEXT = re.compile(
    "[0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
    " \u00a0\u202f.,:;!?()\\[\\]/%&#*=_+–-]*")
NO_BREAK_SPACES = "\u00a0\u202f"
# UAX #14 LB13: no line break before these, even after a space.
GLUED = tuple(")],.:;!?/")
OPENING = {"(", "["}  # LB14: no break after these, even before a space
# Inside a word Pango may break after these: where a word must move, it is measured.
INNER_BREAKS = re.compile(r"[-–/!?%+](?=.)")
# Probe text whose width tells the font size WeasyPrint really used.
CALIBRATION = ("0123456789", "Nguyễn Thị Minh Khai, phường Bến Thành")
# A line this close to full is left to WeasyPrint (CSS pixels).
MARGIN_PX = 1.0


# -- one process -------------------------------------------------------------------

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
    """The laid-out pages only, for measuring."""
    with gc_paused():
        return _layout(html, extra_css).pages


Placed = list[list[tuple[int, float, float]]]  # per page: (row, top, bottom) of planned rows


def _placed(pages) -> Placed:
    return [sorted((int(name[len(ROW_ID):]), box[1], box[3])
                   for name, box in page.anchors.items() if name.startswith(ROW_ID))
            for page in pages]


def _render(html: str, extra_css: str) -> tuple[bytes, Placed]:
    with gc_paused():  # layout and drawing both: a collection in between walks every box
        document = _layout(html, extra_css)
        return document.write_pdf(), _placed(document.pages)


def render_part(html: str, extra_css: str = "") -> tuple[bytes, Placed]:
    """One document laid out and drawn here: the PDF, and where its planned rows went."""
    return _in_room(_render, html, extra_css)


def overflows(bottom: float, page_bottom: float) -> bool:
    # WeasyPrint's test for a row that does not fit (layout/__init__.py, overflows).
    return bottom > page_bottom * (1 + 1e-9)


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
        """The parts of `html`, or None unless its table is as the shipped templates
        write it: one body of bare <tr> rows and nothing else, no footer, no comment."""
        if html.count(TABLE_OPEN) != 1 or html.count(BODY_OPEN) != 1:
            return None
        head, rest = html.split(BODY_OPEN)
        if rest.count(BODY_CLOSE) != 1:
            return None
        body, after = rest.split(BODY_CLOSE)
        main_at, table_at = head.find("<main"), head.find(TABLE_OPEN)
        if main_at < 0 or table_at < main_at:
            return None
        main_end = head.index(">", main_at) + 1
        rows = tuple(ROW.findall(body))
        table_end = after.find("</table>")
        if (ROW.sub("", body).strip() or "<!--" in body or "<tfoot" in after[:table_end]
                or "<style" in head[main_end:] or any("<tr" in row[3:] for row in rows)):
            return None
        return cls(head[:main_end], head[main_end:table_at], head[table_at:], rows,
                   BODY_CLOSE + after)

    def html(self, rows, *, first: bool, last: bool, page_starts=frozenset(),
             named=None) -> str:
        """A document of `rows` (indexes), with a forced page break before each of
        `page_starts`; the rows in `named` (all by default) get an id to be found by."""
        def row(i):
            attributes = (f' id="{ROW_ID}{i}"' if named is None or i in named else "") + (
                ' style="break-before: page"' if i in page_starts else "")
            return self.rows[i].replace("<tr>", f"<tr{attributes}>", 1)

        end = self.after_rows if last else BODY_CLOSE + "</table></main></body></html>"
        return (self.opening + (self.before_table if first else "") + self.table_open
                + BODY_OPEN + "".join(row(i) for i in rows) + end)


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
    """Advance widths and kerning of the table's font, as HarfBuzz places its glyphs
    for WeasyPrint (unhinted, no ligatures in Liberation Serif's default features)."""

    def __init__(self, path: Path):
        from fontTools.ttLib import TTFont

        font = TTFont(str(path), lazy=True)
        self.per_em = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        cmap = font.getBestCmap()
        self.advance = {code: metrics[name][0] for code, name in cmap.items()}
        glyph_code = {name: code for code, name in cmap.items()}
        self.kerning = {}
        for left, right, value in _kern_pairs(font):
            if left in glyph_code and right in glyph_code:
                self.kerning[chr(glyph_code[left]) + chr(glyph_code[right])] = value

    def has(self, text: str) -> bool:
        return all(ord(c) in self.advance for c in text)

    def units(self, text: str) -> int:
        """Width in font units: advances, and kerning between neighbours."""
        advance, kerning = self.advance, self.kerning
        total = sum(advance[ord(c)] for c in text)
        return total + sum(kerning.get(text[i:i + 2], 0) for i in range(len(text) - 1))

    def width(self, text: str, size: float) -> float:
        return self.units(text) * size / self.per_em


def _kern_pairs(font):
    """(left glyph, right glyph, adjustment) of the GPOS 'kern' feature's pair lookups."""
    if "GPOS" not in font:
        return
    table = font["GPOS"].table
    lookups = {index for record in table.FeatureList.FeatureRecord
               if record.FeatureTag == "kern" for index in record.Feature.LookupListIndex}
    for index in sorted(lookups):
        for sub in table.LookupList.Lookup[index].SubTable:
            sub = getattr(sub, "ExtSubTable", sub)
            if getattr(sub, "Format", None) == 1 and hasattr(sub, "PairSet"):
                for left, pair_set in zip(sub.Coverage.glyphs, sub.PairSet, strict=False):
                    for record in pair_set.PairValueRecord:
                        value = getattr(record.Value1, "XAdvance", 0) or 0
                        if value:
                            yield left, record.SecondGlyph, value
            elif getattr(sub, "Format", None) == 2 and hasattr(sub, "Class1Record"):
                first = sub.ClassDef1.classDefs
                second = sub.ClassDef2.classDefs
                for left in sub.Coverage.glyphs:
                    row = sub.Class1Record[first.get(left, 0)].Class2Record
                    for right, klass in second.items():
                        value = getattr(row[klass].Value1, "XAdvance", 0) or 0
                        if value:
                            yield left, right, value


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
    columns = len(COLUMN.findall(document.table_open))
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
    pages = _in_room(_pages, _probe_html(document))
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
    if max(sizes) - min(sizes) > 0.002 * max(sizes):
        log.info("PDF plan: the table font measures differently here; one process")
        return None
    return Metrics(
        first_row_top=first["probe-1"][1], next_row_top=second["probe-3"][1],
        page_bottom=first["probe-end"][1], row_base=one_line - line_height,
        line_height=line_height, columns=tuple(columns), font_size=sum(sizes) / len(sizes),
    )


def cell_text(markup: str) -> str:
    """A cell's text as it is shown: spaces collapsed, one line per <br>."""
    text = BREAK.sub("\n", HTML_SPACE.sub(" ", markup))
    text = htmllib.unescape(TAG.sub("", text))
    lines = [line.strip(" ") for line in text.split("\n")]
    if len(lines) > 1 and not lines[-1]:
        lines.pop()  # a <br> at the very end makes no line
    return "\n".join(lines)


def _words(paragraph: str) -> list[str]:
    """The runs between the spaces where Pango may break a line."""
    words: list[str] = []
    for word in paragraph.split(" "):
        if not word:
            continue
        if words and (word.startswith(GLUED) or words[-1] in OPENING):
            words[-1] += " " + word
        else:
            words.append(word)
    return words


def _fill(words: list[str], width: float, font: Font, size: float) -> int | None:
    """Lines of one paragraph filled like Pango; None where a word may break inside."""
    lines, line = 1, ""
    for word in words:
        if line and font.width(line + " " + word, size) <= width:
            line += " " + word
            continue
        if line:
            if INNER_BREAKS.search(word):
                return None  # Pango may keep the start of this word on the line
            lines += 1
        if font.width(word, size) > width:
            return None  # Pango cuts it at a break of its own, or anywhere
        line = word
    return lines


def text_lines(text: str, width: float, font: Font, size: float, nowrap: bool) -> int | None:
    """How many lines a cell's text takes in WeasyPrint, or None when unsure."""
    if not SURE_TEXT.fullmatch(text.replace("\n", " ")) or not font.has(text.replace(
            "\n", "")):
        return None
    paragraphs = text.split("\n")
    if nowrap:
        return len(paragraphs)
    counts = []
    for room in (width - MARGIN_PX, width + MARGIN_PX):
        total = 0
        for paragraph in paragraphs:
            lines = _fill(_words(paragraph), room, font, size)
            if lines is None:
                return None
            total += lines
        counts.append(total)
    # A line within a margin of full could go either way: WeasyPrint decides.
    return counts[0] if counts[0] == counts[1] else None


def row_lines(row: str, metrics: Metrics, font: Font) -> int | None:
    cells = CELL.findall(row)
    if not cells or len(cells) > len(metrics.columns) or len(cells) != row.count("<td"):
        return None
    counts = []
    for (classes, markup), width in zip(cells, metrics.columns, strict=False):
        lines = text_lines(cell_text(markup), width, font, metrics.font_size,
                           NOWRAP in classes.split())
        if lines is None:
            return None
        counts.append(lines)
    return max(counts)


def _measured_heights(document: TableDocument, rows: list[int]) -> dict[int, float]:
    """The rows the model is unsure of, laid out by WeasyPrint: their heights."""
    pages = _in_room(_pages, document.html(rows, first=False, last=False), part_css(2))
    return {index: bottom - top for page in _placed(pages) for index, top, bottom in page}


def row_heights(document: TableDocument, metrics: Metrics, font: Font) -> list[float] | None:
    lines = [row_lines(row, metrics, font) for row in document.rows]
    unsure = [index for index, count in enumerate(lines) if count is None]
    if len(unsure) > MAX_UNSURE_SHARE * len(lines):
        return None
    measured = _measured_heights(document, unsure) if unsure else {}
    if len(measured) != len(unsure):
        return None
    return [metrics.row_height(count) if count is not None else measured[index]
            for index, count in enumerate(lines)]


def plan_pages(metrics: Metrics, heights: list[float]) -> list[list[int]] | None:
    """The rows of each page, filled the way WeasyPrint fills them."""
    room = metrics.page_bottom - metrics.next_row_top
    if any(overflows(height, room) for height in heights):
        return None  # a row taller than a page: WeasyPrint splits it, we do not
    pages: list[list[int]] = [[]]
    top = metrics.first_row_top
    for index, height in enumerate(heights):
        if pages[-1] and overflows(top + height, metrics.page_bottom):
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
    """Processors this process may use: its CPU affinity, within a cgroup's CPU quota."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        count = os.cpu_count() or 1
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()
        if quota != "max":
            count = min(count, max(1, math.floor(int(quota) / int(period))))
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


@dataclass(frozen=True)
class Part:
    html: str
    css: str
    pages: tuple[tuple[int, ...], ...]  # the rows planned on each of its pages
    last: bool


@dataclass(frozen=True)
class Plan:
    parts: list[Part]
    page_bottom: float


def plan_parts(document: TableDocument, count: int) -> Plan | None:
    font = table_font()
    if font is None:
        return None
    metrics = measure(document, font)
    if metrics is None:
        return None
    heights = row_heights(document, metrics, font)
    pages = plan_pages(metrics, heights) if heights is not None else None
    if pages is None:
        return None
    grouped = split_parts(pages, count)
    parts, first_page = [], 1
    for number, group in enumerate(grouped):
        rows = [index for page in group for index in page]
        starts = frozenset(page[0] for page in group[1:])
        last = number == len(grouped) - 1
        # The first and last row of each page are named, to be found after the layout
        # (an id on every row costs WeasyPrint a fifth more time).
        named = frozenset(i for page in group for i in (page[0], page[-1]))
        parts.append(Part(document.html(rows, first=number == 0, last=last, page_starts=starts,
                                        named=named),
                          part_css(first_page), tuple(tuple(page) for page in group), last))
        first_page += len(group)
    return Plan(parts, metrics.page_bottom)


def check_plan(plan: Plan, placed_by_part: list[Placed]) -> str:
    """What differs from a layout in one piece, or "" when nothing does."""
    pages: Placed = []
    for number, (part, placed) in enumerate(zip(plan.parts, placed_by_part, strict=True)):
        found = [tuple(index for index, _, _ in page) for page in placed]
        ends = [tuple(dict.fromkeys((page[0], page[-1]))) for page in part.pages]
        if found[:len(ends)] != ends:
            return f"part {number + 1}: the rows are not on the pages planned"
        # Only the last part may go on, with the text after the table and the signature.
        if any(found[len(ends):]) or (len(found) > len(ends) and not part.last):
            return f"part {number + 1}: more pages than planned"
        pages.extend(placed[:len(ends)])
    for page, following in itertools.pairwise(pages):
        _, _, bottom = page[-1]
        _, top, end = following[0]
        if not overflows(bottom + (end - top), plan.page_bottom):
            return "a row went to the next page though it fitted"
    return ""


def render_parts(plan: Plan, *, in_processes: bool = True) -> bytes | None:
    """The parts laid out at once and joined, or None when they are not as planned."""
    parts = plan.parts
    if in_processes and len(parts) > 1:
        futures = [_workers(len(parts) - 1).submit(render_part, part.html, part.css)
                   for part in parts[1:]]
        try:
            results = [render_part(parts[0].html, parts[0].css)]
            results += [future.result(timeout=PART_TIMEOUT_SECONDS) for future in futures]
        finally:
            for future in futures:
                future.cancel()
    else:
        results = [render_part(part.html, part.css) for part in parts]
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

