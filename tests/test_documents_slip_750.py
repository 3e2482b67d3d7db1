"""A batch of 750 numbers, the largest the manual's letters hold, prints every row."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from raovat.documents import services
from raovat.documents.kinds import DocumentKind as K
from tests.documents_helpers import docx_text, pdf_pages, slip_of_cases

pytestmark = pytest.mark.django_db


def test_750_case_slip_prints_every_row_and_repeats_the_header(cast):
    wards = [cast.ward.unit, cast.ward_b.unit]
    dispatch, cases = slip_of_cases(actor=cast.district, wards=wards, count=750)

    pdf = services.document_render(kind=K.TRANSFER_SLIP, subject=dispatch, fmt="pdf").content
    docx = services.document_render(kind=K.TRANSFER_SLIP, subject=dispatch, fmt="docx").content

    pages = pdf_pages(pdf)
    pdf_all, docx_all = " ".join(pages), docx_text(docx)
    for case in cases:
        assert case.number in pdf_all
        assert case.number in docx_all
    assert "750 hồ sơ" in pdf_all
    assert len(pages) > 10
    for number, page in enumerate(pages[1:], start=2):
        assert "STT Số hồ sơ Số thuê bao Nhà mạng Địa điểm vi phạm Phường" in page
        # The page number stands at the top, from page 2 on (Decree 30).
        assert page.startswith(f"{number} ")
    assert not pages[0].startswith("1 ")
    assert len(PdfReader(io.BytesIO(pdf)).pages) == len(pages)

    table = Document(io.BytesIO(docx)).tables[1]
    assert len(table.rows) == 751
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert table.rows[0]._tr.trPr.find(f"{w}tblHeader") is not None
    assert all(row._tr.trPr.find(f"{w}cantSplit") is not None for row in table.rows)
