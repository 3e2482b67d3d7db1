"""The one Excel writer: every workbook the product hands out is written here.

Data never becomes a formula. openpyxl writes any str that starts with "=" as a formula;
here every str is written as a text cell (an inline string), whatever it holds, so a
subscriber name `=HYPERLINK(…)` typed by an officer or read from a carrier's file is shown
as typed. Texts that a spreadsheet would take for the start of a formula when the cell is
edited (=, +, -, @, tab, CR) also get Excel's "quote prefix", so they stay text after an
edit. Characters XML cannot hold are replaced by U+FFFD instead of failing the export.

Every sheet has the same shape: bold header row, frozen, with an autofilter, column
widths, thin borders, and a print setup for the paper officers file (A4 landscape, fit to
the page width, the header row repeated on every page). Rows are written in the order
given: callers pass them in the order of the screen they come from.

Sheets are streamed (openpyxl's write-only mode), so 50,000 rows cost little memory.
"""

import copy
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Literal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD/MM/YYYY"
TEXT_FORMAT = "@"

_THIN = Side(style="thin", color="9AA5B1")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    # "text": a text cell even when empty, so that what a carrier types in it (0912…,
    # a CCCD) keeps its leading zeros; "date": dd/mm/yyyy; "number": as it comes.
    kind: Literal["text", "date", "number"] = "text"
    choices: tuple[str, ...] = ()  # a drop-down list for cells to be filled in


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence]


def text_cell(ws, value: str) -> WriteOnlyCell:
    """A cell that is text whatever the string holds; never a formula."""
    cell = WriteOnlyCell(ws)
    cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    cell.data_type = "s"  # openpyxl made it "f" if it starts with "="
    if value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


class _Styles:
    """The style of each column's cells, made once per sheet.

    Setting a style on an openpyxl cell hashes the style objects to find them in the
    workbook; doing it for every cell took most of the time of a large export. The cells
    of one column share one style array instead (with and without the quote prefix).
    """

    def __init__(self, ws, columns: Sequence[Column]):
        self.ws = ws
        self.columns = columns
        self.made: dict[tuple[int, bool], StyleArray] = {}

    def __call__(self, index: int, quote: bool) -> StyleArray:
        key = (index, quote)
        if key not in self.made:
            sample = WriteOnlyCell(self.ws)
            kind = self.columns[index].kind
            if kind == "text":
                sample.number_format = TEXT_FORMAT
            elif kind == "date":
                sample.number_format = DATE_FORMAT
            sample.border = _BORDER
            sample.quotePrefix = quote
            self.made[key] = sample._style
        return copy.copy(self.made[key])


def _cell(ws, styles: _Styles, index: int, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws)
    quote = False
    if isinstance(value, str) or not (
        value is None or isinstance(value, bool | int | float | datetime.date)
    ):
        text = value if isinstance(value, str) else str(value)
        cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
        cell.data_type = "s"  # never "f": see text_cell
        quote = text.startswith(FORMULA_STARTS)
    else:
        cell.value = value
    cell._style = styles(index, quote)
    return cell


def _header(ws, text: str) -> WriteOnlyCell:
    cell = text_cell(ws, text)
    cell.font, cell.fill, cell.alignment, cell.border = (
        _HEADER_FONT,
        _HEADER_FILL,
        _HEADER_ALIGN,
        _BORDER,
    )
    return cell


def _write_sheet(wb: Workbook, sheet: Sheet) -> None:
    # Excel allows 31 characters and none of []:*?/\ in a sheet name.
    title = "".join(c for c in sheet.title if c not in "[]:*?/\\")[:31] or "Trang 1"
    ws = wb.create_sheet(title)
    columns = list(sheet.columns)
    last_letter = get_column_letter(len(columns))
    for index, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.gridLines = False
    ws.append([_header(ws, c.header) for c in columns])
    styles = _Styles(ws, columns)
    width = len(columns)
    last = 1
    for row in sheet.rows:
        values = list(row)
        values += [None] * (width - len(values))
        ws.append([_cell(ws, styles, i, values[i]) for i in range(width)])
        last += 1
    ws.auto_filter.ref = f"A1:{last_letter}{max(last, 2)}"
    for index, column in enumerate(columns, 1):
        if column.choices and last > 1:
            letter = get_column_letter(index)
            listed = ",".join(column.choices)
            rule = DataValidation(
                type="list", formula1=f'"{listed}"', allow_blank=True, showErrorMessage=True
            )
            rule.error = f"Chỉ chọn {' hoặc '.join(column.choices)}."
            ws.data_validations.append(rule)
            rule.add(f"{letter}2:{letter}{last}")


def workbook_write(out: IO[bytes], *, sheets: Iterable[Sheet]) -> None:
    """Write the sheets as one .xlsx into `out` (a file, a response, a BytesIO)."""
    wb = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(wb, sheet)
    wb.save(out)
