"""Long case tables are laid out in parallel page ranges: the same paper, sooner.

The plan (`raovat/documents/pdf.py`) decides each page's rows from measured row heights;
these tests hold it to the one-piece layout WeasyPrint makes on its own.
"""

import dataclasses
import logging
import os
import random
from concurrent.futures.process import BrokenProcessPool

import pytest

from raovat.documents import pdf, services
from raovat.documents.kinds import DocumentKind as K
from tests.documents_helpers import pdf_pages, slip_of_cases

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_slip(cast):
    wards = [cast.ward.unit, cast.ward_b.unit]
    dispatch, cases = slip_of_cases(actor=cast.district, wards=wards, count=260)
    return services.document_html(kind=K.TRANSFER_SLIP, subject=dispatch), cases


def test_parts_laid_out_in_parallel_make_the_same_pages_as_one_layout(long_slip, caplog):
    html, cases = long_slip
    one_piece = pdf_pages(pdf.render_part(html)[0])

    parts = pdf.plan_parts(pdf.TableDocument.split(html), 2)
    assert len(parts) == 2
    parallel = pdf_pages(pdf.render_parts(parts))

    # Page for page the same text: the same rows on each page, the head on page 1,
    # the signature on the last, the page number on every page from the second.
    assert parallel == one_piece
    assert len(parallel) > 8
    assert not parallel[0].endswith(" 1")
    for number, page in enumerate(parallel[1:], start=2):
        assert page.endswith(f" {number}")
    text = " ".join(parallel)
    assert all(text.count(f"{case.number} ") == 1 for case in cases)

    with caplog.at_level(logging.WARNING, logger="raovat.documents"):
        assert pdf_pages(pdf.html_to_pdf(html, processes=2)) == one_piece
    assert not caplog.records


def test_a_plan_that_does_not_fit_its_pages_falls_back_to_one_layout(long_slip, monkeypatch,
                                                                     caplog):
    html, _ = long_slip
    one_piece = pdf_pages(pdf.render_part(html)[0])
    # A model that thinks every cell is one line puts too many rows on each page.
    monkeypatch.setattr(pdf, "text_lines", lambda *args, **kwargs: 1)

    with caplog.at_level(logging.WARNING, logger="raovat.documents"):
        content = pdf.html_to_pdf(html, processes=2)

    assert pdf_pages(content) == one_piece
    assert "laying out in one piece" in caplog.text


def test_a_killed_pdf_process_costs_one_slow_layout_then_new_processes_start(long_slip,
                                                                             caplog):
    html, _ = long_slip
    one_piece = pdf_pages(pdf.render_part(html)[0])
    pool = pdf._workers(1)
    with pytest.raises(BrokenProcessPool):
        pool.submit(os._exit, 9).result()  # the process dies as if killed

    with caplog.at_level(logging.WARNING, logger="raovat.documents"):
        assert pdf_pages(pdf.html_to_pdf(html, processes=2)) == one_piece
    assert "laying out in one piece" in caplog.text

    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="raovat.documents"):
        assert pdf_pages(pdf.html_to_pdf(html, processes=2)) == one_piece
    assert not caplog.records
    assert pdf._workers(1) is not pool


WORDS = ["Trụ", "điện", "trước", "số", "17", "Nguyễn", "Thị", "Minh", "Khai,", "phường",
         "Bến", "Thành", "(cạnh", "cửa", "hàng)", "Hẻm", "42/7", "Đường", "Điện", "Biên",
         "Phủ;", "tường", "rào", "công", "trình", "xây", "dựng", "–", "mặt", "sau", ":"]


def _row(number: int, rng: random.Random) -> str:
    def text(most: int) -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, most))]
        if rng.random() < 0.03:
            words.append("Khu-phố-văn-hóa-số-" + "9" * rng.randint(5, 30))  # no break inside
        return " ".join(words)

    cells = [f'<td class="c">{number}</td>', f'<td class="n">HS-2026-{number:06d}</td>',
             f'<td class="n">0912 {number:03d} 678</td>', f"<td>{text(2)}</td>",
             f"<td>{text(14)}</td>",
             f"<td>{text(3)}{'<br>' + text(2) if rng.random() < 0.2 else ''}</td>",
             '<td class="c">05/01/2027</td>']
    return f'<tr id="row-{number}">{"".join(cells)}</tr>'


def test_row_heights_are_never_guessed_short(long_slip):
    html, _ = long_slip
    document = pdf.TableDocument.split(html)
    font = pdf.table_font()
    metrics = pdf.measure(document, font)
    rng = random.Random(20261125)
    rows = tuple(_row(number, rng) for number in range(1, 121))
    laid_out = pdf._layout(dataclasses.replace(document, rows=rows).html(
        range(len(rows)), first=True, last=True))

    guessed, exact = 0, 0
    anchors = {name: box for page in laid_out.pages for name, box in page.anchors.items()}
    for number, row in enumerate(rows, start=1):
        _, top, _, bottom = anchors[f"row-{number}"]
        lines = round((bottom - top - metrics.row_base) / metrics.line_height)
        estimate = pdf.row_lines(row, metrics, font)
        assert estimate >= lines, row
        guessed += 1
        exact += estimate == lines
    # Safe, and not by guessing tall: most rows are exactly as WeasyPrint makes them. The
    # others are words wider than their column and lines within a kerning pair's width of
    # full, where the guess takes one line more (the realistic slip above fills its pages
    # exactly as WeasyPrint does).
    assert exact >= 0.85 * guessed


@pytest.mark.parametrize(("text", "nowrap", "lines"), [
    ("Gốc cây", False, 1),
    ("Gốc cây\nsố 5", False, 2),
    ("0912 345 678 0912 345 678 0912 345 678", True, 1),
    ("9" * 80, False, 6),
])
def test_line_estimate(text, nowrap, lines):
    font = pdf.table_font()
    # 14.67 px is 11 pt, the table's font size; 110 px is about one column of the slip.
    assert pdf.text_lines(text, 110, font, 14.67, nowrap) == lines
