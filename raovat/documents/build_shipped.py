"""Build the shipped DOCX templates in shipped/ (run after changing this file, commit both).

    .venv/bin/python -m raovat.documents.build_shipped

They mirror the HTML layout (Decree 30/2020/NĐ-CP) and use the placeholders listed in
raovat/documents/contexts; an administrator may replace any of them in the admin.
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

OUT = Path(__file__).resolve().parent / "shipped"
FONT = "Times New Roman"
CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT


def _document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    # Word picks the font per script; set all of them so Vietnamese never falls back.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.line_spacing = 1.1
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


def _para(container, text="", *, size=None, bold=False, italic=False, align=JUSTIFY,
          indent=True, after=4):
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
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                       ("w:color", "000000")):
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


def _layout_table(doc, widths_cm):
    table = doc.add_table(rows=1, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    for cell, width in zip(table.rows[0].cells, widths_cm, strict=True):
        cell.width = Cm(width)
        cell._tc.remove(cell.paragraphs[0]._p)
    return table.rows[0].cells


def _header(doc, *, excerpt: bool) -> None:
    left, right = _layout_table(doc, [6.6, 9.9])
    _para(left, "{{ superior_name }}", size=13, align=CENTER)
    _para(left, "{{ issuer_name }}", size=13, bold=True, align=CENTER, after=0)
    _rule(left, 2.2)
    _para(left, "Số: {{ number_label }}", size=13, align=CENTER)
    if excerpt:
        _para(left, "{{ subtitle }}", size=12, align=CENTER)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12.5, bold=True, align=CENTER)
    _para(right, "Độc lập - Tự do - Hạnh phúc", size=13.5, bold=True, align=CENTER, after=0)
    _rule(right, 2.3)
    _para(right, "{{ place_date_line }}", italic=True, align=CENTER)


def _title(doc) -> None:
    _para(doc, "", after=6)
    _para(doc, "{{ title }}", bold=True, align=CENTER, after=0)
    _para(doc, "{{ subtitle }}", bold=True, align=CENTER, after=0)
    _rule(doc, 6.5)


def _signature(doc) -> None:
    _para(doc, "", after=4)
    left, right = _layout_table(doc, [7.4, 9.1])
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


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _cases_table(doc, columns) -> None:
    """columns: (header, row field, width in cm); the header row repeats on every page."""
    table = doc.add_table(rows=4, cols=len(columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _repeat_header(table.rows[0])
    for index, (title, field, width) in enumerate(columns):
        cells = [row.cells[index] for row in table.rows]
        for cell in cells:
            cell.width = Cm(width)
        head = cells[0].paragraphs[0]
        head.alignment = CENTER
        run = head.add_run(title)
        run.bold, run.font.size = True, Pt(11)
        tag = "{%tr for row in rows %}" if index == 0 else ""
        end = "{%tr endfor %}" if index == 0 else ""
        cells[1].paragraphs[0].add_run(tag).font.size = Pt(11)
        data = cells[2].paragraphs[0]
        data.alignment = CENTER if field in ("no", "found_on") else LEFT
        data.add_run("{{ row." + field + " }}").font.size = Pt(11)
        cells[3].paragraphs[0].add_run(end).font.size = Pt(11)
    _para(doc, "", after=2)


def _body_slip(doc, lead: str, columns, closing=("Trân trọng./.",), note=True) -> None:
    _para(doc, "Kính gửi: {{ to_unit_name }}.", align=CENTER, after=8)
    _para(doc, lead)
    _cases_table(doc, columns)
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
    _body_slip(doc, (
        "{{ issuer_full_name }} chuyển đến {{ to_unit_name }} {{ case_count }} hồ sơ số thuê "
        "bao được ghi trên quảng cáo rao vặt treo, dán trái phép, đề nghị {{ to_unit_name }} "
        "cung cấp thông tin chủ thuê bao (họ và tên, số định danh cá nhân, địa chỉ) để xử lý "
        "theo quy định, cụ thể như sau:"), [
        ("STT", "no", 1.1), ("Số hồ sơ", "case_number", 2.8), ("Số thuê bao", "phone", 2.5),
        ("Nhà mạng", "carrier", 1.9), ("Địa điểm vi phạm", "place", 3.8),
        ("{{ reporter_label }}", "reporter", 2.3), ("Ngày phát hiện", "found_on", 2.1),
    ])
    _signature(doc)


def resend_slip(doc) -> None:
    _header(doc, excerpt=False)
    _title(doc)
    _body_slip(doc, (
        "{{ issuer_full_name }} chuyển lại {{ to_unit_name }} {{ case_count }} hồ sơ đã được "
        "trả về, nay đã bổ sung theo yêu cầu, đề nghị {{ to_unit_name }} cung cấp thông tin "
        "chủ thuê bao để xử lý theo quy định, cụ thể như sau:"), [
        ("STT", "no", 1.1), ("Số hồ sơ", "case_number", 2.8), ("Số thuê bao", "phone", 2.5),
        ("Nhà mạng", "carrier", 1.9), ("Lý do trả về", "return_reason", 4.1),
        ("Nội dung đã bổ sung", "added", 4.1),
    ], note=False)
    _signature(doc)


def suspension_request(doc) -> None:
    _header(doc, excerpt=True)
    _para(doc, "", after=4)
    _para(doc, "Kính gửi: {{ to_unit_name }}.", align=CENTER, after=8)
    _bases(doc)
    _para(doc, (
        "Qua công tác kiểm tra, xử lý quảng cáo rao vặt trái phép trên địa bàn, "
        "{{ issuer_full_name }} đã mời các chủ thuê bao có tên dưới đây đến làm việc nhưng chủ "
        "thuê bao không chấp hành. Để ngăn chặn hành vi vi phạm và bảo đảm việc xử lý vi phạm "
        "hành chính, {{ issuer_full_name }} đề nghị {{ to_unit_name }} {{ measure }} đối với "
        "{{ case_count }} số thuê bao sau:"))
    _cases_table(doc, [
        ("STT", "no", 1.1), ("Số thuê bao", "phone", 2.6), ("Nhà mạng", "carrier", 2.0),
        ("Chủ thuê bao", "subscriber_name", 3.6), ("Số hồ sơ", "case_number", 2.9),
        ("Thư mời đã gửi", "invitation", 4.3),
    ])
    _para(doc, (
        "Dịch vụ được khôi phục khi chủ thuê bao chấp hành quyết định xử lý vi phạm hành "
        "chính; {{ issuer_full_name }} sẽ thông báo để {{ to_unit_name }} chỉ đạo các doanh "
        "nghiệp viễn thông khôi phục."))
    _para(doc, "{{ issuer_full_name }} trân trọng đề nghị {{ to_unit_name }} phối hợp thực "
               "hiện./.")
    _signature(doc)


def culture_slip(doc) -> None:
    _header(doc, excerpt=False)
    _title(doc)
    _body_slip(doc, (
        "{{ issuer_full_name }} chuyển đến {{ to_unit_name }} {{ case_count }} hồ sơ vi phạm "
        "quảng cáo rao vặt trái phép; các chủ thuê bao đã được mời đến làm việc nhưng không "
        "chấp hành, đề nghị {{ to_unit_name }} xem xét, xử lý theo thẩm quyền, cụ thể như sau:"),
        [("STT", "no", 1.1), ("Số hồ sơ", "case_number", 2.6), ("Số thuê bao", "phone", 2.3),
         ("Chủ thuê bao", "subscriber_name", 2.5), ("Địa chỉ", "subscriber_address", 2.8),
         ("Địa điểm vi phạm", "place", 3.1), ("Ngày phát hiện", "found_on", 2.1)])
    _signature(doc)


def invitation(doc) -> None:
    _header(doc, excerpt=False)
    _title(doc)
    _addressee(doc)
    _para(doc, "Qua kiểm tra, số thuê bao {{ phone }} được ghi trên quảng cáo rao vặt treo, "
               "dán trái phép tại các địa điểm sau:")
    _tag(doc, "{%p for s in sightings %}")
    _para(doc, "- Ngày {{ s.found_on }}: {{ s.place }} ({{ s.ad_type }});")
    _tag(doc, "{%p endfor %}")
    _para(doc, "Theo thông tin do {{ telecom_name }} cung cấp, {{ salutation }} là chủ thuê "
               "bao số {{ phone }}. {{ issuer_full_name }} trân trọng kính mời {{ salutation }} "
               "đến làm việc:")
    _para(doc, "- Thời gian: {{ meeting_time }}, {{ meeting_day }}.")
    _para(doc, "- Địa điểm: {{ meeting_place }}.")
    _para(doc, "- Khi đến, đề nghị mang theo: {{ bring_items | join('; ') }}.")
    _para(doc, "Mọi chi tiết xin liên hệ {{ contact_officer }}, điện thoại {{ contact_phone }}. "
               "Hồ sơ số {{ case_number }}.")
    _para(doc, "Rất mong {{ salutation }} đến đúng thời gian và địa điểm nêu trên./.")
    _signature(doc)


def violation_record(doc) -> None:
    _header(doc, excerpt=False)
    _title(doc)
    _bases(doc)
    for text in [
        "Hôm nay, hồi {{ made_time }}, {{ made_day }}, tại {{ made_place }}.",
        "Chúng tôi gồm:",
        "1. Người có thẩm quyền lập biên bản: {{ officer_name }}; chức vụ: "
        "{{ officer_position }}; đơn vị: {{ issuer_full_name }}.",
        "2. Với sự chứng kiến của (nếu có): ………………………………………………………",
        "Tiến hành lập biên bản vi phạm hành chính đối với:",
        "{{ salutation }}: {{ subscriber_name }}; ngày sinh: {{ subscriber_birth_date }}; số "
        "định danh cá nhân/CCCD: {{ subscriber_id_number }}.",
        "Địa chỉ: {{ subscriber_address }}; số thuê bao: {{ phone }}.",
        "Đã có hành vi vi phạm hành chính: {{ act }}",
        "Quy định tại: {{ legal_basis }}.",
        "Mức tiền phạt theo quy định: {{ amount }}.",
        "Ý kiến trình bày của người vi phạm: {{ statement or 'Không có.' }}",
        "Biện pháp ngăn chặn và bảo đảm xử lý vi phạm hành chính được áp dụng: không.",
        "Biện pháp khắc phục hậu quả: {{ remediation }}{% if remediation_deadline %} Thời hạn "
        "thực hiện: trước ngày {{ remediation_deadline }}.{% endif %}",
        "Quyền giải trình: {{ explanation_right }}",
        "Biên bản lập xong hồi ……… giờ ……… phút cùng ngày, gồm ……… tờ, được lập thành "
        "{{ copies }} bản có nội dung và giá trị như nhau; đã đọc lại cho những người có tên "
        "trên cùng nghe, công nhận là đúng và cùng ký tên dưới đây; 01 bản giao cho người vi "
        "phạm.",
        "Trường hợp người vi phạm không ký biên bản, lý do: ……………………………………………",
    ]:
        bold = text in ("Chúng tôi gồm:", "Tiến hành lập biên bản vi phạm hành chính đối với:")
        _para(doc, text, bold=bold, indent=not bold)
    _para(doc, "", after=4)
    for pair in ((("NGƯỜI VI PHẠM", "{{ subscriber_name }}"),
                  ("NGƯỜI LẬP BIÊN BẢN", "{{ officer_name }}")),
                 (("NGƯỜI CHỨNG KIẾN", ""), ("ĐẠI DIỆN CHÍNH QUYỀN", ""))):
        for cell, (role, name) in zip(_layout_table(doc, [8.2, 8.3]), pair, strict=True):
            _para(cell, role, bold=True, align=CENTER, after=0)
            _para(cell, "(Ký, ghi rõ họ tên)", italic=True, align=CENTER, after=0)
            for _ in range(3):
                _para(cell, "", align=CENTER, after=0)
            _para(cell, name, bold=True, align=CENTER, after=8)


def remediation_request(doc) -> None:
    _header(doc, excerpt=False)
    _title(doc)
    _addressee(doc)
    _para(doc, "Căn cứ Biên bản vi phạm hành chính số {{ record_number }} lập {{ record_day }} "
               "đối với {{ salutation }} {{ subscriber_name }}, chủ thuê bao số {{ phone }}, về "
               "hành vi treo, dán quảng cáo rao vặt trái phép,")
    _para(doc, "{{ issuer_full_name }} yêu cầu {{ salutation }} thực hiện biện pháp khắc phục "
               "hậu quả: {{ remediation }}")
    _para(doc, "Tại các địa điểm:")
    _tag(doc, "{%p for s in sightings %}")
    _para(doc, "- {{ s.place }} (phát hiện ngày {{ s.found_on }});")
    _tag(doc, "{%p endfor %}")
    _para(doc, "Thời hạn hoàn thành: trước {{ remediation_deadline_day }}. Sau khi thực hiện, "
               "{{ salutation }} báo cáo kết quả cho {{ issuer_full_name }}.")
    _para(doc, "{{ warning }}/.")
    _signature(doc)


BUILDERS = [transfer_slip, resend_slip, invitation, violation_record, remediation_request,
            suspension_request, culture_slip]


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for build in BUILDERS:
        doc = _document()
        build(doc)
        doc.save(OUT / f"{build.__name__}.docx")
        print(OUT / f"{build.__name__}.docx")


if __name__ == "__main__":
    main()
