"""Build the shipped DOCX templates in raovat/documents/shipped/ (run after changing this
file, commit both; tests/test_documents_typst.py fails while they differ).

    .venv/bin/python -m tools.build_shipped

They mirror the HTML layout (Decree 30/2020/NĐ-CP) and use the placeholders listed in
raovat/documents/contexts; an administrator may replace any of them in the admin.
"""

import os
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "raovat.settings")
django.setup()

from docx import Document  # noqa: E402
from docx.enum.section import WD_ORIENT  # noqa: E402
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Cm, Mm, Pt  # noqa: E402

from raovat.documents import layout  # noqa: E402
from raovat.documents.kinds import DocumentKind as K  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "raovat" / "documents" / "shipped"
FONT = "Times New Roman"
CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT


def _document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    margins = layout.MARGINS_MM
    section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])
    section.header_distance = Mm(10)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    # Word picks the font per script; set all of them so Vietnamese never falls back.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    # Single spacing of Liberation Serif is the line pitch Typst gives (leading 0.5em).
    style.paragraph_format.line_spacing = 1.0
    _page_numbers(section)
    return doc


def _page_numbers(section) -> None:
    """Page number centred at the top, from page 2 on (Decree 30)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    run = paragraph.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


# Typst's paragraph spacing (0.65em) less its leading (0.5em): what a body paragraph adds
# below its last line in the PDF, 2.1 pt at 14 pt.
AFTER = 2


def _para(
    container,
    text="",
    *,
    size=None,
    bold=False,
    italic=False,
    align=JUSTIFY,
    indent=True,
    after=AFTER,
):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    if indent and align == JUSTIFY:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    return paragraph


def _gap(container, points: float):
    """Vertical space of the PDF's `v(…)`: an empty paragraph exactly that high (an empty
    14 pt line would add 16 pt, a few of which pushed a letter's signature to page 2)."""
    paragraph = _para(container, align=LEFT, indent=False, after=0)
    paragraph.paragraph_format.line_spacing = Pt(points)
    return paragraph


def _runs(container, *parts: tuple[str, bool]):
    """A body paragraph of runs, each (text, bold): "Điều 1." bold as in the PDF."""
    paragraph = _para(container)
    for text, bold in parts:
        paragraph.add_run(text).bold = bold
    return paragraph


def _tag(container, tag: str):
    """A paragraph holding only a docxtpl tag ({%p for … %}); docxtpl removes it."""
    return _para(container, tag, align=LEFT, indent=False, after=0)


def _rule(container, indent_cm: float):
    paragraph = _para(container, align=CENTER, indent=False, after=4)
    paragraph.paragraph_format.left_indent = Cm(indent_cm)
    paragraph.paragraph_format.right_indent = Cm(indent_cm)
    paragraph.paragraph_format.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    return paragraph


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _fixed_widths(table, widths_mm) -> None:
    """Column widths in `w:tblGrid` and on every cell, and a fixed layout: Word and
    LibreOffice then draw the columns of the plan, not equal ones."""
    table.autofit = False
    properties = table._tbl.tblPr
    fixed = OxmlElement("w:tblLayout")
    fixed.set(qn("w:type"), "fixed")
    properties.append(fixed)
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(round(sum(widths_mm) * 56.6929)))
    width.set(qn("w:type"), "dxa")
    for old in properties.findall(qn("w:tblW")):
        properties.remove(old)
    properties.append(width)
    for column, mm in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(mm)
    for row in table.rows:
        for cell, mm in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(mm)


def _cell_margins(table, mm: float, vertical_pt: float = 0) -> None:
    """Cell padding as the PDF's (3 pt left and right; above and below, see
    `_cases_table`) instead of Word's 1.9 mm and none."""
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (
        ("top", vertical_pt * 20),
        ("left", mm * 56.6929),
        ("bottom", vertical_pt * 20),
        ("right", mm * 56.6929),
    ):
        if side in ("top", "bottom") and not vertical_pt:
            continue
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(round(twips)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def _row_flag(row, tag: str) -> None:
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _layout_table(doc, widths_mm):
    table = doc.add_table(rows=1, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _fixed_widths(table, widths_mm)
    _cell_margins(table, 0)
    _row_flag(table.rows[0], "w:cantSplit")
    for cell in table.rows[0].cells:
        cell._tc.remove(cell.paragraphs[0]._p)
    return table.rows[0].cells


def _header(doc, *, excerpt: bool) -> None:
    left, right = _layout_table(doc, layout.HEADER_COLUMNS_MM)
    _para(left, "{{ superior_name }}", size=13, align=CENTER, after=1)
    _para(left, "{{ issuer_name }}", size=13, bold=True, align=CENTER, after=0)
    _rule(left, 2.2)
    _para(left, "Số: {{ number_label }}", size=13, align=CENTER)
    if excerpt:
        _para(left, "{{ excerpt }}", size=12, align=CENTER)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, align=CENTER, after=0)
    _para(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, align=CENTER, after=0)
    _rule(right, 2.3)
    _para(right, "{{ place_date_line }}", italic=True, align=CENTER)


def _title(doc) -> None:
    _para(doc, "", after=6)
    _para(doc, "{{ title }}", bold=True, align=CENTER, after=0)
    _para(doc, "{{ subtitle }}", bold=True, align=CENTER, after=0)
    _rule(doc, 6.5)


def _keep_with_next(doc) -> None:
    """The paragraph before the signature block stays on its page."""
    doc.paragraphs[-1].paragraph_format.keep_with_next = True


def _signature(doc) -> None:
    _keep_with_next(doc)
    # common.typ: v(8pt) and the paragraph spacing before the block.
    spacer = _gap(doc, 8)
    spacer.paragraph_format.keep_with_next = True
    left, right = _layout_table(doc, layout.SIGNATURE_COLUMNS_MM)
    _para(left, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT, indent=False, after=0)
    _tag(left, "{%p for recipient in recipients %}")
    _para(left, "- {{ recipient }}", size=11, align=LEFT, indent=False, after=0)
    _tag(left, "{%p endfor %}")
    _tag(right, "{%p for line in signer_title_lines %}")
    _para(right, "{{ line }}", bold=True, align=CENTER, after=0)
    _tag(right, "{%p endfor %}")
    for _ in range(4):
        _para(right, "", align=CENTER, after=0)
    _para(right, "{{ signer_name }}", bold=True, align=CENTER)


CELL_SPACING = 0.88


def _cases_table(doc, kind: str, heads=None, rows="rows", columns=None, after=True) -> None:
    """The kind's column plan (layout.COLUMNS); the header row repeats on every page and
    no row is split across pages."""
    columns = columns or layout.COLUMNS[kind]
    heads = heads or {}
    if after:
        _gap(doc, 5)  # common.typ: v(2pt) and the paragraph spacing before the table
    table = doc.add_table(rows=4, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed_widths(table, [c.width_mm for c in columns])
    # common.typ: inset (x: 3pt, y: 4pt); a Typst line box ends at the baseline, a Word
    # line below the descender, so 1 pt above and below gives the PDF's row heights.
    # The periodic report's tables (after=False) keep no padding: their rows are one line
    # each and LibreOffice's first line is taller than Typst's.
    _cell_margins(table, 1.06, vertical_pt=1 if after else 0)
    _row_flag(table.rows[0], "w:tblHeader")
    for row in table.rows:
        _row_flag(row, "w:cantSplit")
    for index, column in enumerate(columns):
        title, field = heads.get(column.field, column.label), column.field
        cells = [row.cells[index] for row in table.rows]
        head = cells[0].paragraphs[0]
        head.alignment = CENTER
        run = head.add_run(title)
        run.bold, run.font.size = True, Pt(11)
        tag = "{%tr for row in " + rows + " %}" if index == 0 else ""
        end = "{%tr endfor %}" if index == 0 else ""
        cells[1].paragraphs[0].add_run(tag).font.size = Pt(11)
        data = cells[2].paragraphs[0]
        data.alignment = CENTER if column.align == "center" else LEFT
        if column.nowrap:
            cells[2]._tc.get_or_add_tcPr().append(OxmlElement("w:noWrap"))
        data.add_run("{{ row." + field + " }}").font.size = Pt(11)
        # Centred in the row's height, as the PDF's table cells are (common.typ: horizon).
        cells[0].vertical_alignment = cells[2].vertical_alignment = (
            WD_CELL_VERTICAL_ALIGNMENT.CENTER
        )
        cells[3].paragraphs[0].add_run(end).font.size = Pt(11)
        # The PDF's cells set 11 pt with a leading of 0.35em: a line pitch of 11.1 pt where
        # single spacing of the same font is 12.65 pt.
        for cell in (cells[0], cells[2]):
            cell.paragraphs[0].paragraph_format.line_spacing = CELL_SPACING
    if after:
        _gap(doc, 9)  # common.typ: v(4pt) and the paragraph spacing after the table


def _body_slip(doc, lead: str, kind, heads=None, closing=("Trân trọng./.",), note=True) -> None:
    _para(doc, "Kính gửi: {{ to_unit_name }}.", align=CENTER, after=8)
    _para(doc, lead)
    _cases_table(doc, kind, heads)
    if note:
        _tag(doc, "{%p if note %}")
        _para(doc, "Ghi chú: {{ note }}")
        _tag(doc, "{%p endif %}")
    for text in closing:
        _para(doc, text)


def _bases(doc) -> None:
    _tag(doc, "{%p for basis in legal_bases %}")
    _para(doc, "{{ basis }}", italic=True)
    _tag(doc, "{%p endfor %}")


def _addressee(doc) -> None:
    _para(doc, "Kính gửi: {{ salutation }} {{ subscriber_name }}", align=CENTER, after=0)
    _para(doc, "Địa chỉ: {{ subscriber_address }}", align=CENTER, after=8)


def transfer_slip(doc) -> None:
    _header(doc, excerpt=False)
    _title(doc)
    _body_slip(
        doc,
        (
            "{{ issuer_full_name }} chuyển đến {{ to_unit_name }} {{ case_count }} hồ sơ số thuê "
            "bao được ghi trên quảng cáo rao vặt treo, dán trái phép, đề nghị {{ to_unit_name }} "
            "cung cấp thông tin chủ thuê bao (họ và tên, số định danh cá nhân, địa chỉ) để xử lý "
            "theo quy định, cụ thể như sau:"
        ),
        K.TRANSFER_SLIP,
        {"reporter": "{{ reporter_label }}"},
    )
    _signature(doc)


def resend_slip(doc) -> None:
    _header(doc, excerpt=False)
    _title(doc)
    _body_slip(
        doc,
        (
            "{{ issuer_full_name }} chuyển lại {{ to_unit_name }} {{ case_count }} hồ sơ đã được "
            "trả về, nay đã bổ sung theo yêu cầu, đề nghị {{ to_unit_name }} cung cấp thông tin "
            "chủ thuê bao để xử lý theo quy định, cụ thể như sau:"
        ),
        K.RESEND_SLIP,
        note=False,
    )
    _signature(doc)


def suspension_request(doc) -> None:
    # A "Công văn": no title, the excerpt under the number.
    _header(doc, excerpt=True)
    _gap(doc, 7)  # common.typ's addressee: v(6pt) and the paragraph spacing
    _para(doc, "Kính gửi: {{ to_unit_name }}.", align=CENTER, after=10)
    _bases(doc)
    _para(
        doc,
        (
            "Qua công tác kiểm tra, xử lý quảng cáo rao vặt trái phép trên địa bàn, "
            "{{ issuer_full_name }} đề nghị {{ to_unit_name }} {{ measure }} đối với "
            "{{ case_count }} số thuê bao sau:"
        ),
    )
    _sections(doc, K.SUSPENSION_REQUEST)
    _para(
        doc,
        (
            "Dịch vụ được khôi phục khi chủ thuê bao chấp hành quyết định xử lý vi phạm hành "
            "chính; {{ issuer_full_name }} sẽ thông báo để {{ to_unit_name }} chỉ đạo các doanh "
            "nghiệp viễn thông khôi phục."
        ),
    )
    _para(doc, "{{ issuer_full_name }} trân trọng đề nghị {{ to_unit_name }} phối hợp thực hiện./.")
    _signature(doc)


def _sections(doc, kind) -> None:
    """The tables of a suspension request or culture slip, one per kind of grounds."""
    _tag(doc, "{%p for section in sections %}")
    _para(doc, "{{ section.heading }}")
    _cases_table(doc, kind, {"grounds": "{{ section.grounds_label }}"}, rows="section.rows")
    _tag(doc, "{%p endfor %}")


def culture_slip(doc) -> None:
    _header(doc, excerpt=False)
    _title(doc)
    _para(doc, "Kính gửi: {{ to_unit_name }}.", align=CENTER, after=8)
    _para(
        doc,
        (
            "{{ issuer_full_name }} chuyển đến {{ to_unit_name }} {{ case_count }} hồ sơ vi phạm "
            "quảng cáo rao vặt trái phép, đề nghị {{ to_unit_name }} xem xét, xử lý theo thẩm "
            "quyền, cụ thể như sau:"
        ),
    )
    _sections(doc, K.CULTURE_SLIP)
    _tag(doc, "{%p if note %}")
    _para(doc, "Ghi chú: {{ note }}")
    _tag(doc, "{%p endif %}")
    _para(doc, "Trân trọng./.")
    _signature(doc)


def invitation(doc) -> None:
    _header(doc, excerpt=False)
    _title(doc)
    _addressee(doc)
    _para(
        doc,
        "Qua kiểm tra, số thuê bao {{ phone }} được ghi trên quảng cáo rao vặt treo, "
        "dán trái phép tại các địa điểm sau:",
    )
    _tag(doc, "{%p for s in sightings %}")
    _para(
        doc,
        "- Ngày {{ s.found_on }}: {{ s.place }} ({{ s.ad_type }}{% if s.ad_text %}: "
        "“{{ s.ad_text }}”{% endif %});",
    )
    _tag(doc, "{%p endfor %}")
    _para(
        doc,
        "Theo thông tin do {{ telecom_name }} cung cấp, {{ salutation }} là chủ thuê "
        "bao số {{ phone }}. {{ issuer_full_name }} trân trọng kính mời {{ salutation }} "
        "đến làm việc:",
    )
    _para(doc, "- Thời gian: {{ meeting_time }}, {{ meeting_day }}.")
    _para(doc, "- Địa điểm: {{ meeting_place }}.")
    _tag(doc, "{%p if bring_items %}")
    _para(doc, "- Khi đến, đề nghị mang theo: {{ bring_items | join('; ') }}.")
    _tag(doc, "{%p endif %}")
    _para(
        doc,
        "Mọi chi tiết xin liên hệ {{ contact_officer }}, điện thoại {{ contact_phone }}. "
        "Hồ sơ số {{ case_number }}.",
    )
    _para(doc, "Rất mong {{ salutation }} đến đúng thời gian và địa điểm nêu trên./.")
    _signature(doc)


DOTS = "…………………………"


def _or_dots(field: str) -> str:
    return "{{ " + field + " or '" + DOTS + "' }}"


def _loop(doc, name: str, var: str = "line") -> None:
    """A paragraph per item of a list of lines (raovat/documents/contexts/record.py)."""
    _tag(doc, "{%p for " + var + " in " + name + " %}")
    _para(doc, "{{ " + var + " }}")
    _tag(doc, "{%p endfor %}")


def _when(doc, name: str) -> None:
    _tag(doc, "{%p if " + name + " %}")
    _para(doc, "{{ " + name + " }}")
    _tag(doc, "{%p endif %}")


def violation_record(doc) -> None:
    """Form MBB01 of Decree 118/2021/NĐ-CP item by item, as violation_record.typ."""
    _header(doc, excerpt=False)
    _title(doc)
    _bases(doc)
    _para(doc, "Hôm nay, hồi {{ made_time }}, {{ made_day }}, tại {{ made_place }}.")
    _when(doc, "off_site_line")
    _para(doc, "Chúng tôi gồm:", bold=True, indent=False)
    for text in (
        "1. Người có thẩm quyền lập biên bản: Họ và tên: {{ officer_name }}; Chức vụ: "
        + _or_dots("officer_position")
        + "; Cơ quan: {{ issuer_full_name }}.",
        "2. Với sự chứng kiến của: {{ witness_line }}",
        "3. Người phiên dịch: {{ interpreter_line }}",
    ):
        _para(doc, text)
    _para(
        doc,
        "Tiến hành lập biên bản vi phạm hành chính đối với {{ violator_label }} có tên sau đây:",
        bold=True,
        indent=False,
    )
    _loop(doc, "violator_lines")
    for text in (
        "Số thuê bao ghi trên quảng cáo: {{ phone }} (hồ sơ số {{ case_number }}).",
        "2. Đã có các hành vi vi phạm hành chính: {{ act }}",
        "3. Quy định tại: " + _or_dots("legal_basis") + ".",
        "4. Cá nhân/tổ chức bị thiệt hại (nếu có): {{ injured_party }}",
        "5. Ý kiến trình bày của cá nhân/người đại diện của tổ chức vi phạm: "
        + _or_dots("statement"),
        "6. Ý kiến trình bày của đại diện chính quyền, người chứng kiến (nếu có): " + DOTS,
        "7. Ý kiến trình bày của cá nhân/tổ chức bị thiệt hại (nếu có): {{ injured_statement }}",
        "8. Chúng tôi đã yêu cầu {{ violator_label }} vi phạm chấm dứt ngay hành vi vi phạm.",
        "9. Các biện pháp ngăn chặn và bảo đảm xử lý vi phạm hành chính được áp dụng (nếu có), "
        "gồm: "
        + _or_dots("preventive_measures")
        + " Tang vật, phương tiện vi phạm hành chính, giấy phép, chứng chỉ hành nghề bị tạm "
        "giữ, gồm: " + _or_dots("seized_items"),
        "10. Quyền và thời hạn giải trình:",
    ):
        _para(doc, text)
    _loop(doc, "explanation_lines")
    for text in (
        "Yêu cầu {{ violator_label }} vi phạm có mặt vào hồi "
        + _or_dots("summons_time")
        + ", "
        + _or_dots("summons_day")
        + ", tại "
        + _or_dots("summons_place")
        + " để giải quyết vụ việc vi phạm.",
        "Biên bản lập xong hồi ……… giờ ……… phút cùng ngày, gồm ……… tờ, được lập thành "
        "{{ copies }} bản có nội dung và giá trị như nhau; đã đọc lại cho những người có tên "
        "trên cùng nghe, công nhận là đúng và cùng ký tên dưới đây; cá nhân/đại diện tổ chức "
        "vi phạm được giao 01 bản.",
        "Lý do cá nhân/người đại diện của tổ chức vi phạm không ký biên bản: " + DOTS,
    ):
        _para(doc, text)
    _when(doc, "witness_refusal_line")
    # The last lines stay with the signatures whichever of them docxtpl keeps.
    for paragraph in doc.paragraphs[-4:]:
        paragraph.paragraph_format.keep_with_next = True
    _signer_rows(doc)
    _gap(doc, 6)
    _para(doc, "{{ receipt_line }}")
    _keep_with_next(doc)
    left, right = _layout_table(doc, layout.TWO_SIGNERS_MM)
    _para(left, "", after=0)
    _para(right, "NGƯỜI NHẬN BIÊN BẢN", bold=True, align=CENTER, after=0)
    _para(right, "(Ký, ghi rõ họ và tên)", size=13, italic=True, align=CENTER, after=0)
    for _ in range(3):
        _para(right, "", align=CENTER, after=0)


def _signer_rows(doc) -> None:
    """Pairs of signers side by side, one row per pair ({%tr for pair in signer_pairs %})."""
    table = doc.add_table(rows=3, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _fixed_widths(table, layout.TWO_SIGNERS_MM)
    _cell_margins(table, 0)
    for row in table.rows:
        _row_flag(row, "w:cantSplit")
    table.rows[0].cells[0].paragraphs[0].add_run("{%tr for pair in signer_pairs %}")
    table.rows[2].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    for index, cell in enumerate(table.rows[1].cells):
        cell._tc.remove(cell.paragraphs[0]._p)
        person = f"pair[{index}]"
        _para(cell, "{{ " + person + ".role }}", bold=True, align=CENTER, after=0)
        _para(cell, "{{ " + person + ".hint }}", size=13, italic=True, align=CENTER, after=0)
        for _ in range(3):
            _para(cell, "", align=CENTER, after=0)
        _para(cell, "{{ " + person + ".name }}", bold=True, align=CENTER, after=8)


def remediation_request(doc) -> None:
    # A "Công văn": no title, the excerpt under the number.
    _header(doc, excerpt=True)
    _para(doc, "", after=4)
    _addressee(doc)
    _para(
        doc,
        "Căn cứ Biên bản vi phạm hành chính số {{ record_number }} lập {{ record_day }} "
        "đối với {{ salutation }} {{ subscriber_name }}, chủ thuê bao số {{ phone }}, về "
        "hành vi treo, dán quảng cáo rao vặt trái phép,",
    )
    _para(
        doc,
        "{{ issuer_full_name }} yêu cầu {{ salutation }} thực hiện biện pháp khắc phục "
        "hậu quả: {{ remediation }}",
    )
    _para(doc, "Tại các địa điểm:")
    _tag(doc, "{%p for s in sightings %}")
    _para(doc, "- {{ s.place }} (phát hiện ngày {{ s.found_on }});")
    _tag(doc, "{%p endfor %}")
    _para(
        doc,
        "Thời hạn hoàn thành: trước {{ remediation_deadline_day }}. Sau khi thực hiện, "
        "{{ salutation }} báo cáo kết quả cho {{ issuer_full_name }}.",
    )
    _para(doc, "{{ warning }}/.")
    _signature(doc)


def penalty_decision(doc) -> None:
    """The decision form of Decree 118/2021/NĐ-CP's appendix, as penalty_decision.typ."""
    _header(doc, excerpt=False)
    _title(doc)
    _para(doc, "{{ authority }}", bold=True, align=CENTER)
    _bases(doc)
    _para(doc, "{{ record_line }}", italic=True)
    _tag(doc, "{%p if delegation_line %}")
    _para(doc, "{{ delegation_line }}", italic=True)
    _tag(doc, "{%p endif %}")
    _para(doc, "QUYẾT ĐỊNH:", bold=True, align=CENTER)
    _runs(
        doc,
        ("Điều 1.", True),
        (" Xử phạt vi phạm hành chính đối với {{ violator_label }} có tên sau đây:", False),
    )
    _tag(doc, "{%p if is_organisation %}")
    _runs(doc, ("Tên của tổ chức vi phạm: ", False), ("{{ subscriber_name }}", True))
    for text in [
        "Địa chỉ trụ sở chính: " + _or_dots("subscriber_address"),
        "Mã số doanh nghiệp / mã số thuế: " + _or_dots("subscriber_id_number"),
        "Người đại diện theo pháp luật: " + DOTS,
    ]:
        _para(doc, text)
    _tag(doc, "{%p else %}")
    _runs(
        doc,
        ("Họ và tên: ", False),
        ("{{ subscriber_name }}", True),
        (
            "; Ngày, tháng, năm sinh: "
            + _or_dots("subscriber_birth_date")
            + "; Quốc tịch: "
            + _or_dots("nationality"),
            False,
        ),
    )
    for text in [
        "Nghề nghiệp: " + _or_dots("occupation"),
        "Nơi ở hiện tại: " + _or_dots("subscriber_address"),
        "Số định danh cá nhân/CCCD/Hộ chiếu: "
        + _or_dots("subscriber_id_number")
        + "; ngày cấp: "
        + _or_dots("id_issued_on")
        + "; nơi cấp: "
        + _or_dots("id_issued_place"),
    ]:
        _para(doc, text)
    _tag(doc, "{%p endif %}")
    for text in [
        "1. Đã thực hiện hành vi vi phạm hành chính: {{ act }}",
        "2. Quy định tại: {{ legal_basis }}.",
        "3. Các tình tiết tăng nặng: {{ aggravating }}",
        "4. Các tình tiết giảm nhẹ: {{ mitigating }}",
    ]:
        _para(doc, text)
    _para(doc, "5. Bị áp dụng hình thức xử phạt, biện pháp khắc phục hậu quả như sau:")
    _runs(
        doc,
        ("a) Hình thức xử phạt chính: Phạt tiền. Mức phạt: ", False),
        ("{{ amount }}", True),
        (".", False),
    )
    _para(doc, "b) Hình thức xử phạt bổ sung: {{ additional_penalty }}")
    _para(
        doc,
        "c) Biện pháp khắc phục hậu quả: {{ remedial_measures }}{% if remedial_due %} Thời "
        "hạn thực hiện: đến hết ngày {{ remedial_due }}.{% endif %} {{ remedial_cost }}",
    )
    _runs(doc, ("Điều 2.", True), (" {{ effect }}", False))
    _runs(doc, ("Điều 3.", True), (" Quyết định này được:", False))
    for text in [
        "1. Giao cho {{ salutation }} {{ subscriber_name }} để chấp hành. {{ execution }}",
        "{{ payment_place }} {{ late_payment }}",
        "{{ appeal }}",
        "2. Gửi cho {{ copies_to }}",
    ]:
        _para(doc, text)
    _signature(doc)


def _heading(doc, text: str, *, italic=False) -> None:
    paragraph = _para(doc, text, bold=True, italic=italic, align=LEFT, indent=False, after=4)
    paragraph.paragraph_format.space_before = Pt(8 if italic else 10)
    paragraph.paragraph_format.keep_with_next = True


def _report_table(doc, name: str) -> None:
    _tag(doc, "{%p if " + name + " %}")
    _cases_table(doc, K.PERIODIC_REPORT, rows=name, columns=layout.REPORT_TABLES[name], after=False)
    _tag(doc, "{%p else %}")
    _para(doc, "Không có số liệu trong kỳ báo cáo.")
    _tag(doc, "{%p endif %}")


def _paragraphs(doc, name: str) -> None:
    _tag(doc, "{%p for text in " + name + " %}")
    _para(doc, "{{ text }}")
    _tag(doc, "{%p endfor %}")


def periodic_report(doc) -> None:
    """The periodic report (Decree 30 type "Báo cáo"), as periodic_report.typ."""
    _header(doc, excerpt=False)
    _title(doc)
    _heading(doc, "I. TÌNH HÌNH CHUNG")
    _para(doc, "{{ summary }}")
    _para(doc, "(Số liệu {{ period_range }}, chốt lúc {{ computed_at }}.)", italic=True)
    _heading(doc, "II. KẾT QUẢ XỬ LÝ")
    for text, name in (
        ("1. Kết quả chung", "totals"),
        ("2. Theo đơn vị phát hiện", "by_reporter"),
        ("3. Theo nhà mạng (số ngày làm việc để xác định chủ thuê bao: trung vị)", "by_carrier"),
    ):
        _heading(doc, text, italic=True)
        _report_table(doc, name)
    _heading(doc, "III. KHÓ KHĂN, VƯỚNG MẮC")
    _paragraphs(doc, "difficulties")
    _heading(doc, "IV. KIẾN NGHỊ, ĐỀ XUẤT")
    _paragraphs(doc, "proposals")
    _para(doc, "{{ closing }}")
    _signature(doc)


BUILDERS = [
    transfer_slip,
    resend_slip,
    invitation,
    violation_record,
    remediation_request,
    suspension_request,
    culture_slip,
    penalty_decision,
    periodic_report,
]


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for build in BUILDERS:
        doc = _document()
        build(doc)
        doc.save(OUT / f"{build.__name__}.docx")
        print(OUT / f"{build.__name__}.docx")


if __name__ == "__main__":
    main()
