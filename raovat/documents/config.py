"""CONFIGURATION, not code: legal citations and fixed wording printed on documents.

Laws are amended and some citations here could not be checked against the official
gazette, so none of this is hard-coded law. A deployment overrides any entry with the
setting DOCUMENT_TEXTS, a dict with the same keys, e.g.
    DOCUMENT_TEXTS = {"suspension_bases": ["Căn cứ …;", "Căn cứ …;"]}
"""

from django.conf import settings

DEFAULT_TEXTS = {
    # Request to suspend service: the grounds, cited as the preventive measures of the
    # Law on Handling Administrative Violations (Hanoi's QĐ 356/QĐ-STTTT procedure).
    "suspension_bases": [
        "Căn cứ Luật Xử lý vi phạm hành chính ngày 20 tháng 6 năm 2012 và các Luật sửa đổi, "
        "bổ sung một số điều của Luật Xử lý vi phạm hành chính;",
        "Căn cứ Luật Quảng cáo ngày 21 tháng 6 năm 2012 và các Luật sửa đổi, bổ sung;",
        "Căn cứ Nghị định số 38/2021/NĐ-CP ngày 29 tháng 3 năm 2021 của Chính phủ quy định "
        "xử phạt vi phạm hành chính trong lĩnh vực văn hóa và quảng cáo;",
    ],
    "suspension_measure": (
        "áp dụng biện pháp ngăn chặn và bảo đảm xử lý vi phạm hành chính theo quy định của "
        "Luật Xử lý vi phạm hành chính: tạm ngưng cung cấp dịch vụ viễn thông hai chiều"
    ),
    "record_bases": [
        "Căn cứ Luật Xử lý vi phạm hành chính ngày 20 tháng 6 năm 2012 và các Luật sửa đổi, "
        "bổ sung một số điều của Luật Xử lý vi phạm hành chính;",
        "Căn cứ Nghị định số 38/2021/NĐ-CP ngày 29 tháng 3 năm 2021 của Chính phủ quy định "
        "xử phạt vi phạm hành chính trong lĩnh vực văn hóa và quảng cáo;",
    ],
    "explanation_right": (
        "Trường hợp thuộc đối tượng được giải trình theo Điều 61 Luật Xử lý vi phạm hành "
        "chính, cá nhân, tổ chức vi phạm có quyền gửi văn bản giải trình đến người có thẩm "
        "quyền xử phạt trong thời hạn 02 ngày làm việc kể từ ngày lập biên bản này."
    ),
    "record_copies": "02",
    "remediation_warning": (
        "Quá thời hạn trên mà không thực hiện, cơ quan có thẩm quyền sẽ tổ chức thực hiện "
        "biện pháp khắc phục hậu quả và tiến hành cưỡng chế theo quy định của pháp luật; "
        "mọi chi phí do cá nhân, tổ chức vi phạm chi trả."
    ),
}


def text(key: str):
    return getattr(settings, "DOCUMENT_TEXTS", {}).get(key, DEFAULT_TEXTS[key])
