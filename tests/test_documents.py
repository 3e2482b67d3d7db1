"""Every kind of document, rendered as PDF and DOCX with Vietnamese data from the workflow."""

import pytest
from django.utils import timezone

from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform
from raovat.documents import services, words
from raovat.documents.contexts import FIELDS, ROW_FIELDS
from raovat.documents.contexts.samples import sample_context
from raovat.documents.kinds import DocumentKind as K
from tests.documents_helpers import (
    dispatch_of,
    docx_text,
    invitation_for,
    pdf_text,
    penalty_record_for,
    waiting_case,
)

pytestmark = pytest.mark.django_db

MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]


def both(kind, subject) -> dict[str, str]:
    return {fmt: (pdf_text if fmt == "pdf" else docx_text)(
        services.document_render(kind=kind, subject=subject, fmt=fmt).content)
        for fmt in ("pdf", "docx")}


def today_line(place="Quận 1"):
    return words.date_line(place, timezone.localdate())


def assert_all_in(texts: dict[str, str], expected: list[str]):
    for fmt, text in texts.items():
        missing = [e for e in expected if e not in text]
        assert not missing, f"{fmt}: {missing}"


def test_transfer_slip_holds_header_number_date_and_every_case(cast, make_case):
    first = advance(make_case(cast.ward), State.CONFIRMED)
    second = advance(make_case(cast.ward_b, phone="0987 654 321",
                               place="Gốc cây trước số 12 Đồng Khởi"), State.CONFIRMED)
    dispatch = dispatch_of(cast.district, "send_to_telecom", [first, second])

    texts = both(K.TRANSFER_SLIP, dispatch)

    assert_all_in(texts, [
        *MOTTO, "UBND QUẬN 1", "PHÒNG VĂN HÓA VÀ THÔNG TIN QUẬN 1", "Số: 1/PC-VHTTQ1",
        today_line(), "PHIẾU CHUYỂN", "Kính gửi: Sở Thông tin và Truyền thông.",
        first.number, "0912 345 678", "VinaPhone", "Trụ điện trước số 45 Lê Thánh Tôn",
        "Phường Bến Nghé", second.number, "0987 654 321", "Viettel", "Phường Bến Thành",
        "20/11/2026", "TRƯỞNG PHÒNG", "Lê Thị Thanh Hương", "Nơi nhận:", "Lưu: VT.",
    ])


def test_printing_numbers_a_dispatch_once_and_the_next_one_after_it(cast, make_case):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    other = advance(make_case(cast.ward, phone="0987 654 321"), State.CONFIRMED)
    dispatch = dispatch_of(cast.district, "send_to_telecom", [case])
    assert dispatch.number is None

    first = services.document_render(kind=K.TRANSFER_SLIP, subject=dispatch, fmt="docx")
    again = services.document_render(kind=K.TRANSFER_SLIP, subject=dispatch, fmt="pdf")
    later = services.document_render(
        kind=K.TRANSFER_SLIP, subject=dispatch_of(cast.district, "send_to_telecom", [other]),
        fmt="pdf")

    dispatch.refresh_from_db()
    assert dispatch.number_label == "1/PC-VHTTQ1"
    assert first.filename == "phieu-chuyen-1-PC-VHTTQ1.docx"
    assert again.filename == "phieu-chuyen-1-PC-VHTTQ1.pdf"
    assert later.filename == "phieu-chuyen-2-PC-VHTTQ1.pdf"


def test_resend_slip_gives_return_reason_and_what_was_added(cast, make_case):
    case = advance(make_case(cast.ward), State.RETURNED_BY_TELECOM)
    dispatch = dispatch_of(cast.district, "resend_to_telecom", [case],
                           note="Đã xác minh lại số thuê bao với Phường Bến Nghé.")

    assert_all_in(both(K.RESEND_SLIP, dispatch), [
        *MOTTO, "Số: 2/PC-VHTTQ1", case.number, "Số thuê bao không có thông tin đăng ký",
        "Đã xác minh lại số thuê bao với Phường Bến Nghé.", "Lý do trả về",
    ])


def test_invitation_names_subscriber_ads_meeting_and_contact(cast, make_case):
    case = advance(make_case(cast.ward), State.TO_CONTACT)
    invitation = invitation_for(cast, case)

    assert_all_in(both(K.INVITATION, invitation), [
        *MOTTO, "THƯ MỜI", f"Số: {invitation.number_label}", today_line(),
        "Kính gửi: Ông (Bà) Nguyễn Văn An", "12 Nguyễn Trãi, phường Bến Thành",
        "0912 345 678", "Trụ điện trước số 45 Lê Thánh Tôn", "20/11/2026",
        "14 giờ 00 phút", "thứ Ba, ngày 01 tháng 12 năm 2026",
        "28 Lê Thánh Tôn, phường Bến Nghé, Quận 1", "Căn cước công dân",
        "Nguyễn Minh Tuấn", "0908 112 233", "Sở Thông tin và Truyền thông", "Lê Thị Thanh Hương",
    ])


def test_violation_record_has_the_mandatory_content_and_amount_in_words(cast, make_case):
    record = penalty_record_for(cast, waiting_case(cast, make_case))

    assert_all_in(both(K.VIOLATION_RECORD, record), [
        *MOTTO, "BIÊN BẢN VI PHẠM HÀNH CHÍNH", "Số: 1/BB-VPHC", "Quận 1, ngày 01 tháng 12 năm 2026",
        "hồi 14 giờ 00 phút, ngày 01 tháng 12 năm 2026",
        "Trụ sở Phòng Văn hóa và Thông tin Quận 1", "Nguyễn Minh Tuấn", "Nguyễn Văn An",
        "079090001234", "17/05/1990", "Điểm a khoản 1 Điều 34 Nghị định 38/2021/NĐ-CP",
        "1.500.000 đồng (Một triệu năm trăm nghìn đồng)",
        "Tôi thừa nhận đã thuê người dán quảng cáo.", "Quyền giải trình",
        "Tháo gỡ toàn bộ quảng cáo đã dán trái phép.", "08/12/2026", "lập thành 02 bản",
        "NGƯỜI VI PHẠM", "NGƯỜI LẬP BIÊN BẢN", "NGƯỜI CHỨNG KIẾN",
    ])


def test_remediation_request_gets_its_own_number_once(cast, make_case):
    record = penalty_record_for(cast, waiting_case(cast, make_case))

    texts = both(K.REMEDIATION_REQUEST, record)
    reprint = services.document_render(kind=K.REMEDIATION_REQUEST, subject=record, fmt="pdf")

    assert_all_in(texts, [
        *MOTTO, "YÊU CẦU KHẮC PHỤC HẬU QUẢ", "Số: 1/YC-VHTTQ1", "Nguyễn Văn An",
        "Biên bản vi phạm hành chính số 1/BB-VPHC",
        "Tháo gỡ toàn bộ quảng cáo đã dán trái phép.", "ngày 08 tháng 12 năm 2026",
        "Trụ điện trước số 45 Lê Thánh Tôn",
    ])
    assert reprint.filename == "yeu-cau-khac-phuc-1-YC-VHTTQ1.pdf"


def test_suspension_request_cites_configured_law_and_lists_numbers(cast, make_case, settings):
    first = waiting_case(cast, make_case)
    second = waiting_case(cast, make_case, phone="0987 654 321")
    settings.DOCUMENT_TEXTS = {"suspension_bases": ["Căn cứ Quyết định số 356/QĐ-STTTT;"]}
    dispatch = dispatch_of(cast.district, "request_suspension", [first, second])

    texts = both(K.SUSPENSION_REQUEST, dispatch)

    assert_all_in(texts, [
        *MOTTO, "Số: 1/ĐN-VHTT", "ngưng cung cấp dịch vụ viễn thông",
        "Căn cứ Quyết định số 356/QĐ-STTTT;", "Luật Xử lý vi phạm hành chính",
        "0912 345 678", "0987 654 321", "Nguyễn Văn An", first.number, second.number,
        "/TM-VHTTQ1",
    ])
    assert "Nghị định số 38/2021/NĐ-CP" not in texts["pdf"]


def test_culture_slip_lists_cases_with_subscriber(cast, make_case):
    case = waiting_case(cast, make_case)
    dispatch = dispatch_of(cast.district, "send_to_culture", [case])

    assert_all_in(both(K.CULTURE_SLIP, dispatch), [
        # The request to the telecom authority took 1/PC-VHTTQ1 from the same series.
        *MOTTO, "Số: 2/PC-VHTTQ1", "Kính gửi: Sở Văn hóa, Thể thao và Du lịch.",
        case.number, "Nguyễn Văn An", "12 Nguyễn Trãi, phường Bến Thành",
        "Trụ điện trước số 45 Lê Thánh Tôn",
    ])


def test_two_level_chain_prints_its_own_units_without_template_changes(two_level, make_case):
    ward = two_level.user("phuong.saigon")
    case = advance(make_case(ward), State.CONFIRMED)
    dispatch = dispatch_of(two_level.user("vhxh.saigon"), "send_to_telecom", [case])

    assert_all_in(both(K.TRANSFER_SLIP, dispatch), [
        *MOTTO, "UBND PHƯỜNG SÀI GÒN", "PHÒNG VĂN HÓA – XÃ HỘI PHƯỜNG SÀI GÒN",
        "Số: 1/PC-VHXH", today_line("Phường Sài Gòn"), "Kính gửi: Sở Khoa học và Công nghệ.",
        case.number, "Lý Thị Kim Chi",
    ])


def test_signer_title_on_several_lines_prints_line_by_line(cast, make_case):
    unit = cast.district.unit
    unit.signer_title = "KT. TRƯỞNG PHÒNG\nPhó Trưởng phòng"
    unit.save()
    case = advance(make_case(cast.ward), State.CONFIRMED)
    context = services.document_context(
        kind=K.TRANSFER_SLIP, subject=dispatch_of(cast.district, "send_to_telecom", [case]))
    assert context["signer_title_lines"] == ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"]


def test_sample_contexts_offer_exactly_what_real_documents_offer(cast, make_case):
    case = waiting_case(cast, make_case)
    returned = advance(make_case(cast.ward, phone="0987 654 321"), State.RETURNED_BY_TELECOM)
    record = penalty_record_for(cast, case)
    subjects = {
        K.TRANSFER_SLIP: dispatch_of(
            cast.district, "send_to_telecom",
            [advance(make_case(cast.ward, phone="0903 111 222"), State.CONFIRMED)]),
        K.RESEND_SLIP: dispatch_of(cast.district, "resend_to_telecom", [returned]),
        K.SUSPENSION_REQUEST: dispatch_of(cast.district, "request_suspension", [case]),
        # A case sits in one draft dispatch at a time, so the culture slip takes another.
        K.CULTURE_SLIP: dispatch_of(cast.district, "send_to_culture",
                                    [waiting_case(cast, make_case, phone="0903 333 444")]),
        K.INVITATION: case.invitations.first(),
        K.VIOLATION_RECORD: record,
        K.REMEDIATION_REQUEST: record,
    }
    assert set(subjects) == set(K.values)
    for kind, subject in subjects.items():
        real = services.document_context(kind=kind, subject=subject)
        sample = sample_context(kind)
        assert set(real) == set(sample) == set(FIELDS[kind]), kind
        if kind in ROW_FIELDS:
            assert real["rows"], kind
            assert set(real["rows"][0]) == set(sample["rows"][0]) == set(ROW_FIELDS[kind])


def test_a_dispatch_cannot_be_printed_as_another_kind(cast, make_case):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    dispatch = dispatch_of(cast.district, "send_to_telecom", [case])
    with pytest.raises(ValueError):
        services.document_render(kind=K.CULTURE_SLIP, subject=dispatch, fmt="pdf")


def test_sent_dispatch_prints_the_unit_names_it_was_sent_with(cast, make_case):
    case = advance(make_case(cast.ward), State.AT_TELECOM)
    dispatch = case.dispatches.get()
    unit = cast.district.unit
    unit.name = "Phòng Văn hóa, Khoa học và Thông tin Quận 1"
    unit.save()

    text = docx_text(services.document_render(kind=K.TRANSFER_SLIP, subject=dispatch,
                                              fmt="docx").content)

    assert dispatch.from_unit_name and dispatch.from_unit_name.upper() in text
    assert "KHOA HỌC" not in text


def test_perform_sends_a_numbered_slip_that_prints_with_the_same_number(cast, make_case):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    perform("send_to_telecom", [case])
    dispatch = case.dispatches.get()
    label = dispatch.number_label
    rendered = services.document_render(kind=K.TRANSFER_SLIP, subject=dispatch, fmt="docx")
    dispatch.refresh_from_db()
    assert dispatch.number_label == label
    assert f"Số: {label}" in docx_text(rendered.content)
