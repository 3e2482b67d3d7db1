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
    # Form MBB01's item 10: who may explain is art. 61(1) of the Law on Handling
    # Administrative Violations — acts whose maximum fine is at least 15,000,000 ₫ for an
    # individual, 30,000,000 ₫ for an organisation. The record prints a) or b) from the
    # maximum of the provision it cites (LegalBasis), both to tick when it has none.
    "explanation_threshold": {"individual": 15_000_000, "organisation": 30_000_000},
    "explanation_none": (
        "a) Không được quyền giải trình (do không thuộc trường hợp quy định tại khoản 1 "
        "Điều 61 Luật Xử lý vi phạm hành chính)"
    ),
    "explanation_granted": (
        "b) Được quyền giải trình (do thuộc trường hợp quy định tại khoản 1 Điều 61 Luật Xử "
        "lý vi phạm hành chính)"
    ),
    "record_copies": "02",
    # The penalty decision, form MQĐ02 (Decree 118/2021/NĐ-CP as amended by Decree
    # 68/2025/NĐ-CP); the payment and late-payment sentences follow khoản 1 Điều 78 of the
    # Law (as amended by Laws 67/2020/QH14 and 88/2025/QH15). Sources: decision 018.
    "decision_effect": "Quyết định này có hiệu lực kể từ ngày ký.",
    "decision_execution": (
        "{violator} phải nghiêm chỉnh chấp hành Quyết định xử phạt này. Nếu quá thời hạn mà "
        "không tự nguyện chấp hành thì sẽ bị cưỡng chế thi hành theo quy định của pháp luật."
    ),
    "decision_payment_place": (
        "{violator} phải nộp tiền phạt tại {treasury} hoặc nộp vào tài khoản số {account} "
        "của {treasury} trong thời hạn đến hết ngày {due}."
    ),
    "decision_late_payment": (
        "Quá thời hạn trên, {violator} bị cưỡng chế thi hành quyết định xử phạt và cứ mỗi "
        "ngày chậm nộp tiền phạt thì phải nộp thêm 0,05% tính trên tổng số tiền phạt chưa "
        "nộp (khoản 1 Điều 78 Luật Xử lý vi phạm hành chính)."
    ),
    "decision_remedial_cost": (
        "Mọi chi phí tổ chức thi hành biện pháp khắc phục hậu quả do {violator} vi phạm chi trả."
    ),
    "decision_appeal": (
        "{violator} có quyền khiếu nại hoặc khởi kiện hành chính đối với Quyết định này theo "
        "quy định của pháp luật."
    ),
    "decision_copies_to": "{treasury} để thu tiền phạt.",
    "remediation_warning": (
        "Quá thời hạn trên mà không thực hiện, cơ quan có thẩm quyền sẽ tổ chức thực hiện "
        "biện pháp khắc phục hậu quả và tiến hành cưỡng chế theo quy định của pháp luật; "
        "mọi chi phí do cá nhân, tổ chức vi phạm chi trả."
    ),
}


def text(key: str):
    return getattr(settings, "DOCUMENT_TEXTS", {}).get(key, DEFAULT_TEXTS[key])
