"""The penalty decision ("Quyết định xử phạt vi phạm hành chính") and its placeholders.

Its structure follows the decision form of Decree 118/2021/NĐ-CP's appendix as commonly
published; the fixed wording is configuration (`config.DEFAULT_TEXTS["decision_…"]`),
unverified against the gazette like the record (decision 014).
"""

from raovat.cases.models import LegalPurpose, PenaltyDecision
from raovat.documents import config, words
from raovat.documents.contexts.cases import _subscriber_part, grounds
from raovat.documents.contexts.common import dmy, header, local, signature

TITLE = ("QUYẾT ĐỊNH", "Xử phạt vi phạm hành chính")
FIELDS = {
    "legal_bases": "Các căn cứ ra quyết định (cấu hình, dùng trong vòng lặp)",
    "record_line": "Căn cứ biên bản vi phạm hành chính (số, ngày)",
    "violator_label": "Cách gọi người vi phạm: ông (bà) hoặc tổ chức",
    "is_organisation": "Người vi phạm là tổ chức (đúng/sai)",
    "nationality": "Quốc tịch",
    "occupation": "Nghề nghiệp",
    "id_issued_on": "Ngày cấp giấy tờ tùy thân",
    "id_issued_place": "Nơi cấp giấy tờ tùy thân",
    "act": "Hành vi vi phạm",
    "legal_basis": "Quy định tại (điều, khoản, điểm, văn bản)",
    "aggravating": "Tình tiết tăng nặng",
    "mitigating": "Tình tiết giảm nhẹ",
    "amount": "Số tiền phạt, ví dụ 1.500.000 đồng (Một triệu năm trăm nghìn đồng)",
    "remedial_measures": "Biện pháp khắc phục hậu quả",
    "payment_due": "Hạn nộp phạt (dd/mm/yyyy)",
    "effect": "Hiệu lực (cấu hình)",
    "execution": "Chấp hành (cấu hình)",
    "payment_place": "Nơi và hạn nộp phạt (cấu hình)",
    "appeal": "Quyền khiếu nại (cấu hình)",
    "copies_to": "Gửi cho (cấu hình)",
}


def decision_context(decision: PenaltyDecision) -> dict:
    case, record = decision.case, decision.record
    unit = case.handling_unit
    part = _subscriber_part(case)
    organisation = decision.violator_kind == "organisation"
    violator = "Tổ chức" if organisation else "Ông (Bà)"
    places = "; ".join(f"{s['place']} (ngày {s['found_on']})" for s in part["sightings"])
    signer = signature(unit, [f"{violator} {part['subscriber_name']} (để chấp hành);"])
    signer["signer_name"] = decision.signer_name
    if decision.signer_title:
        signer["signer_title"] = decision.signer_title.upper()
        signer["signer_title_lines"] = [decision.signer_title.upper()]
    due = dmy(decision.payment_due)
    return {
        **header(*TITLE, unit=unit, number_label=decision.number_label, on=decision.decided_on),
        **signer,
        **part,
        "legal_bases": grounds(LegalPurpose.DECISION_GROUND),
        "record_line": (
            f"Căn cứ Biên bản vi phạm hành chính số {record.record_number} lập "
            f"{words.date_in_words(local(record.made_at).date())};"
        ),
        "violator_label": "tổ chức" if organisation else "ông (bà)",
        "is_organisation": organisation,
        "nationality": record.violator_nationality,
        "occupation": record.violator_occupation,
        "id_issued_on": dmy(record.id_issued_on),
        "id_issued_place": record.id_issued_place,
        "act": (
            f"Treo, dán, vẽ quảng cáo rao vặt có ghi số thuê bao {part['phone']} tại nơi "
            f"không được phép: {places}."
        ),
        "legal_basis": decision.legal_basis.citation(),
        "aggravating": decision.aggravating or "Không.",
        "mitigating": "Không.",
        "amount": words.money_with_words(decision.amount),
        "remedial_measures": decision.remedial_measures or "Không.",
        "payment_due": due,
        "effect": config.text("decision_effect"),
        "execution": config.text("decision_execution").format(violator=violator),
        "payment_place": config.text("decision_payment_place").format(violator=violator, due=due),
        "appeal": config.text("decision_appeal").format(violator=violator),
        "copies_to": config.text("decision_copies_to"),
    }
