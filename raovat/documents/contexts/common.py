"""What every document shares: the Decree 30/2020 header, signature and recipients.

Contexts hold only strings, lists and dicts of strings, so that the same context feeds
the HTML layout (Django templates) and the DOCX templates (Jinja in docxtpl).
"""

import datetime

from django.utils import timezone

from raovat.documents import words
from raovat.units.models import Unit

# Abbreviations official headers use for a superior body (Decree 30 allows them).
SHORT_FORMS = [("Ủy ban nhân dân", "UBND"), ("Uỷ ban nhân dân", "UBND")]
WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")

# Placeholders of every kind, with what an administrator sees in the admin.
COMMON_FIELDS = {
    "superior_name": "Tên cơ quan cấp trên (chữ in hoa), ví dụ UBND QUẬN 1",
    "issuer_name": "Tên đơn vị ban hành (chữ in hoa)",
    "issuer_full_name": "Tên đơn vị ban hành, viết thường (dùng trong nội dung)",
    "number_label": "Số văn bản, ví dụ 15/PC-VHTTQ1, công văn 5/VHTTQ1 (in sau chữ “Số:”)",
    "place_date_line": "Địa danh, ngày tháng năm, ví dụ Quận 1, ngày 25 tháng 11 năm 2026",
    "date": "Ngày văn bản dạng 25/11/2026",
    "title": "Tên loại văn bản (chữ in hoa)",
    "subtitle": "Trích yếu nội dung",
    "excerpt": "Trích yếu của công văn (V/v …), in dưới số văn bản; trống nếu có tên loại",
    "signer_title": "Chức vụ người ký (có thể nhiều dòng)",
    "signer_title_lines": "Chức vụ người ký, từng dòng (dùng trong vòng lặp)",
    "signer_name": "Họ tên người ký",
    "recipients": "Danh sách nơi nhận, dòng cuối là “Lưu: VT.” (dùng trong vòng lặp)",
    "issuer_address": "Địa chỉ đơn vị ban hành",
    "issuer_phone": "Điện thoại đơn vị ban hành",
}


def upper(text: str) -> str:
    return (text or "").upper()


def dmy(d: datetime.date | None) -> str:
    return f"{d:%d/%m/%Y}" if d else ""


def local(dt: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(dt) if timezone.is_aware(dt) else dt


def time_in_words(dt: datetime.datetime) -> str:
    return f"{dt:%H} giờ {dt:%M} phút"


def day_in_words(d: datetime.date) -> str:
    """ "thứ Ba, ngày 01 tháng 12 năm 2026": the weekday helps people keep an appointment."""
    return f"{WEEKDAYS[d.weekday()]}, {words.date_in_words(d)}"


def place_name(unit: Unit) -> str:
    for candidate in unit.ancestors():
        if candidate.place_name:
            return candidate.place_name
    return ""


def short_form(name: str) -> str:
    """ "Ủy ban nhân dân Phường Sài Gòn" -> "UBND Phường Sài Gòn", as headers write it."""
    for long, short in SHORT_FORMS:
        if name.lower().startswith(long.lower()):
            return short + name[len(long) :]
    return name


def header(
    title: str,
    subtitle: str,
    *,
    unit: Unit,
    number_label: str,
    on: datetime.date,
    unit_name: str = "",
) -> dict:
    """The top of a Decree 30 document, from the unit's data only."""
    superior = unit.parent
    return {
        "superior_name": upper(short_form(superior.name)) if superior else "",
        "issuer_name": upper(unit_name or unit.name),
        "issuer_full_name": unit_name or unit.name,
        "number_label": number_label,
        "place_date_line": words.date_line(place_name(unit), on),
        "date": dmy(on),
        "title": title,
        "subtitle": subtitle,
        # A "Công văn" has no title: its excerpt "V/v …" stands under the number.
        "excerpt": "" if title else subtitle,
        "issuer_address": unit.address,
        "issuer_phone": unit.phone,
    }


def signature(unit: Unit, recipients: list[str]) -> dict:
    title = upper(unit.signer_title).strip()
    return {
        "signer_title": title,
        "signer_title_lines": [line.strip() for line in title.splitlines() if line.strip()],
        "signer_name": unit.signer_name,
        "recipients": [*recipients, "Lưu: VT."],
    }
