"""The plan of a long case table: which rows go on which page, and the check after.

See `pdf.py` for the whole story and decision 008 for why. Imports nothing from Django.
"""

import functools
import html as htmllib
import itertools
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from raovat.documents.pdf_layout import ROW_ID, Placed, layout_pages, overflows, placed_rows

log = logging.getLogger("raovat.documents")

# Past this share of rows the model is unsure of, measuring them costs what it saves.
MAX_UNSURE_SHARE = 0.25

# The case tables of the shipped templates, as they write them (templates/documents/).
TABLE_OPEN = '<table class="cases">'
BODY_OPEN, BODY_CLOSE = "<tbody>", "</tbody>"
ROW = re.compile(r"<tr>.*?</tr>", re.S)
CELL = re.compile(r'<td(?: class="([^"]*)")?>(.*?)</td>', re.S)
NOWRAP = "n"  # the class print.css gives `white-space: nowrap`
COLUMN = re.compile(r"<col\b(?!group)")
BREAK = re.compile(r"<br\b[^>]*>", re.I)
TAG = re.compile(r"<[^>]+>")
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")

# Text the model places as Pango would: Latin letters (Vietnamese included), digits,
# spaces and these signs; no-break spaces join words. Anything else is measured.
SURE_TEXT = re.compile(
    "[0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
    " \u00a0\u202f.,:;!?()\\[\\]/%&#*=_+–-]*")
# UAX #14 LB13: no line break before these, even after a space.
GLUED = tuple(")],.:;!?/")
OPENING = {"(", "["}  # LB14: no break after these, even before a space
# Inside a word Pango may break after these: where a word must move, it is measured.
INNER_BREAKS = re.compile(r"[-–/!?%+](?=.)")
# Probe text whose width tells the font size WeasyPrint really used.
CALIBRATION = ("0123456789", "Nguyễn Thị Minh Khai, phường Bến Thành")
# A line this close to full is left to WeasyPrint (CSS pixels).
MARGIN_PX = 1.0


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
    pages = layout_pages(_probe_html(document))
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
    flat = text.replace("\n", " ")
    if not SURE_TEXT.fullmatch(flat) or not font.has(flat):
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
    pages = layout_pages(document.html(rows, first=False, last=False), part_css(2))
    return {index: bottom - top for page in placed_rows(pages) for index, top, bottom in page}


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


@dataclass(frozen=True)
class Part:
    html: str
    css: str
    pages: tuple[tuple[int, ...], ...]  # the rows planned on each of its pages


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
    if heights is None:
        return None
    pages = plan_pages(metrics, heights)
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
                          part_css(first_page), tuple(tuple(page) for page in group)))
        first_page += len(group)
    return Plan(parts, metrics.page_bottom)


def check_plan(plan: Plan, placed_by_part: list[Placed]) -> str:
    """What differs from a layout in one piece, or "" when nothing does."""
    pages: Placed = []
    last = len(plan.parts) - 1
    for number, (part, placed) in enumerate(zip(plan.parts, placed_by_part, strict=True)):
        found = [tuple(index for index, _, _ in page) for page in placed]
        ends = [tuple(dict.fromkeys((page[0], page[-1]))) for page in part.pages]
        if found[:len(ends)] != ends:
            return f"part {number + 1}: the rows are not on the pages planned"
        # Only the last part may go on, with the text after the table and the signature.
        if any(found[len(ends):]) or (len(found) > len(ends) and number != last):
            return f"part {number + 1}: more pages than planned"
        pages.extend(placed[:len(ends)])
    for page, following in itertools.pairwise(pages):
        _, _, bottom = page[-1]
        _, top, end = following[0]
        if not overflows(bottom + (end - top), plan.page_bottom):
            return "a row went to the next page though it fitted"
    return ""


