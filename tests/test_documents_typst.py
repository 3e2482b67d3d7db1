"""The Typst layout: user text stays text, fonts are only the project's, DOCX = PDF."""

import io
import shutil
import subprocess
from collections import Counter

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from raovat.documents import docx_templates, layout, services
from raovat.documents.contexts.samples import sample_context
from raovat.documents.kinds import DocumentKind as K
from tests.documents_helpers import pdf_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NASTY = '#set text(red) [x] \\ $a$ "q" @ref <lbl> *b* _i_ #panic("no")'


def _nasty(value):
    if isinstance(value, str):
        return value + " " + NASTY
    if isinstance(value, list):
        return [_nasty(v) for v in value]
    if isinstance(value, dict):
        return {
            k: v if k in ("no", "recorded", "is_organisation") else _nasty(v)
            for k, v in value.items()
        }
    return value


@pytest.mark.parametrize("kind", K.values)
def test_every_free_text_field_prints_as_typed_and_never_as_markup(kind):
    context = _nasty(sample_context(kind))
    pdf = services.render_pdf(kind, services.pdf_data(kind, context))
    text = pdf_text(pdf).replace(" ", "")
    assert NASTY.replace(" ", "") in text


@pytest.mark.parametrize("kind", K.values)
def test_a_one_page_document_embeds_only_subset_liberation_serif(kind):
    pdf = services.render_pdf(kind, services.pdf_data(kind, sample_context(kind)))
    reader = PdfReader(io.BytesIO(pdf))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("+LiberationSerif" in name for name in fonts), fonts
    assert len(pdf) <= 100_000


def _docx(kind):
    return Document(io.BytesIO(services.shipped_preview(kind=kind).content))


@pytest.mark.parametrize("kind", list(layout.COLUMNS))
def test_docx_case_table_has_the_pdf_column_plan(kind):
    table = next(t for t in _docx(kind).tables if t.style.name == "Table Grid")
    grid = [int(col.get(f"{W}w")) for col in table._tbl.tblGrid.findall(f"{W}gridCol")]
    expected = [round(c.width_mm * 36000 / 635) for c in layout.COLUMNS[kind]]
    assert [abs(g - e) <= 1 for g, e in zip(grid, expected, strict=True)] == [True] * len(grid)
    text_width = round(layout.TEXT_WIDTH_MM * 36000 / 635)
    assert abs(sum(grid) - text_width) <= len(grid)
    assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None
    assert all(row._tr.trPr.find(f"{W}cantSplit") is not None for row in table.rows)


@pytest.mark.parametrize("kind", K.values)
def test_docx_header_grid_and_signature_kept_with_its_paragraph(kind):
    document = _docx(kind)
    head = document.tables[0]
    grid = [int(c.get(f"{W}w")) for c in head._tbl.tblGrid.findall(f"{W}gridCol")]
    assert abs(grid[1] - round(layout.HEADER_COLUMNS_MM[1] * 36000 / 635)) <= 1
    body = list(document.element.body)
    signature = next(t for t in document.tables[1:] if t.style.name != "Table Grid")._tbl
    before = body[body.index(signature) - 1]
    while before.tag == f"{W}p" and not before.xpath("string(.)").strip():
        assert before.find(f"{W}pPr/{W}keepNext") is not None
        before = body[body.index(before) - 1]
    assert before.find(f"{W}pPr/{W}keepNext") is not None, kind


def _first_page_lines(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line.strip() for line in text.splitlines() if line.strip()]


def _same_words(ours: list[str], theirs: list[str]) -> float:
    """Share of the text on both first pages, letter by letter: a narrow cell may break
    "5/QĐ-XPHC" after the slash in one and not the other."""
    ours, theirs = Counter("".join(ours)), Counter("".join(theirs))
    return sum((ours & theirs).values()) / max(ours.total(), theirs.total())


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _office_pdf(docx: bytes, tmp_path) -> bytes:
    source = tmp_path / "doc.docx"
    source.write_bytes(docx)
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (tmp_path / "doc.pdf").read_bytes()


@pytest.mark.django_db
@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (libreoffice-writer-nogui) is not installed",
)
@pytest.mark.parametrize("kind", K.values)
def test_docx_opened_in_libreoffice_matches_the_pdf(kind, tmp_path):
    context = sample_context(kind)
    pdf = services.render_pdf(kind, services.pdf_data(kind, context))
    docx = docx_templates.render(str(services.SHIPPED / f"{kind}.docx"), context)
    office = _office_pdf(docx, tmp_path)
    ours, theirs = _first_page_lines(pdf, tmp_path), _first_page_lines(office, tmp_path)
    assert _pages(office) == _pages(pdf), kind
    # The motto on one line in both.
    for lines in (ours, theirs):
        assert any("Độc lập - Tự do - Hạnh phúc" in line for line in lines), (kind, lines[:8])
    # The same words on the first page. Compared as a multiset: the text tool reads the
    # cells of a row in an order that depends on how tall each font's line boxes are.
    ratio = _same_words(" ".join(ours).split(), " ".join(theirs).split())
    assert ratio > 0.95, (kind, ratio)


@pytest.mark.parametrize("kind", K.values)
def test_the_shipped_docx_is_the_one_the_builder_makes_from_the_plan(kind):
    import zipfile

    from tools import build_shipped

    builder = {b.__name__: b for b in build_shipped.BUILDERS}[kind]
    document = build_shipped._document()
    builder(document)
    made = io.BytesIO()
    document.save(made)

    def body(source):
        with zipfile.ZipFile(source) as archive:
            return archive.read("word/document.xml")

    assert body(made) == body(services.SHIPPED / f"{kind}.docx"), (
        "run: .venv/bin/python -m tools.build_shipped"
    )


def test_a_missing_font_folder_is_reported_at_start_up(settings, tmp_path):
    from raovat.documents.apps import fonts_check

    assert fonts_check() == []
    settings.DOCUMENT_FONT_DIR = str(tmp_path)
    (error,) = fonts_check()
    assert error.id == "documents.E001" and "Liberation Serif" in error.msg


@pytest.mark.django_db
@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (libreoffice-writer-nogui) is not installed",
)
@pytest.mark.parametrize("decided,recorded,absent", [(1, 0, 0), (2, 2, 3)])
def test_a_real_suspension_request_has_the_pdf_s_pages_in_libreoffice(
    decided, recorded, absent, cast, make_case, tmp_path
):
    """The samples are short; a letter of real cases, each row citing its decision,
    record or contacts, is where a DOCX spaced a little looser than the PDF pushed the
    last paragraph and the signature to a page 2 (one decided case fills the page to
    its last centimetres; the second letter has all three sections)."""
    from tests.documents_helpers import (
        decided_case,
        dispatch_of,
        penalty_record_for,
        waiting_case,
    )

    phones = iter(f"0912 000 {n:03d}" for n in range(100, 200))
    cases = [decided_case(cast, make_case, phone=next(phones)) for _ in range(decided)]
    for _ in range(recorded):
        case = waiting_case(cast, make_case, phone=next(phones))
        penalty_record_for(cast, case)
        cases.append(case)
    cases += [waiting_case(cast, make_case, phone=next(phones)) for _ in range(absent)]
    dispatch = dispatch_of(cast.district, "request_suspension", cases)
    kind = K.SUSPENSION_REQUEST
    pdf = services.document_render(kind=kind, subject=dispatch, fmt="pdf").content
    docx = services.document_render(kind=kind, subject=dispatch, fmt="docx").content
    assert "Các chủ thuê bao đã bị ra quyết định xử phạt" in pdf_text(pdf)
    office = _office_pdf(docx, tmp_path)
    assert _pages(office) == _pages(pdf)
    ours, theirs = (" ".join(_first_page_lines(p, tmp_path)).split() for p in (pdf, office))
    assert _same_words(ours, theirs) > 0.95


@pytest.mark.django_db
def test_a_layout_out_of_time_is_a_vietnamese_page_and_a_reprint_keeps_the_number(
    client, cast, make_case, settings
):
    """Each document is laid out in a process of its own, bounded in time (decision 029):
    past the bound the officer reads why and what to do, never an error page."""
    from raovat.cases.services.dispatches import dispatch_create
    from raovat.cases.workflow import State
    from raovat.demo.scenario import advance

    case = advance(make_case(cast.ward), State.CONFIRMED)
    dispatch = dispatch_create(actor=cast.district, action="send_to_telecom", cases=[case])
    client.force_login(cast.district)
    url = reverse("documents:dispatch", args=[dispatch.pk])

    settings.DOCUMENT_MAX_SECONDS = 0.001
    response = client.get(url)

    assert response.status_code == 503
    page = response.content.decode()
    assert "Chưa in được phiếu chuyển đề nghị cung cấp thông tin thuê bao" in page
    assert "Vui lòng in lại sau ít phút" in page
    settings.DOCUMENT_MAX_SECONDS = 60
    again = client.get(url)
    assert again.status_code == 200 and again.content.startswith(b"%PDF")
    dispatch.refresh_from_db()
    assert dispatch.number_label == "1/PC-VHTTQ1"


def test_fonts_gone_after_start_up_refuse_the_layout_instead_of_a_pdf_without_text(
    settings, tmp_path
):
    from raovat.documents.pdf import LayoutFailed

    settings.DOCUMENT_FONT_DIR = str(tmp_path)
    data = services.pdf_data("transfer_slip", sample_context("transfer_slip"))
    with pytest.raises(LayoutFailed, match="Liberation Serif"):
        services.render_pdf("transfer_slip", data)


def test_the_layout_process_needs_no_django(settings):
    """The child is started with the server's interpreter and imports only typst: run
    with an environment that has no Django settings at all, it still lays out."""
    import json

    from raovat.documents import pdf

    data = json.dumps(
        services.pdf_data("invitation", sample_context("invitation")), ensure_ascii=False
    )
    done = subprocess.run(
        pdf.command("invitation"),
        input=data.encode(),
        capture_output=True,
        env={"PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "GIẤY MỜI" in pdf_text(done.stdout)
