"""The parts of the violation record that follow form MBB01 of Decree 118/2021/NĐ-CP
(as amended by Decree 68/2025/NĐ-CP) item by item: the people present, the violator,
the injured party, the explanation right (a or b), the signatures and the receipt.

Each part is a list of lines, so the Typst layout and the DOCX template print the same
text; an item the record has nothing for prints the form's dots or "Không có".
"""

from raovat.cases.models import PenaltyRecord
from raovat.documents import config

DOTS = "…………………………"
NONE = "Không có."


def _or_dots(value: str) -> str:
    return value or DOTS


def people_lines(record: PenaltyRecord) -> dict:
    """Items 2 and 3 of "Chúng tôi gồm": the witness and the interpreter."""
    return {
        "witness_line": (
            f"Họ và tên: {_or_dots(record.witness)}; Nghề nghiệp: "
            f"{_or_dots(record.witness_occupation)}; Địa chỉ: {_or_dots(record.witness_address)}"
        ),
        "interpreter_line": (
            f"Họ và tên: {_or_dots(record.interpreter_name)}; Nghề nghiệp: "
            f"{_or_dots(record.interpreter_occupation)}; Địa chỉ: "
            f"{_or_dots(record.interpreter_address)}"
        ),
    }


def violator_lines(record: PenaltyRecord, part: dict, organisation: bool) -> list[str]:
    issued = (
        f"; ngày cấp: {_or_dots(part['id_issued_on'])}; nơi cấp: {_or_dots(record.id_issued_place)}"
    )
    if organisation:
        return [
            f"1. Tên của tổ chức: {part['subscriber_name']}",
            f"Địa chỉ trụ sở chính: {_or_dots(part['subscriber_address'])}",
            f"Mã số doanh nghiệp / số giấy phép: {_or_dots(part['subscriber_id_number'])}" + issued,
            f"Người đại diện theo pháp luật: {_or_dots(record.representative_name)}; "
            f"Giới tính: {_or_dots(record.representative_gender)}",
            f"Chức danh: {_or_dots(record.representative_title)}",
        ]
    return [
        f"1. Họ và tên: {part['subscriber_name']}; Giới tính: {_or_dots(record.violator_gender)}",
        f"Ngày, tháng, năm sinh: {_or_dots(part['subscriber_birth_date'])}; Quốc tịch: "
        f"{_or_dots(record.violator_nationality)}",
        f"Nghề nghiệp: {_or_dots(record.violator_occupation)}",
        f"Nơi ở hiện tại: {_or_dots(part['subscriber_address'])}",
        f"Số định danh cá nhân/CCCD/Hộ chiếu: {_or_dots(part['subscriber_id_number'])}" + issued,
    ]


def explanation_lines(record: PenaltyRecord, organisation: bool, citation: str) -> list[str]:
    """Item 10: whether the violator may explain, from the cited provision's maximum
    fine (art. 61(1) of the Law); both choices to tick when the provision has none."""
    basis = record.violation_basis
    maximum = None
    if basis is not None:
        maximum = basis.fine_max_organisation if organisation else basis.fine_max_individual
    threshold = config.text("explanation_threshold")[
        "organisation" if organisation else "individual"
    ]
    act = f" đối với hành vi vi phạm quy định tại {citation or DOTS}."
    none, granted = config.text("explanation_none"), config.text("explanation_granted")
    deadlines = config.text("explanation_right")
    if maximum is None:
        return [f"☐ {none}{act}", f"☐ {granted}{act}", deadlines]
    if maximum >= threshold:
        return [granted + act, deadlines]
    return [none + act]


def signer_pairs(record: PenaltyRecord, part: dict, officer_name: str, organisation) -> list:
    violator = "ĐẠI DIỆN TỔ CHỨC VI PHẠM" if organisation else "NGƯỜI VI PHẠM"
    named = "(Ký, ghi rõ họ và tên)"
    people = [
        (violator, named, part["subscriber_name"]),
        ("NGƯỜI LẬP BIÊN BẢN", "(Ký, ghi rõ chức vụ, họ và tên)", officer_name),
    ]
    if record.injured_party:
        people.append(("NGƯỜI/ĐẠI DIỆN TỔ CHỨC BỊ THIỆT HẠI", named, record.injured_party))
    people.append(("ĐẠI DIỆN CHÍNH QUYỀN", "(Ký, ghi rõ chức vụ, họ và tên, nếu có)", ""))
    if record.interpreter_name:
        people.append(("NGƯỜI PHIÊN DỊCH", named, record.interpreter_name))
    people.append(("NGƯỜI CHỨNG KIẾN", "(Ký, ghi rõ họ và tên, nếu có)", record.witness))
    if len(people) % 2:
        people.append(("", "", ""))
    return [
        [dict(zip(("role", "hint", "name"), p, strict=True)) for p in people[i : i + 2]]
        for i in range(0, len(people), 2)
    ]


def record_form(record: PenaltyRecord, part: dict, *, organisation: bool, citation: str):
    label = "tổ chức" if organisation else "cá nhân"
    return {
        **people_lines(record),
        "off_site_line": (
            f"Lý do lập biên bản tại {record.place}: {record.off_site_reason}"
            if record.off_site_reason
            else ""
        ),
        "violator_lines": violator_lines(record, part, organisation),
        "injured_party": record.injured_party or NONE,
        "injured_statement": record.injured_statement or NONE,
        "explanation_lines": explanation_lines(record, organisation, citation),
        "witness_refusal_line": (
            f"Lý do người chứng kiến/đại diện chính quyền không ký xác nhận: "
            f"{record.witness_refusal_reason}"
            if record.witness_refusal_reason
            else ""
        ),
        "receipt_line": (
            f"Biên bản đã giao trực tiếp cho {label} vi phạm {part['subscriber_name']} vào hồi "
            "……… giờ ……… phút, ngày ……/……/………"
        ),
    }
