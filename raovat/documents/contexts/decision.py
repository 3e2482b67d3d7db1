"""The penalty decision ("Quyết định xử phạt vi phạm hành chính") and its placeholders.

Its structure follows form MQĐ02 of Decree 118/2021/NĐ-CP's appendix as replaced by
Decree 68/2025/NĐ-CP: the body that issues it and the competent person ("THẨM QUYỀN BAN
HÀNH", the chairman of the People's Committee under Điều 38 of the Law, not the handling
department), the grounds including the delegation of power when a deputy signs, the main
and additional penalties, the remedial measures with their deadline and cost, the treasury
account and the late-payment charge of khoản 1 Điều 78 of the Law. The issuer, signer and
treasury are the handling unit's settings; the fixed wording is configuration
(`config.DEFAULT_TEXTS["decision_…"]`). Sources and what is unverified: decision 018.
"""

from raovat.cases.models import LegalPurpose, PenaltyDecision
from raovat.documents import config, words
from raovat.documents.contexts.cases import _subscriber_part, grounds
from raovat.documents.contexts.common import dmy, header, local, signature

TITLE = ("QUYẾT ĐỊNH", "Xử phạt vi phạm hành chính")
FIELDS = {
    "authority": "Thẩm quyền ban hành, ví dụ CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN 1 (chữ in hoa)",
    "legal_bases": "Các căn cứ ra quyết định (cấu hình, dùng trong vòng lặp)",
    "delegation_line": "Căn cứ quyết định giao quyền xử phạt (trống nếu không có)",
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
    "additional_penalty": "Hình thức xử phạt bổ sung",
    "remedial_measures": "Biện pháp khắc phục hậu quả",
    "remedial_due": "Thời hạn thực hiện biện pháp khắc phục hậu quả (dd/mm/yyyy)",
    "remedial_cost": "Người chịu chi phí khắc phục hậu quả (cấu hình)",
    "treasury": "Kho bạc Nhà nước và số tài khoản nhận tiền phạt",
    "late_payment": "Tiền chậm nộp phạt, khoản 1 Điều 78 của Luật (cấu hình)",
    "payment_due": "Hạn nộp phạt (dd/mm/yyyy)",
    "effect": "Hiệu lực (cấu hình)",
    "execution": "Chấp hành (cấu hình)",
    "payment_place": "Nơi và hạn nộp phạt (cấu hình)",
    "appeal": "Quyền khiếu nại (cấu hình)",
    "copies_to": "Gửi cho (cấu hình)",
}


def penalty_issuer(unit) -> dict:
    """The issuing body, the competent person and the delegation, from the unit's settings."""
    issuer = unit.penalty_issuing_unit()
    authority = unit.penalty_authority or f"Chủ tịch {issuer.name}"
    delegation = unit.penalty_delegation.strip()
    return {
        "issuer": issuer,
        "authority": authority.upper(),
        "delegation_line": (
            f"Căn cứ {delegation} về việc giao quyền xử phạt vi phạm hành chính;"
            if delegation
            else ""
        ),
    }


def treasury_of(unit) -> tuple[str, str]:
    """The treasury that takes the unit's fines and its account, dots where not set."""
    return unit.treasury_name or "Kho bạc Nhà nước", unit.treasury_account or "……………………"


def decision_grounds(basis) -> list[str]:
    """The configured grounds, and the decree of the violated provision when they do not
    name it already (form MQĐ02's "Căn cứ (4)": a wall falls under Decree 144/2021)."""
    lines = grounds(LegalPurpose.DECISION_GROUND)
    name = basis.short_document or basis.document
    if name and not any(name in line for line in lines):
        text = basis.document + (
            f" (được sửa đổi, bổ sung bởi {basis.amended_by})" if basis.amended_by else ""
        )
        lines.append(f"Căn cứ {text};")
    return lines


def _signer(decision: PenaltyDecision, unit, violator: str, subscriber_name: str) -> dict:
    signer = signature(unit, [f"{violator} {subscriber_name} (để chấp hành);"])
    signer["signer_name"] = decision.signer_name
    title = decision.signer_title or unit.penalty_signer_title or "CHỦ TỊCH"
    # "KT. CHỦ TỊCH – PHÓ CHỦ TỊCH" as the form takes it, on two lines as signed.
    lines = [part.strip().upper() for part in title.replace(" – ", "\n").splitlines()]
    signer["signer_title"] = "\n".join(p for p in lines if p)
    signer["signer_title_lines"] = [p for p in lines if p]
    return signer


def decision_context(decision: PenaltyDecision) -> dict:
    case, record = decision.case, decision.record
    unit = case.handling_unit
    part = _subscriber_part(case)
    organisation = decision.violator_kind == "organisation"
    violator = "Tổ chức" if organisation else "Ông (Bà)"
    places = "; ".join(f"{s['place']} (ngày {s['found_on']})" for s in part["sightings"])
    issuer = penalty_issuer(unit)
    due = dmy(decision.payment_due)
    remedial_due = dmy(decision.remedial_due)
    treasury, account = treasury_of(unit)
    return {
        **header(
            *TITLE,
            unit=issuer["issuer"],
            number_label=decision.number_label,
            on=decision.decided_on,
        ),
        **_signer(decision, unit, violator, part["subscriber_name"]),
        **part,
        "authority": issuer["authority"],
        "delegation_line": issuer["delegation_line"],
        "legal_bases": decision_grounds(decision.legal_basis),
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
        "mitigating": decision.mitigating or "Không.",
        "amount": words.money_with_words(decision.amount),
        "additional_penalty": decision.additional_penalty or "Không.",
        "remedial_measures": decision.remedial_measures or "Không.",
        "remedial_due": remedial_due,
        "remedial_cost": (
            config.text("decision_remedial_cost").format(violator=violator.lower())
            if decision.remedial_measures
            else ""
        ),
        "payment_due": due,
        "treasury": f"{treasury}, tài khoản số {account}",
        "effect": config.text("decision_effect"),
        "execution": config.text("decision_execution").format(violator=violator),
        "payment_place": config.text("decision_payment_place").format(
            violator=violator, due=due, treasury=treasury, account=account
        ),
        "late_payment": config.text("decision_late_payment").format(violator=violator.lower()),
        "appeal": config.text("decision_appeal").format(violator=violator),
        "copies_to": config.text("decision_copies_to").format(treasury=treasury),
    }


def sample_additions() -> dict:
    """What the sample decision (admin preview, template checks) adds to its context."""
    treasury, account = "Kho bạc Nhà nước khu vực II", "7111.0.1055421"
    return {
        "authority": "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN 1",
        "delegation_line": "Căn cứ Quyết định số 05/QĐ-GQXP ngày 02/01/2026 của Chủ tịch Ủy ban "
        "nhân dân Quận 1 về việc giao quyền xử phạt vi phạm hành chính;",
        "signer_title": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        "signer_title_lines": ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        "additional_penalty": "Không.",
        "remedial_due": "10/12/2026",
        "remedial_cost": config.text("decision_remedial_cost").format(violator="ông (bà)"),
        "treasury": f"{treasury}, tài khoản số {account}",
        "payment_place": config.text("decision_payment_place").format(
            violator="Ông (Bà)", due="05/12/2026", treasury=treasury, account=account
        ),
        "late_payment": config.text("decision_late_payment").format(violator="ông (bà)"),
        "copies_to": config.text("decision_copies_to").format(treasury=treasury),
    }
