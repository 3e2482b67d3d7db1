"""A made-up case for the admin's "Xem thử": built in memory, nothing is written."""

import datetime

from raovat.cases import sanction_config
from raovat.cases.services.numbering import (
    INVITATION,
    OFFICIAL_LETTER,
    RECORD,
    REPORT,
    TRANSFER_SLIP,
    document_symbol,
)
from raovat.documents import config, words
from raovat.documents.contexts import cases, decision, dispatches, report
from raovat.documents.contexts.common import header, signature
from raovat.documents.contexts.record import record_form, signer_pairs
from raovat.units.models import Unit

DAY = datetime.date(2026, 11, 25)
SUBSCRIBER = {
    "salutation": "Ông (Bà)",
    "subscriber_name": "Nguyễn Văn An",
    "subscriber_address": "12 Nguyễn Trãi, phường Bến Thành",
    "subscriber_id_number": "079090001234",
    "subscriber_birth_date": "17/05/1990",
    "phone": "0912 345 678",
    "case_number": "HS-2026-000001",
    "telecom_name": "Sở Thông tin và Truyền thông",
    "sightings": [
        {
            "found_on": "20/11/2026",
            "place": "Trụ điện trước số 45 Lê Thánh Tôn",
            "ad_type": "Nhãn dán",
            "ad_text": "Khoan cắt bê tông",
        },
        {
            "found_on": "22/11/2026",
            "place": "Tường rào số 8 Đồng Khởi",
            "ad_type": "Sơn/vẽ",
            "ad_text": "Thông cống nghẹt",
        },
    ],
}
# The sample unit's code, as a district's is in the demo ("VHTTQ1").
CODE = "VHTTQ1"


def _symbol(number: int, type_code: str) -> str:
    """A sample number built as the product builds them, so the samples never show a
    symbol the product does not print."""
    return document_symbol(number=number, type_code=type_code, unit=Unit(code=CODE))


INVITATION_NUMBER = _symbol(12, INVITATION)
RECORD_NUMBER = _symbol(3, RECORD)
DECISION_NUMBER = f"5/{sanction_config.value('decision_series')}"

SAMPLE_ROW = {
    "no": "1",
    "case_number": "HS-2026-000001",
    "phone": "0912 345 678",
    "carrier": "VinaPhone",
    "place": "Trụ điện trước số 45 Lê Thánh Tôn",
    "reporter": "Phường Bến Nghé",
    "found_on": "20/11/2026",
    "return_reason": "Số thuê bao không có thông tin đăng ký.",
    "added": "Đã chụp bổ sung ảnh rõ số thuê bao.",
    "subscriber_name": "Nguyễn Văn An",
    "subscriber_address": "12 Nguyễn Trãi, phường Bến Thành",
    "invitation": f"Giấy mời số {INVITATION_NUMBER} ngày 25/11/2026",
    "grounds": f"Giấy mời số {INVITATION_NUMBER} ngày 25/11/2026; gọi điện ngày 26/11/2026 "
    "(không nghe máy); tin nhắn ngày 27/11/2026",
    "recorded": False,
    "decided": False,
}
RECORD_CITED = f"Biên bản số {RECORD_NUMBER} ngày 25/11/2026"
SAMPLE_GROUNDED = [
    {
        "decided": True,
        "recorded": True,
        "grounds": f"Quyết định xử phạt số {DECISION_NUMBER} ngày 27/11/2026 (hạn nộp phạt "
        f"07/12/2026, chưa nộp phạt); {RECORD_CITED}",
    },
    {"recorded": True, "grounds": RECORD_CITED},
]
SAMPLE_GROUNDS = [
    "Căn cứ Luật Xử lý vi phạm hành chính ngày 20 tháng 6 năm 2012 (được sửa đổi, bổ sung "
    "bởi Luật sửa đổi, bổ sung một số điều của Luật Xử lý vi phạm hành chính ngày 13 tháng "
    "11 năm 2020);",
    "Căn cứ Nghị định số 38/2021/NĐ-CP ngày 29 tháng 3 năm 2021 của Chính phủ quy định xử "
    "phạt vi phạm hành chính trong lĩnh vực văn hóa và quảng cáo (được sửa đổi, bổ sung bởi "
    "Nghị định số 129/2021/NĐ-CP);",
]


NUMBERS = {
    "invitation": INVITATION_NUMBER,
    "violation_record": RECORD_NUMBER,
    "remediation_request": _symbol(4, OFFICIAL_LETTER),
}
# Each dispatch kind's type (cases.services.dispatches.SERIES): the suspension request
# is a công văn, the others are phiếu chuyển.
DISPATCH_NUMBERS = {
    "transfer_slip": _symbol(15, TRANSFER_SLIP),
    "resend_slip": _symbol(16, TRANSFER_SLIP),
    "culture_slip": _symbol(17, TRANSFER_SLIP),
    "suspension_request": _symbol(5, OFFICIAL_LETTER),
}


def _unit() -> Unit:
    parent = Unit(name="Ủy ban nhân dân Quận 1", short_name="UBND Quận 1", code="UBND")
    return Unit(
        name="Phòng Văn hóa và Thông tin Quận 1",
        short_name="Phòng VHTT Quận 1",
        code=CODE,
        parent=parent,
        place_name="Quận 1",
        address="28 Lê Thánh Tôn, phường Bến Nghé, Quận 1",
        phone="028 3829 8765",
        signer_title="TRƯỞNG PHÒNG",
        signer_name="Lê Thị Thanh Hương",
    )


def sample_context(kind: str, rows: int = 3) -> dict:
    from raovat.documents.contexts import FIELDS, ROW_FIELDS

    unit = _unit()
    if kind in dispatches.TITLES:
        row_keys = ROW_FIELDS[kind]
        sample_rows = [
            {
                **{k: SAMPLE_ROW[k] for k in row_keys},
                "no": str(i),
                "case_number": f"HS-2026-{i:06d}",
            }
            for i in range(1, rows + 1)
        ]
        if kind in dispatches.EXTRA_FIELDS and rows <= 3:
            # One subscriber of each kind of grounds, so the sample shows every section.
            for row, grounds in zip(sample_rows, SAMPLE_GROUNDED, strict=False):
                row.update(grounds)
        context = {
            **header(
                *dispatches.TITLES[kind], unit=unit, number_label=DISPATCH_NUMBERS[kind], on=DAY
            ),
            **signature(unit, ["Như trên;", "UBND Quận 1 (để báo cáo);"]),
            "to_unit_name": "Sở Thông tin và Truyền thông",
            "case_count": str(rows),
            "reporter_label": "Phường",
            "note": "Đã chụp bổ sung ảnh rõ số thuê bao.",
            "rows": sample_rows,
            "legal_bases": SAMPLE_GROUNDS,
            "measure": config.text("suspension_measure"),
            **dispatches._suspension_sections(sample_rows),
        }
    elif kind == "penalty_decision":
        context = _decision_sample(unit)
    elif kind == "periodic_report":
        context = _report_sample(unit)
    else:
        context = {
            **header(*cases.TITLES[kind], unit=unit, number_label=NUMBERS[kind], on=DAY),
            **signature(unit, ["Như trên;"]),
            **SUBSCRIBER,
            "meeting_time": "14 giờ 00 phút",
            "meeting_day": "thứ Ba, ngày 01 tháng 12 năm 2026",
            "meeting_place": "28 Lê Thánh Tôn, phường Bến Nghé, Quận 1",
            "bring_items": ["Căn cước công dân", "Giấy tờ liên quan đến số thuê bao"],
            "contact_officer": "Nguyễn Minh Tuấn",
            "contact_phone": "0908 112 233",
            "legal_bases": SAMPLE_GROUNDS,
            "made_time": "09 giờ 30 phút",
            "made_day": words.date_in_words(DAY),
            "made_place": "28 Lê Thánh Tôn, phường Bến Nghé, Quận 1",
            "officer_name": "Nguyễn Minh Tuấn",
            "officer_position": "Chuyên viên",
            "act": "Treo, dán quảng cáo rao vặt có ghi số thuê bao 0912 345 678 tại nơi không "
            "được phép.",
            "legal_basis": "Khoản 1 Điều 34 Nghị định số 38/2021/NĐ-CP",
            "violator_label": "ông (bà)",
            "is_organisation": False,
            "nationality": "Việt Nam",
            "occupation": "Kinh doanh tự do",
            "id_issued_on": "10/06/2021",
            "id_issued_place": "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
            "witness": "",
            "preventive_measures": "Không.",
            "seized_items": "Không.",
            "summons_time": "08 giờ 00 phút",
            "summons_day": "thứ Tư, ngày 02 tháng 12 năm 2026",
            "summons_place": "28 Lê Thánh Tôn, phường Bến Nghé, Quận 1",
            "statement": "Thừa nhận hành vi vi phạm.",
            "remediation": "Tháo gỡ toàn bộ quảng cáo đã dán, treo trái phép.",
            "remediation_deadline": "02/12/2026",
            "remediation_deadline_day": words.date_in_words(DAY + datetime.timedelta(days=7)),
            "explanation_right": config.text("explanation_right"),
            "copies": config.text("record_copies"),
            "record_number": RECORD_NUMBER,
            "record_day": words.date_in_words(DAY),
            "warning": config.text("remediation_warning"),
            **_record_sample(),
        }
    # Only the placeholders the kind really offers, so the preview checks the same names.
    return {k: v for k, v in context.items() if k in FIELDS[kind]}


def _record_sample() -> dict:
    """Form MBB01's lines for a made-up record citing khoản 1 Điều 34 (at most
    2,000,000 ₫: no right to explain), with no witness, interpreter or injured party."""
    from raovat.cases.models import LegalBasis, PenaltyRecord

    basis = LegalBasis(
        document="Nghị định số 38/2021/NĐ-CP",
        short_document="Nghị định số 38/2021/NĐ-CP",
        article=34,
        clause=1,
        fine_max_individual=2_000_000,
        fine_max_organisation=4_000_000,
    )
    record = PenaltyRecord(
        place="28 Lê Thánh Tôn, phường Bến Nghé, Quận 1",
        violator_gender="Nam",
        violator_occupation="Kinh doanh tự do",
        id_issued_place="Cục Cảnh sát quản lý hành chính về trật tự xã hội",
    )
    record.violation_basis = basis
    part = {**SUBSCRIBER, "id_issued_on": "10/06/2021"}
    citation = "khoản 1 Điều 34 Nghị định số 38/2021/NĐ-CP"
    return {
        **record_form(record, part, organisation=False, citation=citation),
        "signer_pairs": signer_pairs(record, part, "Nguyễn Minh Tuấn", False),
    }


def _decision_sample(unit: Unit) -> dict:
    return {
        **header(*decision.TITLE, unit=unit, number_label=DECISION_NUMBER, on=DAY),
        **signature(unit, ["Ông (Bà) Nguyễn Văn An (để chấp hành);"]),
        **SUBSCRIBER,
        "legal_bases": SAMPLE_GROUNDS,
        "record_line": f"Căn cứ Biên bản vi phạm hành chính số {RECORD_NUMBER} lập "
        f"{words.date_in_words(DAY)};",
        "violator_label": "ông (bà)",
        "is_organisation": False,
        "nationality": "Việt Nam",
        "occupation": "Kinh doanh tự do",
        "id_issued_on": "10/06/2021",
        "id_issued_place": "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
        "act": "Treo, dán quảng cáo rao vặt có ghi số thuê bao 0912 345 678 tại nơi không "
        "được phép.",
        # The provision as cited (decision 014): the amending decree is named only on the
        # decree's own "Căn cứ" line above.
        "legal_basis": "Khoản 1 Điều 34 Nghị định số 38/2021/NĐ-CP",
        "aggravating": "Không.",
        "mitigating": "Không.",
        "amount": words.money_with_words(1_500_000),
        "remedial_measures": "Buộc tháo gỡ quảng cáo đã dán, treo trái phép.",
        "payment_due": "05/12/2026",
        "effect": config.text("decision_effect"),
        "execution": config.text("decision_execution").format(violator="Ông (Bà)"),
        "appeal": config.text("decision_appeal").format(violator="Ông (Bà)"),
        # The issuer, signer, treasury and the sentences that name them.
        **decision.sample_additions(),
    }


SAMPLE_FIGURES = {
    "computed_at": "2026-12-01T08:00:00+07:00",
    "totals": [
        {"key": key, "label": label, "value": 10 + i}
        for i, (key, label) in enumerate(
            [
                ("tiep-nhan", "Hồ sơ tiếp nhận"),
                ("xac-nhan", "Đã xác nhận"),
                ("tra-ve", "Trả về bổ sung"),
                ("chuyen-vien-thong", "Chuyển Sở TTTT"),
                ("xac-dinh", "Đã có thông tin thuê bao"),
                ("quyet-dinh", "Ra quyết định xử phạt"),
                ("ngung", "Đã ngưng cung cấp dịch vụ"),
                ("ket-thuc", "Đã kết thúc"),
            ]
        )
    ],
    "money": [
        {"key": "quyet-dinh", "label": "Tiền phạt theo quyết định", "value": 4_500_000},
        {"key": "nop-phat", "label": "Tiền phạt đã nộp", "value": 3_000_000},
    ],
    "by_reporter": [
        {
            "unit": "Phường Bến Nghé",
            "received": 7,
            "confirmed": 6,
            "returned": 1,
            "decided": 2,
            "suspended": 1,
            "closed": 2,
        }
    ],
    "by_carrier": [
        {
            "carrier": "Viettel",
            "cases": 7,
            "share": "70,0 %",
            "identified": 5,
            "identify_days": "3",
            "suspended": 1,
        }
    ],
}


def _report_sample(unit: Unit) -> dict:

    label = report.period_label("month", datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))
    return {
        **header(
            report.TITLE,
            f"{report.SUBJECT} {label}",
            unit=unit,
            number_label=_symbol(3, REPORT),
            on=DAY,
        ),
        **signature(unit, ["UBND Quận 1 (để báo cáo);"]),
        "period_label": label,
        "period_range": "từ ngày 01/11/2026 đến ngày 30/11/2026",
        "of_unit_name": unit.name,
        "computed_at": "01/12/2026 08:00",
        "summary": report.summary(
            SAMPLE_FIGURES,
            of_unit_name=unit.name,
            label=label,
            names={"telecom": "Sở TTTT", "culture": "Sở VHTT-DL"},
        ),
        **report.table_rows(SAMPLE_FIGURES),
        "difficulties": [
            "Nhiều số thuê bao đăng ký sai thông tin, không xác định được chủ thuê bao."
        ],
        "proposals": [
            "Đề nghị Sở Thông tin và Truyền thông rút ngắn thời gian cung cấp thông tin."
        ],
        "closing": "Trên đây là báo cáo kết quả xử lý số thuê bao quảng cáo rao vặt tháng 11 "
        "năm 2026 của Phòng Văn hóa và Thông tin Quận 1./.",
    }
