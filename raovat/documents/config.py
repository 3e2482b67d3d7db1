"""CONFIGURATION, not code: legal citations and fixed wording printed on documents.

Laws are amended and some citations here could not be checked against the official
gazette, so none of this is hard-coded law. A deployment overrides any entry with the
setting DOCUMENT_TEXTS, a dict with the same keys, e.g.
    DOCUMENT_TEXTS = {"record_copies": "03"}
"""

from django.conf import settings

DEFAULT_TEXTS = {
    # The grounds ("Căn cứ …") of records and suspension requests, and the provision a
    # record cites, are data: the model LegalBasis, edited in the administration.
    "suspension_measure": (
        "áp dụng biện pháp ngăn chặn và bảo đảm xử lý vi phạm hành chính theo quy định của "
        "Luật Xử lý vi phạm hành chính: tạm ngưng cung cấp dịch vụ viễn thông hai chiều"
    ),
    # Art. 61 of the Law on Handling Administrative Violations as amended by Law
    # 67/2020/QH14: 05 working days for a written explanation, 02 to ask for a hearing.
    "explanation_right": (
        "Trường hợp vi phạm hành chính thuộc đối tượng được giải trình theo khoản 1 Điều 61 "
        "Luật Xử lý vi phạm hành chính (được sửa đổi, bổ sung năm 2020), cá nhân, tổ chức vi "
        "phạm có quyền gửi văn bản giải trình đến người có thẩm quyền xử phạt trong thời hạn "
        "05 ngày làm việc, kể từ ngày lập biên bản này, hoặc yêu cầu giải trình trực tiếp "
        "trong thời hạn 02 ngày làm việc, kể từ ngày lập biên bản này."
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
