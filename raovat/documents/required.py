"""The values each document cannot be printed without (one mechanism with the SMS fields).

A document whose context lacks one of them is refused with the sentence naming what is
missing, before it gets a number: no paper with a blank where a name or a date belongs.
"""

from raovat.cases.required import Slot, require_values
from raovat.documents.kinds import DocumentKind as K

_SIGNER = "thông tin người ký của đơn vị (trang quản trị, mục Đơn vị)"
_ISSUER = {
    "issuer_name": Slot("thông tin đơn vị ban hành", "tên đơn vị"),
    "number_label": Slot("số văn bản", "số và ký hiệu"),
}
_SIGNED = {
    **_ISSUER,
    "signer_title": Slot(_SIGNER, "chức vụ người ký"),
    "signer_name": Slot(_SIGNER, "họ tên người ký"),
}
_SLIP = {**_SIGNED, "to_unit_name": Slot("phiếu chuyển", "đơn vị nhận")}

REQUIRED = {
    K.TRANSFER_SLIP: _SLIP,
    # The note ("Nội dung đã bổ sung") is "if any" in the manual: not required.
    K.RESEND_SLIP: _SLIP,
    K.SUSPENSION_REQUEST: _SLIP,
    K.CULTURE_SLIP: _SLIP,
    K.INVITATION: {
        **_SIGNED,
        "meeting_time": Slot("thư mời", "thời gian"),
        "meeting_place": Slot("thư mời", "địa điểm"),
    },
    # The record is signed by the officer who made it and the violator.
    K.VIOLATION_RECORD: {
        **_ISSUER,
        "made_place": Slot("biên bản", "địa điểm lập biên bản"),
        "officer_name": Slot("biên bản", "người lập biên bản"),
        "legal_basis": Slot("biên bản", "căn cứ pháp lý"),
    },
    K.PERIODIC_REPORT: _SIGNED,
    K.REMEDIATION_REQUEST: {
        **_SIGNED,
        "remediation": Slot("biên bản", "biện pháp khắc phục"),
        "remediation_deadline": Slot("biên bản", "hạn khắc phục"),
    },
}


def document_check(*, kind: str, context: dict) -> None:
    """Raise MissingValues if the document would print with a hole."""
    require_values(
        context, REQUIRED.get(kind, {}), prefix=f"Chưa in được {K(kind).label.lower()}. "
    )
