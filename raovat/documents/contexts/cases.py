"""Contexts of the documents addressed to a subscriber: invitation, record, remediation."""

from raovat.cases.models import Invitation, LegalBasis, LegalPurpose, PenaltyRecord
from raovat.cases.models.outcome import SubscriberKind
from raovat.cases.phones import display
from raovat.documents import config, words
from raovat.documents.contexts.common import (
    day_in_words,
    dmy,
    header,
    local,
    signature,
    time_in_words,
)
from raovat.documents.contexts.record import record_form, signer_pairs
from raovat.documents.kinds import DocumentKind as K

TITLES = {
    # Decree 30/2020, Appendix III: "Giấy mời" (GM), "Biên bản" (BB); the request to the
    # subscriber is a "Công văn": no title, its excerpt "V/v …" under the number.
    K.INVITATION: ("GIẤY MỜI", "Về việc làm việc liên quan đến quảng cáo rao vặt trái phép"),
    K.VIOLATION_RECORD: ("BIÊN BẢN VI PHẠM HÀNH CHÍNH", "Về quảng cáo"),
    K.REMEDIATION_REQUEST: ("", "V/v yêu cầu thực hiện biện pháp khắc phục hậu quả"),
}


def grounds(purpose: str) -> list[str]:
    """The "Căn cứ …;" lines of a document: the active legal bases of its purpose."""
    return [basis.ground() for basis in LegalBasis.objects.filter(purpose=purpose, active=True)]


SUBSCRIBER_FIELDS = {
    "salutation": "Cách gọi chủ thuê bao: Ông (Bà) hoặc Tổ chức",
    "subscriber_name": "Họ và tên chủ thuê bao",
    "subscriber_address": "Địa chỉ chủ thuê bao",
    "subscriber_id_number": "Số định danh cá nhân/CCCD",
    "subscriber_birth_date": "Ngày sinh (dd/mm/yyyy)",
    "phone": "Số thuê bao, ví dụ 0912 345 678",
    "case_number": "Số hồ sơ",
    "telecom_name": "Tên cơ quan quản lý viễn thông đã cung cấp thông tin",
    "sightings": "Các lần phát hiện: found_on (ngày), place (địa điểm), ad_type (hình thức), "
    "ad_text (nội dung); dùng trong vòng lặp",
}
EXTRA_FIELDS = {
    K.INVITATION: {
        "meeting_time": "Giờ mời đến, ví dụ 14 giờ 00 phút",
        "meeting_day": "Ngày mời đến bằng chữ, ví dụ thứ Ba, ngày 01 tháng 12 năm 2026",
        "meeting_place": "Địa điểm mời đến",
        "bring_items": "Giấy tờ cần mang theo, từng dòng (dùng trong vòng lặp)",
        "contact_officer": "Cán bộ liên hệ",
        "contact_phone": "Điện thoại liên hệ",
    },
    K.VIOLATION_RECORD: {
        "legal_bases": "Các căn cứ lập biên bản (cấu hình, dùng trong vòng lặp)",
        "made_time": "Giờ lập biên bản",
        "made_day": "Ngày lập biên bản bằng chữ",
        "made_place": "Địa điểm lập biên bản",
        "officer_name": "Họ tên người lập biên bản",
        "officer_position": "Chức vụ người lập biên bản",
        "act": "Hành vi vi phạm",
        "legal_basis": "Điều khoản vi phạm",
        "violator_label": "Cách gọi người vi phạm: ông (bà) hoặc tổ chức",
        "is_organisation": "Người vi phạm là tổ chức (đúng/sai, dùng trong {% if %})",
        "nationality": "Quốc tịch",
        "occupation": "Nghề nghiệp",
        "id_issued_on": "Ngày cấp giấy tờ tùy thân (dd/mm/yyyy)",
        "id_issued_place": "Nơi cấp giấy tờ tùy thân",
        "witness": "Người chứng kiến",
        "preventive_measures": "Biện pháp ngăn chặn và bảo đảm xử lý vi phạm hành chính",
        "seized_items": "Tang vật, phương tiện, giấy tờ bị tạm giữ",
        "summons_time": "Giờ yêu cầu có mặt",
        "summons_day": "Ngày yêu cầu có mặt bằng chữ",
        "summons_place": "Địa điểm yêu cầu có mặt",
        "statement": "Ý kiến trình bày của người vi phạm",
        "remediation": "Biện pháp khắc phục hậu quả",
        "remediation_deadline": "Hạn khắc phục (dd/mm/yyyy)",
        "explanation_right": "Quyền giải trình (cấu hình)",
        "copies": "Số bản biên bản (cấu hình)",
        "witness_line": "Người chứng kiến: họ và tên, nghề nghiệp, địa chỉ (mục 2)",
        "interpreter_line": "Người phiên dịch: họ và tên, nghề nghiệp, địa chỉ (mục 3)",
        "off_site_line": "Lý do lập biên bản tại trụ sở hoặc nơi khác (rỗng nếu tại nơi vi phạm)",
        "violator_lines": "Các dòng về người (tổ chức) vi phạm, mục 1 (dùng trong vòng lặp)",
        "injured_party": "Cá nhân, tổ chức bị thiệt hại, hoặc “Không có.” (mục 4)",
        "injured_statement": "Ý kiến trình bày của bên bị thiệt hại, hoặc “Không có.” (mục 7)",
        "explanation_lines": "Quyền và thời hạn giải trình a) hoặc b) (mục 10, vòng lặp)",
        "witness_refusal_line": "Lý do người chứng kiến không ký xác nhận (rỗng nếu không có)",
        "receipt_line": "Dòng giao nhận biên bản",
        "signer_pairs": "Các cặp người ký (role, hint, name), dùng "
        "{%tr for pair in signer_pairs %}",
    },
    K.REMEDIATION_REQUEST: {
        "record_number": "Số biên bản vi phạm hành chính",
        "record_day": "Ngày lập biên bản bằng chữ",
        "remediation": "Biện pháp khắc phục hậu quả",
        "remediation_deadline": "Hạn khắc phục (dd/mm/yyyy)",
        "remediation_deadline_day": "Hạn khắc phục bằng chữ",
        "warning": "Hậu quả nếu không thực hiện (cấu hình)",
    },
}


def _subscriber_part(case) -> dict:
    subscriber = getattr(case, "subscriber", None)
    organisation = subscriber is not None and subscriber.kind == SubscriberKind.ORGANISATION
    sightings = [
        {
            "found_on": dmy(s.found_on),
            "place": s.place,
            "ad_type": s.get_ad_type_display(),
            "ad_text": s.ad_text,
        }
        for s in case.sightings.all()
    ]
    telecom = case.telecom_unit
    return {
        "salutation": "Tổ chức" if organisation else "Ông (Bà)",
        "subscriber_name": subscriber.full_name if subscriber else "",
        "subscriber_address": subscriber.address if subscriber else "",
        "subscriber_id_number": subscriber.id_number if subscriber else "",
        "subscriber_birth_date": dmy(subscriber.birth_date) if subscriber else "",
        "phone": display(case.phone_e164),
        "case_number": case.number,
        "telecom_name": (
            subscriber.provided_by.name if subscriber else telecom.name if telecom else ""
        ),
        "sightings": sightings,
    }


def invitation_context(invitation: Invitation) -> dict:
    case = invitation.case
    unit = case.handling_unit
    meeting = local(invitation.meeting_at)
    return {
        **header(
            *TITLES[K.INVITATION],
            unit=unit,
            number_label=invitation.number_label,
            on=local(invitation.created_at).date(),
        ),
        **signature(unit, ["Như trên;"]),
        **_subscriber_part(case),
        "meeting_time": time_in_words(meeting),
        "meeting_day": day_in_words(meeting.date()),
        "meeting_place": invitation.meeting_place,
        "bring_items": [
            line.strip(" -;.")
            for line in invitation.bring.replace(";", "\n").splitlines()
            if line.strip(" -;.")
        ],
        "contact_officer": invitation.contact_officer,
        "contact_phone": invitation.contact_phone,
    }


def violation_record_context(record: PenaltyRecord) -> dict:
    case = record.case
    unit = case.handling_unit
    made = local(record.made_at)
    part = _subscriber_part(case)
    places = "; ".join(f"{s['place']} (ngày {s['found_on']})" for s in part["sightings"])
    organisation = part["salutation"] == "Tổ chức"
    basis = record.violation_basis
    summons = local(record.summons_at) if record.summons_at else None
    citation = basis.citation() if basis else record.legal_basis
    return {
        **header(
            *TITLES[K.VIOLATION_RECORD],
            unit=unit,
            number_label=record.record_number,
            on=made.date(),
        ),
        # A record is signed by the officer and the violator, not by the unit's head.
        **signature(unit, []),
        **part,
        "legal_bases": grounds(LegalPurpose.RECORD_GROUND),
        "made_time": time_in_words(made),
        "made_day": words.date_in_words(made.date()),
        "made_place": record.place,
        "officer_name": record.officer.display_name,
        "officer_position": record.officer.position,
        "violator_label": "tổ chức" if organisation else "ông (bà)",
        "is_organisation": organisation,
        "nationality": record.violator_nationality,
        "occupation": record.violator_occupation,
        "id_issued_on": dmy(record.id_issued_on),
        "id_issued_place": record.id_issued_place,
        "witness": record.witness,
        "act": (
            f"Treo, dán, vẽ quảng cáo rao vặt có ghi số thuê bao {part['phone']} tại nơi "
            f"không được phép: {places}."
        ),
        "legal_basis": citation,
        "statement": record.violator_statement,
        "preventive_measures": record.preventive_measures or "Không.",
        "seized_items": record.seized_items or "Không.",
        "summons_time": time_in_words(summons) if summons else "",
        "summons_day": day_in_words(summons.date()) if summons else "",
        "summons_place": record.summons_place,
        "remediation": record.remediation,
        "remediation_deadline": dmy(record.remediation_deadline),
        "explanation_right": config.text("explanation_right"),
        "copies": config.text("record_copies"),
        **record_form(
            record,
            {**part, "id_issued_on": dmy(record.id_issued_on)},
            organisation=organisation,
            citation=citation,
        ),
        "signer_pairs": signer_pairs(record, part, record.officer.display_name, organisation),
    }


def remediation_context(record: PenaltyRecord, number_label: str) -> dict:
    case = record.case
    unit = case.handling_unit
    made = local(record.made_at)
    deadline = record.remediation_deadline
    return {
        **header(
            *TITLES[K.REMEDIATION_REQUEST], unit=unit, number_label=number_label, on=made.date()
        ),
        **signature(unit, ["Như trên;"]),
        **_subscriber_part(case),
        "record_number": record.record_number,
        "record_day": words.date_in_words(made.date()),
        "remediation": record.remediation or "Tháo gỡ toàn bộ quảng cáo rao vặt trái phép.",
        "remediation_deadline": dmy(deadline),
        "remediation_deadline_day": words.date_in_words(deadline) if deadline else "",
        "warning": config.text("remediation_warning"),
    }
