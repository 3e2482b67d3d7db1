"""The page and the column plan every document shares, PDF (Typst) and DOCX alike.

Decree 30/2020/NĐ-CP, Appendix I: A4, margins top/bottom 20 mm, left 30 mm, right
15 mm. The case tables' column widths are given here once, in millimetres, and both
the Typst templates (as data) and the DOCX builder (as `w:tblGrid` and cell widths)
read them, so a table looks the same in both formats.
"""

from dataclasses import asdict, dataclass

from raovat.documents.kinds import DocumentKind as K

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]  # 165
# The two halves of the header block and of the signature block.
HEADER_COLUMNS_MM = (68, TEXT_WIDTH_MM - 68)
SIGNATURE_COLUMNS_MM = (75, TEXT_WIDTH_MM - 75)
TWO_SIGNERS_MM = (TEXT_WIDTH_MM / 2, TEXT_WIDTH_MM / 2)


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    width_mm: float
    align: str = "left"  # "left" or "center"
    nowrap: bool = False  # numbers and dates are never broken across lines


STT = Column("no", "STT", 11, "center", True)
CASE = Column("case_number", "Số hồ sơ", 30, nowrap=True)
PHONE = Column("phone", "Số thuê bao", 25, nowrap=True)
CARRIER = Column("carrier", "Nhà mạng", 20, nowrap=True)
FOUND = Column("found_on", "Ngày phát hiện", 21, "center", True)

COLUMNS: dict[str, tuple[Column, ...]] = {
    K.TRANSFER_SLIP: (
        STT,
        CASE,
        PHONE,
        CARRIER,
        Column("place", "Địa điểm vi phạm", 35),
        Column("reporter", "Đơn vị phát hiện", 23),
        FOUND,
    ),
    K.RESEND_SLIP: (
        STT,
        CASE,
        PHONE,
        CARRIER,
        Column("return_reason", "Lý do trả về", 40),
        Column("added", "Nội dung đã bổ sung", 39),
    ),
    # Both tables of the request (subscribers recorded, subscribers who never came).
    K.SUSPENSION_REQUEST: (
        STT,
        PHONE,
        CARRIER,
        Column("subscriber_name", "Chủ thuê bao", 32),
        CASE,
        Column("grounds", "Căn cứ", 47),
    ),
    # Its tables are split like the suspension request's, each row with its grounds.
    K.CULTURE_SLIP: (
        STT,
        CASE,
        PHONE,
        Column("subscriber_name", "Chủ thuê bao", 18),
        Column("subscriber_address", "Địa chỉ", 19),
        Column("place", "Địa điểm vi phạm", 20),
        Column("grounds", "Căn cứ", 42),
    ),
}
# The last column's heading of each table of the suspension request and culture slip.
SUSPENSION_GROUNDS = {
    "decided": "Quyết định xử phạt, biên bản (số, ngày)",
    "recorded": "Biên bản vi phạm hành chính (số, ngày)",
    "absent": "Đã mời, liên hệ (ngày)",
}


def _figure(field: str, label: str, width: float = 18) -> Column:
    return Column(field, label, width, "center", True)


# The periodic report's three tables (raovat/documents/contexts/report.py).
REPORT_TABLES: dict[str, tuple[Column, ...]] = {
    "totals": (STT, Column("label", "Nội dung", 114), _figure("value", "Số lượng", 40)),
    "by_reporter": (
        STT,
        Column("unit", "Đơn vị phát hiện", 46),
        _figure("received", "Tiếp nhận"),
        _figure("confirmed", "Xác nhận"),
        _figure("returned", "Trả về"),
        _figure("decided", "Ra quyết định xử phạt"),
        _figure("suspended", "Ngưng dịch vụ"),
        _figure("closed", "Kết thúc"),
    ),
    "by_carrier": (
        STT,
        Column("carrier", "Nhà mạng", 34),
        _figure("cases", "Số hồ sơ", 24),
        _figure("share", "Tỷ lệ", 24),
        _figure("identified", "Đã xác định chủ thuê bao", 24),
        _figure("identify_days", "Số ngày để xác định", 24),
        _figure("suspended", "Ngưng dịch vụ", 24),
    ),
}

for _kind, _columns in [*COLUMNS.items(), *REPORT_TABLES.items()]:
    assert sum(c.width_mm for c in _columns) == TEXT_WIDTH_MM, _kind


def columns_data(kind: str) -> list[dict]:
    return [asdict(column) for column in COLUMNS.get(kind, ())]


def report_tables_data() -> dict[str, list[dict]]:
    return {name: [asdict(c) for c in columns] for name, columns in REPORT_TABLES.items()}


def page_data() -> dict:
    return {
        "margins": MARGINS_MM,
        "text_width": TEXT_WIDTH_MM,
        "header_columns": HEADER_COLUMNS_MM,
        "signature_columns": SIGNATURE_COLUMNS_MM,
    }
