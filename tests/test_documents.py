"""Every kind of document, rendered as PDF and DOCX with Vietnamese data from the workflow."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from raovat.cases.models import LegalBasis, LegalPurpose, PenaltyRecord
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform
from raovat.documents import services, words
from raovat.documents.contexts import FIELDS, ROW_FIELDS
from raovat.documents.contexts.samples import sample_context
from raovat.documents.kinds import DocumentKind as K
from raovat.documents.reports import ReportPeriod, report_create, report_document_context
from tests.dates import FOUND_ON, dmy
from tests.documents_helpers import (
    decided_case,
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
    return {
        fmt: (pdf_text if fmt == "pdf" else docx_text)(
            services.document_render(kind=kind, subject=subject, fmt=fmt).content
        )
        for fmt in ("pdf", "docx")
    }


def today_line(place="Quận 1"):
    return words.date_line(place, timezone.localdate())


def assert_all_in(texts: dict[str, str], expected: list[str]):
    for fmt, text in texts.items():
        missing = [e for e in expected if e not in text]
        assert not missing, f"{fmt}: {missing}"


def test_transfer_slip_holds_header_number_date_and_every_case(cast, make_case):
    first = advance(make_case(cast.ward), State.CONFIRMED)
    second = advance(
        make_case(cast.ward_b, phone="0987 654 321", place="Gốc cây trước số 12 Đồng Khởi"),
        State.CONFIRMED,
    )
    dispatch = dispatch_of(cast.district, "send_to_telecom", [first, second])

    texts = both(K.TRANSFER_SLIP, dispatch)

    assert_all_in(
        texts,
        [
            *MOTTO,
            "UBND QUẬN 1",
            "PHÒNG VĂN HÓA VÀ THÔNG TIN QUẬN 1",
            "Số: 1/PC-VHTTQ1",
            today_line(),
            "PHIẾU CHUYỂN",
            "Kính gửi: Sở Thông tin và Truyền thông.",
            first.number,
            "0912 345 678",
            "VinaPhone",
            "Trụ điện trước số 45 Lê Thánh Tôn",
            "Phường Bến Nghé",
            second.number,
            "0987 654 321",
            "Viettel",
            "Phường Bến Thành",
            dmy(FOUND_ON),
            "TRƯỞNG PHÒNG",
            "Lê Thị Thanh Hương",
            "Nơi nhận:",
            "Lưu: VT.",
        ],
    )


def test_printing_numbers_a_dispatch_once_and_the_next_one_after_it(cast, make_case):
    case = advance(make_case(cast.ward), State.CONFIRMED)
    other = advance(make_case(cast.ward, phone="0987 654 321"), State.CONFIRMED)
    dispatch = dispatch_of(cast.district, "send_to_telecom", [case])
    assert dispatch.number is None

    first = services.document_render(kind=K.TRANSFER_SLIP, subject=dispatch, fmt="docx")
    again = services.document_render(kind=K.TRANSFER_SLIP, subject=dispatch, fmt="pdf")
    later = services.document_render(
        kind=K.TRANSFER_SLIP,
        subject=dispatch_of(cast.district, "send_to_telecom", [other]),
        fmt="pdf",
    )

    dispatch.refresh_from_db()
    assert dispatch.number_label == "1/PC-VHTTQ1"
    assert first.filename == "phieu-chuyen-1-PC-VHTTQ1.docx"
    assert again.filename == "phieu-chuyen-1-PC-VHTTQ1.pdf"
    assert later.filename == "phieu-chuyen-2-PC-VHTTQ1.pdf"


def test_resend_slip_gives_return_reason_and_what_was_added(cast, make_case):
    case = advance(make_case(cast.ward), State.RETURNED_BY_TELECOM)
    dispatch = dispatch_of(
        cast.district,
        "resend_to_telecom",
        [case],
        note="Đã xác minh lại số thuê bao với Phường Bến Nghé.",
    )

    assert_all_in(
        both(K.RESEND_SLIP, dispatch),
        [
            *MOTTO,
            "Số: 2/PC-VHTTQ1",
            case.number,
            "Số thuê bao không có thông tin đăng ký",
            "Đã xác minh lại số thuê bao với Phường Bến Nghé.",
            "Lý do trả về",
        ],
    )


def test_invitation_names_subscriber_ads_meeting_and_contact(cast, make_case):
    case = advance(make_case(cast.ward), State.TO_CONTACT)
    invitation = invitation_for(cast, case)

    assert_all_in(
        both(K.INVITATION, invitation),
        [
            *MOTTO,
            "GIẤY MỜI",
            f"Số: {invitation.number_label}",
            today_line(),
            "Kính gửi: Ông (Bà) Nguyễn Văn An",
            "12 Nguyễn Trãi, phường Bến Thành",
            "0912 345 678",
            "Trụ điện trước số 45 Lê Thánh Tôn",
            dmy(FOUND_ON),
            "14 giờ 00 phút",
            "thứ Ba, ngày 01 tháng 12 năm 2026",
            "28 Lê Thánh Tôn, phường Bến Nghé, Quận 1",
            "Căn cước công dân",
            "Nguyễn Minh Tuấn",
            "0908 112 233",
            "Sở Thông tin và Truyền thông",
            "Lê Thị Thanh Hương",
        ],
    )


def test_violation_record_follows_form_mbb01_without_a_fine(cast, make_case):
    record = penalty_record_for(cast, waiting_case(cast, make_case))
    basis = LegalBasis.objects.get(purpose=LegalPurpose.VIOLATION, article=34, clause=1)
    PenaltyRecord.objects.filter(pk=record.pk).update(
        violation_basis=basis,
        violator_occupation="Kinh doanh tự do",
        id_issued_on=datetime.date(2021, 6, 10),
        id_issued_place="Cục Cảnh sát QLHC về TTXH",
        seized_items="01 xấp tờ rơi",
        summons_place="28 Lê Thánh Tôn, phường Bến Nghé",
    )
    record.refresh_from_db()

    texts = both(K.VIOLATION_RECORD, record)

    assert_all_in(
        texts,
        [
            *MOTTO,
            "BIÊN BẢN VI PHẠM HÀNH CHÍNH",
            "Số: 1/BB-VPHC",
            "Quận 1, ngày 01 tháng 12 năm 2026",
            "hồi 14 giờ 00 phút, ngày 01 tháng 12 năm 2026",
            "Trụ sở Phòng Văn hóa và Thông tin Quận 1",
            "Nguyễn Minh Tuấn",
            "Nguyễn Văn An",
            "079090001234",
            "17/05/1990",
            "Quốc tịch: Việt Nam",
            "Nghề nghiệp: Kinh doanh tự do",
            "ngày cấp: 10/06/2021",
            "nơi cấp: Cục Cảnh sát QLHC về TTXH",
            # The amending decree is named on the decree's "Căn cứ", not on the clause.
            "Khoản 1 Điều 34 Nghị định số 38/2021/NĐ-CP",
            "Căn cứ Nghị định số 118/2021/NĐ-CP",
            "Tôi thừa nhận đã thuê người dán quảng cáo.",
            "Chúng tôi đã yêu cầu ông (bà) vi phạm chấm dứt ngay hành vi vi phạm.",
            "giấy phép, chứng chỉ hành nghề bị tạm giữ, gồm: 01 xấp tờ rơi",
            # Khoản 1 Điều 34 tops at 2.000.000 ₫: below art. 61(1)'s 15.000.000 ₫.
            "10. Quyền và thời hạn giải trình: a) Không được quyền giải trình (do không thuộc "
            "trường hợp quy định tại khoản 1 Điều 61 Luật Xử lý vi phạm hành chính) đối với "
            "hành vi vi phạm quy định tại Khoản 1 Điều 34",
            "4. Cá nhân/tổ chức bị thiệt hại (nếu có): Không có.",
            "7. Ý kiến trình bày của cá nhân/tổ chức bị thiệt hại (nếu có): Không có.",
            "Biên bản đã giao trực tiếp cho cá nhân vi phạm Nguyễn Văn An",
            "NGƯỜI NHẬN BIÊN BẢN",
            "tại 28 Lê Thánh Tôn, phường Bến Nghé để giải quyết vụ việc vi phạm",
            "lập thành 02 bản",
            "NGƯỜI VI PHẠM",
            "NGƯỜI LẬP BIÊN BẢN",
            "NGƯỜI CHỨNG KIẾN",
        ],
    )
    for text in texts.values():
        # The fine belongs to the penalty decision, not to the record.
        assert "1.500.000" not in text and "Mức tiền phạt" not in text
        assert "b) Được quyền giải trình" not in text and "NGƯỜI PHIÊN DỊCH" not in text


def test_remediation_request_gets_its_own_number_once(cast, make_case):
    record = penalty_record_for(cast, waiting_case(cast, make_case))

    texts = both(K.REMEDIATION_REQUEST, record)
    reprint = services.document_render(kind=K.REMEDIATION_REQUEST, subject=record, fmt="pdf")

    assert_all_in(
        texts,
        [
            *MOTTO,
            "V/v yêu cầu thực hiện biện pháp khắc phục hậu quả",
            "Số: 1/VHTTQ1",
            "Nguyễn Văn An",
            "Biên bản vi phạm hành chính số 1/BB-VPHC",
            "Tháo gỡ toàn bộ quảng cáo đã dán trái phép.",
            "ngày 08 tháng 12 năm 2026",
            "Trụ điện trước số 45 Lê Thánh Tôn",
        ],
    )
    assert reprint.filename == "yeu-cau-khac-phuc-1-VHTTQ1.pdf"


def test_suspension_request_cites_the_administered_bases_and_lists_numbers(cast, make_case):
    first = waiting_case(cast, make_case)
    second = waiting_case(cast, make_case, phone="0987 654 321")
    LegalBasis.objects.filter(
        purpose=LegalPurpose.SUSPENSION_GROUND, document__startswith="Nghị định"
    ).update(active=False)
    LegalBasis.objects.create(
        purpose=LegalPurpose.SUSPENSION_GROUND, position=9, document="Quyết định số 356/QĐ-STTTT"
    )
    dispatch = dispatch_of(cast.district, "request_suspension", [first, second])

    texts = both(K.SUSPENSION_REQUEST, dispatch)

    assert_all_in(
        texts,
        [
            *MOTTO,
            "Số: 1/VHTT",
            "V/v đề nghị ngưng cung cấp dịch vụ viễn thông",
            "Căn cứ Quyết định số 356/QĐ-STTTT;",
            "Luật Xử lý vi phạm hành chính",
            "0912 345 678",
            "0987 654 321",
            "Nguyễn Văn An",
            first.number,
            second.number,
            "Các chủ thuê bao đã được mời, liên hệ nhưng không đến làm việc (2 số thuê bao)",
            "Giấy mời số",
        ],
    )
    assert "Nghị định số 38/2021/NĐ-CP" not in texts["pdf"]
    assert "đã bị lập biên bản" not in texts["pdf"]


def test_suspension_request_tells_who_came_and_who_never_came(cast, make_case):
    came = waiting_case(cast, make_case)
    record = penalty_record_for(cast, came)
    absent = waiting_case(cast, make_case, phone="0987 654 321")
    dispatch = dispatch_of(cast.district, "request_suspension", [came, absent])
    made_on = timezone.localtime(record.made_at).strftime("%d/%m/%Y")

    texts = both(K.SUSPENSION_REQUEST, dispatch)

    assert_all_in(
        texts,
        [
            "1. Các chủ thuê bao đã đến làm việc và đã bị lập biên bản vi phạm hành chính",
            f"Biên bản số {record.record_number} ngày {made_on}",
            "2. Các chủ thuê bao đã được mời, liên hệ nhưng không đến làm việc (1 số thuê bao)",
        ],
    )
    pdf = texts["pdf"]
    recorded_part, absent_part = pdf.split("2. Các chủ thuê bao")
    assert came.number in recorded_part and absent.number not in recorded_part
    assert absent.number in absent_part and "Giấy mời số" in absent_part
    assert "nhưng chủ thuê bao không chấp hành" not in pdf


def test_suspension_request_reads_a_long_list_in_constant_queries(cast, make_case):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from raovat.documents.contexts.dispatches import dispatch_context

    def count(dispatch):
        with CaptureQueriesContext(connection) as queries:
            dispatch_context(K.SUSPENSION_REQUEST, dispatch)
        return len(queries)

    few = [waiting_case(cast, make_case, phone=f"0912 000 00{i}") for i in range(2)]
    many = [waiting_case(cast, make_case, phone=f"0913 000 00{i}") for i in range(6)]
    penalty_record_for(cast, many[0])
    small = dispatch_of(cast.district, "request_suspension", few)
    large = dispatch_of(cast.district, "request_suspension", many)
    assert count(large) == count(small)


def test_culture_slip_lists_cases_with_subscriber(cast, make_case):
    case = waiting_case(cast, make_case)
    dispatch = dispatch_of(cast.district, "send_to_culture", [case])

    assert_all_in(
        both(K.CULTURE_SLIP, dispatch),
        [
            # The request to the telecom authority took 1/PC-VHTTQ1 from the same series.
            *MOTTO,
            "Số: 2/PC-VHTTQ1",
            "Kính gửi: Sở Văn hóa, Thể thao và Du lịch.",
            case.number,
            "Nguyễn Văn An",
            "12 Nguyễn Trãi, phường Bến Thành",
            "Trụ điện trước số 45 Lê Thánh Tôn",
        ],
    )


def test_two_level_chain_prints_its_own_units_without_template_changes(two_level, make_case):
    ward = two_level.user("phuong.saigon")
    case = advance(make_case(ward), State.CONFIRMED)
    dispatch = dispatch_of(two_level.user("vhxh.saigon"), "send_to_telecom", [case])

    assert_all_in(
        both(K.TRANSFER_SLIP, dispatch),
        [
            *MOTTO,
            "UBND PHƯỜNG SÀI GÒN",
            "PHÒNG VĂN HÓA – XÃ HỘI PHƯỜNG SÀI GÒN",
            "Số: 1/PC-VHXH",
            today_line("Phường Sài Gòn"),
            "Kính gửi: Sở Khoa học và Công nghệ.",
            case.number,
            "Lý Thị Kim Chi",
        ],
    )


def test_signer_title_on_several_lines_prints_line_by_line(cast, make_case):
    unit = cast.district.unit
    unit.signer_title = "KT. TRƯỞNG PHÒNG\nPhó Trưởng phòng"
    unit.save()
    case = advance(make_case(cast.ward), State.CONFIRMED)
    context = services.document_context(
        kind=K.TRANSFER_SLIP, subject=dispatch_of(cast.district, "send_to_telecom", [case])
    )
    assert context["signer_title_lines"] == ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"]


def test_sample_contexts_offer_exactly_what_real_documents_offer(cast, make_case):
    case = waiting_case(cast, make_case)
    returned = advance(make_case(cast.ward, phone="0987 654 321"), State.RETURNED_BY_TELECOM)
    record = penalty_record_for(cast, case)
    subjects = {
        K.TRANSFER_SLIP: dispatch_of(
            cast.district,
            "send_to_telecom",
            [advance(make_case(cast.ward, phone="0903 111 222"), State.CONFIRMED)],
        ),
        K.RESEND_SLIP: dispatch_of(cast.district, "resend_to_telecom", [returned]),
        K.SUSPENSION_REQUEST: dispatch_of(cast.district, "request_suspension", [case]),
        # A case sits in one draft dispatch at a time, so the culture slip takes another.
        K.CULTURE_SLIP: dispatch_of(
            cast.district, "send_to_culture", [waiting_case(cast, make_case, phone="0903 333 444")]
        ),
        K.INVITATION: case.invitations.first(),
        K.VIOLATION_RECORD: record,
        K.REMEDIATION_REQUEST: record,
        K.PENALTY_DECISION: decided_case(cast, make_case).decision,
        K.PERIODIC_REPORT: report_create(
            actor=cast.district,
            of_unit=None,
            period=ReportPeriod("year", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
        ),
    }
    assert set(subjects) == set(K.values)
    for kind, subject in subjects.items():
        if kind == K.PERIODIC_REPORT:  # its figures are read for the printing user
            real = report_document_context(report=subject, user=cast.district)
        else:
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

    text = docx_text(
        services.document_render(kind=K.TRANSFER_SLIP, subject=dispatch, fmt="docx").content
    )

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


def test_the_penalty_decision_prints_its_number_fine_and_deadline(cast, make_case, client):
    case = decided_case(cast, make_case)
    decision = case.decision
    text = pdf_text(
        services.document_render(kind=K.PENALTY_DECISION, subject=decision, fmt="pdf").content
    )
    for expected in (
        "QUYẾT ĐỊNH",
        "Xử phạt vi phạm hành chính",
        decision.number_label,
        "1.500.000 đồng (Một triệu năm trăm nghìn đồng)",
        decision.payment_due.strftime("%d/%m/%Y"),
        "Khoản 1 Điều 34",
        "Nguyễn Văn An",
    ):
        assert expected in text, expected
    docx = docx_text(
        services.document_render(kind=K.PENALTY_DECISION, subject=decision, fmt="docx").content
    )
    assert decision.number_label in docx and "1.500.000 đồng" in docx
    client.force_login(cast.other_district)
    assert client.get(f"/in/quyet-dinh/{decision.pk}/").status_code == 404
    client.force_login(cast.district)
    response = client.get(f"/in/quyet-dinh/{decision.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_the_record_screen_keeps_form_mbb01_s_people_and_the_record_prints_them(
    client, cast, make_case
):
    """The interpreter, the injured party and their statement, the witness's details,
    the violator's gender and why the record was made at the office: entered on the
    record screen, printed at the form's items, with their signatures."""
    case = waiting_case(cast, make_case)
    basis = LegalBasis.objects.get(purpose=LegalPurpose.VIOLATION, article=34, clause=1)
    client.force_login(cast.district)
    url = reverse("handler:penalty", args=[case.number])
    page = client.get(url).content.decode()
    key = page.split('name="request_key" value="')[1].split('"')[0]
    response = client.post(
        url,
        {
            "request_key": key,
            "made_at": timezone.localtime().strftime("%d/%m/%Y %H:%M"),
            "place": "Trụ sở Phòng Văn hóa và Thông tin Quận 1",
            "violation_basis": basis.pk,
            "amount": "1.500.000",
            "violator_nationality": "Việt Nam",
            "violator_gender": "Nữ",
            "off_site_reason": "Chủ thuê bao đến trụ sở theo giấy mời",
            "witness": "Trần Văn Bình",
            "witness_occupation": "Tổ trưởng tổ dân phố",
            "witness_address": "5 Hai Bà Trưng, phường Bến Nghé",
            "interpreter_name": "Lê Văn Cường",
            "interpreter_occupation": "Phiên dịch viên",
            "interpreter_address": "9 Pasteur, phường Bến Nghé",
            "injured_party": "Công ty Điện lực Sài Gòn",
            "injured_statement": "Đề nghị tháo gỡ quảng cáo dán trên trụ điện.",
            "witness_refusal_reason": "Người chứng kiến đã ra về trước khi ký.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    record = PenaltyRecord.objects.get(case=case)
    assert (record.violator_gender, record.interpreter_name) == ("Nữ", "Lê Văn Cường")

    assert_all_in(
        both(K.VIOLATION_RECORD, record),
        [
            "Lý do lập biên bản tại Trụ sở Phòng Văn hóa và Thông tin Quận 1: Chủ thuê bao "
            "đến trụ sở theo giấy mời",
            "2. Với sự chứng kiến của: Họ và tên: Trần Văn Bình; Nghề nghiệp: Tổ trưởng tổ dân "
            "phố; Địa chỉ: 5 Hai Bà Trưng, phường Bến Nghé",
            "3. Người phiên dịch: Họ và tên: Lê Văn Cường; Nghề nghiệp: Phiên dịch viên",
            "Giới tính: Nữ",
            "4. Cá nhân/tổ chức bị thiệt hại (nếu có): Công ty Điện lực Sài Gòn",
            "7. Ý kiến trình bày của cá nhân/tổ chức bị thiệt hại (nếu có): Đề nghị tháo gỡ",
            "Lý do người chứng kiến/đại diện chính quyền không ký xác nhận: Người chứng kiến "
            "đã ra về trước khi ký.",
            "NGƯỜI PHIÊN DỊCH",
            "NGƯỜI/ĐẠI DIỆN TỔ CHỨC BỊ THIỆT HẠI",
            "Công ty Điện lực Sài Gòn",
        ],
    )


def test_a_provision_fined_up_to_fifteen_million_gives_the_right_to_explain(cast, make_case):
    record = penalty_record_for(cast, waiting_case(cast, make_case))
    heavy = LegalBasis.objects.create(
        purpose=LegalPurpose.VIOLATION,
        document="Nghị định thử",
        short_document="Nghị định thử",
        article=1,
        clause=2,
        fine_max_individual=15_000_000,
        fine_max_organisation=30_000_000,
    )
    PenaltyRecord.objects.filter(pk=record.pk).update(violation_basis=heavy)
    record.refresh_from_db()

    for text in both(K.VIOLATION_RECORD, record).values():
        assert "b) Được quyền giải trình (do thuộc trường hợp quy định tại khoản 1" in text
        assert "05 ngày làm việc" in text
        assert "a) Không được quyền giải trình" not in text


def test_the_penalty_decision_is_the_chairmans_on_form_mqd02(cast, make_case):
    case = decided_case(cast, make_case)
    decision = case.decision
    text = pdf_text(
        services.document_render(kind=K.PENALTY_DECISION, subject=decision, fmt="pdf").content
    )
    flat = " ".join(text.split())
    # Issued by the People's Committee, under its chairman's competence (Điều 38 of the Law),
    # signed by the deputy the power was delegated to; never by the department's head.
    for expected in (
        "ỦY BAN NHÂN DÂN QUẬN 1",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN 1",
        "Căn cứ Quyết định số 05/QĐ-GQXP ngày 02/01/2026",
        "về việc giao quyền xử phạt vi phạm hành chính",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lê Văn Khải",
        "Hình thức xử phạt bổ sung: Không.",
        "Các tình tiết giảm nhẹ: Người vi phạm đã tự nguyện khai báo",
        f"đến hết ngày {decision.remedial_due:%d/%m/%Y}",
        "Mọi chi phí tổ chức thi hành biện pháp khắc phục hậu quả do ông (bà) vi phạm chi trả",
        "Kho bạc Nhà nước khu vực II",
        "tài khoản số 7111.0.1055421",
        "0,05% tính trên tổng số tiền phạt chưa nộp",
        "khoản 1 Điều 78",
    ):
        assert expected in flat, expected
    for wrong in ("PHÒNG VĂN HÓA", "TRƯỞNG PHÒNG", "của người ký quyết định"):
        assert wrong not in flat, wrong
    docx = " ".join(
        docx_text(
            services.document_render(kind=K.PENALTY_DECISION, subject=decision, fmt="docx").content
        ).split()
    )
    for expected in ("CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN 1", "Hình thức xử phạt bổ sung", "0,05%"):
        assert expected in docx, expected


def test_a_unit_without_penalty_settings_prints_the_parent_committees_chairman(cast, make_case):
    from raovat.units.models import Unit

    Unit.objects.filter(pk=cast.district.unit_id).update(
        penalty_signer_title="", penalty_delegation="", treasury_account=""
    )
    case = decided_case(cast, make_case)
    text = " ".join(
        pdf_text(
            services.document_render(
                kind=K.PENALTY_DECISION, subject=case.decision, fmt="pdf"
            ).content
        ).split()
    )
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN QUẬN 1" in text and "KT. CHỦ TỊCH" not in text
    assert "giao quyền" not in text and "tài khoản số ……" in text
