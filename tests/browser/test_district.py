"""The District manual, section by section, clicked through in Chromium by a District
officer; the cases' states and history are checked in the database afterwards."""

import datetime
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from raovat.cases.models import Case, Dispatch, LegalBasis, LegalPurpose, PenaltyRecord
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, scan_pdf
from tests.browser.conftest import login
from tests.documents_helpers import pdf_text, print_link_opens_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONES = ["0912 345 678", "0903 123 456", "0987 654 321"]


def _scan_file(tmp_path, name="phieu-da-ky.pdf"):
    path = tmp_path / name
    path.write_bytes(scan_pdf("BAN DA KY", ["Da ky"]).read())
    return str(path)


def _cases(cast, make_case, state, phones=PHONES, ward=None):
    return [advance(make_case(ward or cast.ward, phone=p), state) for p in phones]


def _state(case):
    return Case.objects.get(pk=case.pk).state


def _message(page):
    return page.locator(".alert").first.inner_text()


def _print(page, name=re.compile(r"^In (lại )?phiếu chuyển")) -> str:
    """Press the print button: the slip opens in a new tab; returns its text.

    The transfer page is read again afterwards, as the officer comes back to it.
    """

    def is_document(response):
        return (
            urlsplit(response.url).path.startswith("/in/")
            and response.request.resource_type == "document"
        )

    with (
        page.context.expect_event("response", is_document) as printed,
        page.expect_popup() as popup,
    ):
        page.get_by_role("button", name=name).click()
    response = printed.value
    assert response.status == 200
    # A PDF viewer keeps the body to itself: the same URL read with the same session.
    again = page.request.get(response.url)
    popup.value.close()
    page.reload()
    if again.headers["content-type"] == "application/pdf":
        return pdf_text(again.body())
    return again.text()


def _attach(page, tmp_path):
    page.get_by_label("Tệp đã ký (PDF, JPEG hoặc PNG)").set_input_files(_scan_file(tmp_path))
    page.get_by_role("button", name="Đính kèm tệp").click()


def _send(page, button="Chuyển xử lý"):
    page.get_by_role("button", name=button).click()
    page.get_by_role("dialog").get_by_role("button", name="Đồng ý chuyển").click()


def test_section_1_the_reminders_link_to_the_screens(page, cast, make_case, shots):
    _cases(cast, make_case, State.AWAITING_CONFIRMATION, PHONES[:2])
    login(page, "vhtt.quan1")
    panel = page.locator("#reminders")
    card = panel.get_by_role("link", name=re.compile("Xác nhận vi phạm từ Phường"))
    assert "2" in card.inner_text()
    shots(page, "1-nhac-viec")
    card.click()
    expect(page.get_by_role("heading", name="Xác nhận vi phạm từ Phường")).to_be_visible()
    page.locator(".navbar .dropdown-toggle", has_text="Phòng VHTT Quận 1").click()
    menu = page.locator(".dropdown-menu.show")
    for label in (
        "Xác nhận vi phạm từ Phường",
        "Chuyển Sở TTTT cung cấp thông tin thuê bao",
        "Hồ sơ trả về từ Sở TTTT",
        "Liên hệ chủ thuê bao",
        "Xử lý vi phạm",
        "Tra cứu hồ sơ",
    ):
        assert menu.get_by_role("link", name=re.compile(label)).is_visible()


def test_section_2_confirm_return_and_transfer_to_telecom(page, cast, make_case, shots, tmp_path):
    first, second, third = _cases(cast, make_case, State.AWAITING_CONFIRMATION)
    login(page, "vhtt.quan1")
    page.goto(page.base + "/xu-ly/xac-nhan/")
    shots(page, "2-xac-nhan")

    # Return one case to the ward: the dialog insists on a reason.
    row = page.locator(f"tr[data-case='{third.number}']")
    row.get_by_role("button", name="Trả về").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Lý do trả về").fill("Ảnh chụp chưa rõ số thuê bao.")
    dialog.get_by_role("button", name="Trả về").click()
    assert "Đã trả về bổ sung 1 hồ sơ" in _message(page)
    assert _state(third) == State.RETURNED_TO_REPORTER

    # Confirm one case from its page, with its photos full size.
    page.locator(f"tr[data-case='{first.number}']").get_by_role("link", name="Xác nhận").click()
    assert page.locator("img.rv-photo-full").count() == 1
    shots(page, "2-trang-xac-nhan")
    page.get_by_role("button", name="Xác nhận", exact=True).click()
    assert "Đã xác nhận 1 hồ sơ" in _message(page)

    # Confirm the other by selecting its row.
    page.locator(f"tr[data-case='{second.number}'] input.rv-row-check").check()
    assert page.locator("[data-selected-count]").inner_text() == "Đã chọn 1 hồ sơ"
    page.get_by_role("button", name="Xác nhận các hồ sơ đã chọn").click()
    assert {_state(first), _state(second)} == {State.CONFIRMED}

    # Transfer both to Sở TTTT from "Chuyển Sở TTTT cung cấp thông tin thuê bao".
    page.goto(page.base + "/xu-ly/chuyen-so/")
    page.get_by_label("Chọn tất cả hồ sơ trên trang").check()
    assert page.locator("[data-selected-count]").inner_text() == "Đã chọn 2 hồ sơ"
    page.get_by_role("button", name="Chuyển các hồ sơ đã chọn").click()
    assert page.locator("#dispatch-cases tbody tr").count() == 2

    # (6) the dialog says what is missing instead of offering to send; nothing moves.
    page.get_by_role("button", name="Chuyển xử lý").click()
    dialog = page.get_by_role("dialog")
    assert "Phiếu chuyển chưa được in" in dialog.inner_text()
    assert dialog.get_by_role("button", name="Đồng ý chuyển").count() == 0
    dialog.locator(".modal-footer").get_by_role("button", name="Đóng").click()
    assert _state(first) == State.CONFIRMED

    # (2) the note, then (5) print the slip: a numbered document opens, with the note.
    page.get_by_label("Ghi chú nội dung xử lý").fill("Đề nghị cung cấp thông tin 2 thuê bao.")
    slip = _print(page)
    assert "1/PC-VHTTQ1" in slip and "Đề nghị cung cấp thông tin 2 thuê bao." in slip

    # (1) attach the signed file, (6) transfer with confirmation.
    _attach(page, tmp_path)
    assert "Đã đính kèm tệp phiếu chuyển đã ký" in _message(page)
    shots(page, "2-phieu-chuyen")
    _send(page)
    assert "đã chuyển 2 hồ sơ" in _message(page)

    dispatch = Dispatch.objects.get()
    assert dispatch.number_label == "1/PC-VHTTQ1" and dispatch.sent_at is not None
    for case in (first, second):
        case.refresh_from_db()
        assert case.state == State.AT_TELECOM
        event = case.events.order_by("-id").first()
        assert (event.action, event.dispatch_id) == ("send_to_telecom", dispatch.pk)
        assert event.note == "Đề nghị cung cấp thông tin 2 thuê bao."


def test_section_2_a_case_can_be_dropped_from_the_transfer(page, cast, make_case):
    keep, drop = _cases(cast, make_case, State.CONFIRMED, PHONES[:2])
    login(page, "vhtt.quan1")
    page.goto(page.base + "/xu-ly/chuyen-so/")
    page.get_by_label("Chọn tất cả hồ sơ trên trang").check()
    page.get_by_role("button", name="Chuyển các hồ sơ đã chọn").click()
    page.get_by_role("button", name=f"Bỏ qua hồ sơ {drop.number}").click()
    assert f"Đã bỏ hồ sơ {drop.number}" in _message(page)
    assert page.locator("#dispatch-cases tbody tr").count() == 1
    page.get_by_role("link", name="Trở về").click()
    expect(page.get_by_role("heading", name=re.compile("Chuyển Sở TTTT"))).to_be_visible()
    assert {_state(keep), _state(drop)} == {State.CONFIRMED}


def test_section_2_a_signed_slip_belongs_to_the_cases_it_lists(
    page, cast, make_case, tmp_path, shots
):
    cases = _cases(cast, make_case, State.CONFIRMED)
    login(page, "vhtt.quan1")
    page.goto(page.base + "/xu-ly/chuyen-so/")
    page.get_by_label("Chọn tất cả hồ sơ trên trang").check()
    page.get_by_role("button", name="Chuyển các hồ sơ đã chọn").click()
    assert "1/PC-VHTTQ1" in _print(page)
    _attach(page, tmp_path)
    assert "Đã đính kèm tệp phiếu chuyển đã ký" in _message(page)

    # A note typed and not saved survives "Bỏ qua".
    page.get_by_label("Ghi chú nội dung xử lý").fill("Còn 2 hồ sơ.")
    page.get_by_role("button", name=f"Bỏ qua hồ sơ {cases[2].number}").click()
    assert "hãy in lại phiếu (vẫn giữ số 1/PC-VHTTQ1)" in _message(page)
    assert page.get_by_label("Ghi chú nội dung xử lý").input_value() == "Còn 2 hồ sơ."
    assert page.locator("#reprint-notice").is_visible()
    shots(page, "2-phieu-chuyen-in-lai")

    # "Chuyển xử lý" refuses with the reprint message; nothing moves.
    page.get_by_role("button", name="Chuyển xử lý").click()
    dialog = page.get_by_role("dialog")
    assert "Nội dung phiếu chuyển đã thay đổi sau lần in trước" in dialog.inner_text()
    assert dialog.get_by_role("button", name="Đồng ý chuyển").count() == 0
    dialog.locator(".modal-footer").get_by_role("button", name="Đóng").click()
    assert {_state(c) for c in cases} == {State.CONFIRMED}

    # Print again: the same number, the two cases left and the note; attach; send.
    slip = _print(page, name="In lại phiếu chuyển")
    assert "1/PC-VHTTQ1" in slip and cases[2].number not in slip and "Còn 2 hồ sơ." in slip
    _attach(page, tmp_path)

    # A note edited after printing: the dialog says so instead of offering to send.
    page.get_by_label("Ghi chú nội dung xử lý").fill("Còn 2 hồ sơ, sửa sau khi in.")
    page.get_by_role("button", name="Chuyển xử lý").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("Ghi chú đã sửa sau khi in").wait_for(state="visible")
    assert not dialog.get_by_role("button", name="Đồng ý chuyển").is_visible()
    dialog.get_by_role("button", name="Hủy").click()
    page.get_by_label("Ghi chú nội dung xử lý").fill("Còn 2 hồ sơ.")
    _send(page)
    assert "phiếu chuyển số 1/PC-VHTTQ1: đã chuyển 2 hồ sơ" in _message(page)
    assert [_state(c) for c in cases] == [State.AT_TELECOM, State.AT_TELECOM, State.CONFIRMED]


def test_section_3_contact_the_subscriber(page, cast, make_case, shots, tmp_path):
    (case,) = _cases(cast, make_case, State.TO_CONTACT, PHONES[:1])
    login(page, "vhtt.quan1")
    page.goto(page.base + "/xu-ly/lien-he/")
    page.locator(f"tr[data-case='{case.number}']").get_by_role("link", name="Liên hệ").click()

    # (8) refused while nothing has been recorded.
    page.get_by_role("button", name=re.compile("Hoàn tất liên hệ")).click()
    assert "chưa có lần liên hệ nào" in _message(page)

    # (1) invitation letter, (4) its signed scan, listed in (5).
    # A meeting is set from today to 90 days ahead.
    meeting = f"{timezone.localdate() + datetime.timedelta(days=3):%d/%m/%Y} 08:30"
    page.get_by_label("Thời gian mời đến").fill(meeting)
    page.get_by_role("button", name="Tạo thư mời").click()
    assert "Đã tạo thư mời số 1/GM-VHTT" in _message(page)
    page.get_by_label("Thư mời đã ký").set_input_files(_scan_file(tmp_path, "thu-moi.pdf"))
    page.get_by_role("button", name="Tải thư mời lên").click()
    assert "Đã lưu thư mời đã ký" in _message(page)
    assert meeting in page.locator("#invitations").inner_text()

    # (2) a call and its outcome, listed in (6).
    assert (
        page.get_by_role("link", name=re.compile("Gọi điện")).get_attribute("href")
        == f"tel:{case.phone_national}"
    )
    page.get_by_label("Kết quả cuộc gọi").select_option(label="Không nghe máy")
    page.get_by_label("Ghi chú").fill("Gọi lúc 9 giờ, không nghe máy.")
    page.get_by_role("button", name="Lưu cuộc gọi").click()
    assert "Không nghe máy" in page.locator("#calls").inner_text()

    # (3) a text message, listed in (7) without reloading the page.
    page.get_by_label(re.compile("Nội dung tin nhắn")).fill(
        "Mời Ông/Bà đến Phòng Văn hóa và Thông tin Quận 1 làm việc."
    )
    page.get_by_role("button", name="Nhắn tin").click()
    page.locator(f"#sms-list-{case.pk} tbody tr").first.wait_for()
    assert page.locator(f"#sms-list-{case.pk} tbody tr").count() == 1
    shots(page, "3-lien-he")

    page.get_by_role("button", name=re.compile("Hoàn tất liên hệ")).click()
    assert "Đã hoàn tất liên hệ 1 hồ sơ" in _message(page)
    case.refresh_from_db()
    assert case.state == State.AWAITING_SUBSCRIBER
    assert case.calls.get().outcome == "no_answer"
    assert case.invitations.get().signed_scan


def test_section_4_process_the_violation(page, cast, make_case, shots, tmp_path):
    came, absent = _cases(cast, make_case, State.AWAITING_SUBSCRIBER, PHONES[:2])
    # The provision the record form offers (seeded by a migration; a transactional test
    # before this one may have emptied the table).
    LegalBasis.objects.get_or_create(
        purpose=LegalPurpose.VIOLATION,
        article=34,
        clause=1,
        document="Nghị định số 38/2021/NĐ-CP",
        short_document="Nghị định số 38/2021/NĐ-CP",
        amended_by="Nghị định số 129/2021/NĐ-CP",
    )
    login(page, "vhtt.quan1")

    # The subscriber came: the officer chooses to ask Sở TTTT to suspend (nothing is
    # chosen in advance), makes the violation record, prints, signs and sends.
    page.goto(page.base + "/xu-ly/xu-ly-vi-pham/")
    page.locator(f"tr[data-case='{came.number}']").get_by_role(
        "button", name="Xử lý vi phạm"
    ).click()
    suspend = page.get_by_label("Yêu cầu Sở TTTT ngưng cung cấp dịch vụ")
    assert not suspend.is_checked() and not page.get_by_label("Gởi Sở VHTT-DL xử lý").is_checked()
    suspend.check()
    page.get_by_role("button", name="Lập phiếu chuyển").click()
    page.get_by_role("link", name="Lập biên bản").click()
    page.get_by_label(re.compile("Mức phạt dự kiến")).fill("1500000")
    page.get_by_label("Nghề nghiệp", exact=True).fill("Thợ sơn")
    page.get_by_role("button", name="Lưu biên bản").click()
    assert "Đã lập biên bản số 1/BB-VPHC" in _message(page)
    record = print_link_opens_pdf(page, "In biên bản")
    assert "Quy định tại: Khoản 1 Điều 34 Nghị định số 38/2021/NĐ-CP" in record
    assert "Nghề nghiệp: Thợ sơn" in record
    assert page.get_by_role("link", name="In yêu cầu khắc phục").is_visible()
    # The choice is shown, fixed, with the reason.
    assert page.get_by_label("Yêu cầu Sở TTTT ngưng cung cấp dịch vụ").is_checked()
    assert page.get_by_label("Yêu cầu Sở TTTT ngưng cung cấp dịch vụ").is_disabled()
    assert "không đổi trên phiếu này" in page.locator("#choice-fixed").inner_text()
    shots(page, "4-xu-ly-vi-pham")
    _print(page)
    _attach(page, tmp_path)
    _send(page)
    assert "đã chuyển 1 hồ sơ" in _message(page)
    assert _state(came) == State.SUSPENSION_REQUESTED
    assert PenaltyRecord.objects.get(case=came).amount == 1_500_000

    # The other never came: send it to Sở VHTT-DL.
    page.locator(f"tr[data-case='{absent.number}']").get_by_role(
        "button", name="Xử lý vi phạm"
    ).click()
    page.get_by_label("Gởi Sở VHTT-DL xử lý").check()
    page.get_by_role("button", name="Lập phiếu chuyển").click()
    assert "Sở Văn hóa, Thể thao và Du lịch" in page.locator("h1 + div").inner_text()
    _print(page)
    _attach(page, tmp_path)
    _send(page)
    assert _state(absent) == State.AT_CULTURE
    absent.refresh_from_db()
    assert absent.current_unit == cast.culture.unit


def test_section_5_search_and_export(page, cast, make_case, shots):
    found, _ = _cases(cast, make_case, State.TO_CONTACT, PHONES[:2])
    name = found.subscriber.full_name  # "Nguyễn Văn An" from the scenario
    login(page, "vhtt.quan1")
    page.get_by_role("link", name="Tra cứu hồ sơ").first.click()
    page.get_by_label("Số thuê bao").fill("0912.345")
    page.get_by_role("button", name="Tra cứu").click()
    results = page.locator("#results tbody tr")
    assert results.count() == 1 and found.number in results.inner_text()
    page.get_by_role("link", name="Xóa điều kiện").click()
    page.get_by_label("Tên chủ thuê bao").fill("nguyen van an")
    page.get_by_role("button", name="Tra cứu").click()
    assert page.locator("#results tbody tr").count() == 2
    assert name != "nguyen van an"
    shots(page, "5-tra-cuu")
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel").click()
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    sheet = book.active
    assert [c.value for c in sheet[1]][:3] == ["STT", "Số hồ sơ", "Số thuê bao"]
    assert sheet.max_row == 3
    assert sheet["G2"].is_date and sheet["G2"].number_format == "DD/MM/YYYY"
    page.locator("#results").get_by_role("link", name=found.number).click()
    for tab in (
        "Thông tin chung",
        "Hình ảnh vi phạm",
        "Quá trình xử lý hồ sơ",
        "Lịch sử liên hệ với thuê bao",
    ):
        page.get_by_role("tab", name=tab).click()
    assert page.locator("#history tbody tr").count() >= 4


def test_section_6_resend_what_telecom_returned(page, cast, make_case, shots, tmp_path):
    (case,) = _cases(cast, make_case, State.RETURNED_BY_TELECOM, PHONES[:1])
    login(page, "vhtt.quan1")
    page.goto(page.base + "/")
    page.locator("#reminders").get_by_role(
        "link", name=re.compile("Hồ sơ trả về từ Sở TTTT")
    ).click()
    assert "Số thuê bao không có thông tin đăng ký" in page.locator("#cases").inner_text()
    page.get_by_role("button", name="Chuyển lại", exact=True).click()
    page.get_by_label("Ghi chú (nếu có)").fill("Đã bổ sung ảnh chụp rõ số.")
    slip = _print(page, name="In phiếu chuyển xử lý")
    assert "Đã bổ sung ảnh chụp rõ số." in slip  # "Nội dung đã bổ sung"
    _attach(page, tmp_path)
    shots(page, "6-tra-ve-tu-so")
    _send(page, "Chuyển cho Sở TTTT xử lý")
    assert _state(case) == State.AT_TELECOM
    assert case.events.order_by("-id").first().action == "resend_to_telecom"
