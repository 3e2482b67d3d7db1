"""Long case tables are laid out in parallel page ranges: the same paper, sooner.

The plan (`raovat/documents/pdf_plan.py`) decides each page's rows from measured row heights;
these tests hold it to the one-piece layout WeasyPrint makes on its own.
"""

import dataclasses
import logging
import os
import random
from concurrent.futures.process import BrokenProcessPool

import pytest

from raovat.documents import pdf, pdf_layout, pdf_plan, services
from raovat.documents.kinds import DocumentKind as K
from tests.documents_helpers import pdf_pages, slip_of_cases

pytestmark = pytest.mark.django_db

# Text officers and carriers really type, and text the model must leave to WeasyPrint.
TRICKY = [
    "Khu\u00a0phố\u00a03 Khu\u00a0phố\u00a04 Khu\u00a0phố\u00a05 đường Điện Biên Phủ",  # no-break
    "đường phường Mười đường Chinh đường phường Sơn Lương",  # typed as NFD
    "Trụ Quán “Bà Ba” (cạnh chợ) số 17 Lê Lợi",
    'Quán "Cơm Tấm" (cạnh chợ) số 17',
    "Số 5,\r\nBến Thành\r\nQuận 1",
    "https://zalo.me/0912345678/quang-cao-rao-vat",
    "Hẻm 42/7/15 Nguyễn-Thị-Minh-Khai, P.Bến Thành",
]
# Drawn from another font (its text does not come out of the PDF the same way twice).
OTHER_FONT = ["Nguyễn Thị Minh Khai ☎ 0912 345 678", "Quán ăn ① ② ③ đường số 9"]


def _html(cast, count, place=None):
    wards = [cast.ward.unit, cast.ward_b.unit]
    dispatch, cases = slip_of_cases(actor=cast.district, wards=wards, count=count)
    if place is not None:
        from raovat.cases.models import Sighting

        for index, case in enumerate(cases):
            text = place(index)
            if text is not None:
                Sighting.objects.filter(case=case).update(place=text)
    return services.document_html(kind=K.TRANSFER_SLIP, subject=dispatch), cases


@pytest.fixture
def long_slip(cast):
    return _html(cast, 260)


def _same_paper(html, caplog):
    one_piece = pdf_pages(pdf.render_part(html)[0])
    with caplog.at_level(logging.WARNING, logger="raovat.documents"):
        parallel = pdf_pages(pdf.html_to_pdf(html, processes=2))
    return one_piece, parallel


def test_parts_laid_out_in_parallel_make_the_same_pages_as_one_layout(long_slip, caplog):
    html, cases = long_slip
    plan = pdf_plan.plan_parts(pdf_plan.TableDocument.split(html), 2)
    assert len(plan.parts) == 2
    assert pdf.render_parts(plan) is not None  # laid out as planned, not in one piece

    one_piece, parallel = _same_paper(html, caplog)
    # Page for page the same text: the same rows on each page, the head on page 1,
    # the signature on the last, the page number on every page from the second.
    assert parallel == one_piece
    assert not caplog.records
    assert len(parallel) > 8
    assert not parallel[0].endswith(" 1")
    for number, page in enumerate(parallel[1:], start=2):
        assert page.endswith(f" {number}")
    text = " ".join(parallel)
    assert all(text.count(f"{case.number} ") == 1 for case in cases)


def test_rows_the_model_is_unsure_of_are_measured_and_the_paper_is_the_same(cast, caplog):
    html, _ = _html(cast, 240, lambda index: TRICKY[index // 12 % len(TRICKY)]
                    if index % 12 == 0 else None)
    one_piece, parallel = _same_paper(html, caplog)
    assert parallel == one_piece
    assert not caplog.records


@pytest.mark.parametrize(("lines", "found"), [
    # Every cell one line: too many rows on each page, the last ones spill over.
    (1, "the rows are not on the pages planned"),
    # Every cell four lines: each page ends early, with room for the next row.
    (4, "a row went to the next page though it fitted"),
])
def test_a_wrong_plan_is_found_and_the_document_laid_out_in_one_piece(long_slip, monkeypatch,
                                                                      caplog, lines, found):
    html, _ = long_slip
    monkeypatch.setattr(pdf_plan, "text_lines", lambda *args, **kwargs: lines)
    one_piece, parallel = _same_paper(html, caplog)
    assert parallel == one_piece
    assert found in caplog.text and "laying out in one piece" in caplog.text


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
         "Phủ;", "tường", "rào", "công", "trình", "xây", "dựng", "–", "mặt", "sau", ":",
         "AVA", "Tô", "Yên", "P.", "Q.1", "50%"]


def _row(number: int, rng: random.Random) -> str:
    def text(most: int) -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, most))]
        if rng.random() < 0.03:
            words.append(rng.choice(TRICKY + OTHER_FONT))
        return " ".join(words)

    cells = [f'<td class="c">{number}</td>', f'<td class="n">HS-2026-{number:06d}</td>',
             f'<td class="n">0912 {number:03d} 678</td>', f"<td>{text(2)}</td>",
             f"<td>{text(14)}</td>",
             f"<td>{text(3)}{'<br>' + text(2) if rng.random() < 0.2 else ''}</td>",
             '<td class="c">05/01/2027</td>']
    return f"<tr>{''.join(cells)}</tr>"


def test_the_row_model_is_exact_where_it_answers_and_answers_for_most_rows(long_slip):
    html, _ = long_slip
    document = pdf_plan.TableDocument.split(html)
    font = pdf_plan.table_font()
    metrics = pdf_plan.measure(document, font)
    rng = random.Random(20261125)
    rows = tuple(_row(number, rng) for number in range(1, 201))
    pages = pdf_layout.layout_pages(dataclasses.replace(document, rows=rows).html(
        range(len(rows)), first=True, last=True))

    placed = {index: (top, bottom) for page in pdf_layout.placed_rows(pages)
              for index, top, bottom in page}
    answered = 0
    for index, row in enumerate(rows):
        top, bottom = placed[index]
        lines = round((bottom - top - metrics.row_base) / metrics.line_height)
        estimate = pdf_plan.row_lines(row, metrics, font)
        if estimate is not None:
            assert estimate == lines, row
            answered += 1
    # The others (signs outside the model, words that may break inside, lines within a
    # pixel of full) are laid out by WeasyPrint itself before the plan is made.
    assert answered >= 0.6 * len(rows)


@pytest.mark.parametrize(("text", "nowrap", "lines"), [
    ("Gốc cây", False, 1),
    ("Gốc cây\nsố 5", False, 2),
    ("0912 345 678 0912 345 678 0912 345 678", True, 1),
    ("9" * 80, False, None),  # wider than the column: Pango cuts it somewhere
    ("Khu\u00a0phố", False, 1),
    ("Nguyễn Thị Minh Khai ☎", False, None),  # a sign outside the model
])
def test_line_estimate(text, nowrap, lines):
    font = pdf_plan.table_font()
    # 14.67 px is 11 pt, the table's font size; 110 px is about one column of the slip.
    assert pdf_plan.text_lines(text, 110, font, 14.67, nowrap) == lines


@pytest.mark.parametrize(("markup", "text"), [
    ("Số 5,\r\nBến  Thành", "Số 5, Bến Thành"),
    ("Số 5<br>", "Số 5"),
    ("Số 5<br class='x'>Bến Thành", "Số 5\nBến Thành"),
    ("A &amp; B", "A & B"),
])
def test_cell_text_is_what_the_cell_shows(markup, text):
    assert pdf_plan.cell_text(markup) == text


def test_a_table_not_as_the_shipped_templates_write_it_is_laid_out_in_one_piece(long_slip):
    html, _ = long_slip
    assert pdf_plan.TableDocument.split(html) is not None
    for changed in (html.replace('<tr><td class="c">', '<tr class="odd"><td class="c">', 1),
                    html.replace("</tbody>", "<!-- hết --></tbody>"),
                    html.replace("</tbody>", "</tbody><tfoot><tr><td>…</td></tr></tfoot>")):
        assert pdf_plan.TableDocument.split(changed) is None
