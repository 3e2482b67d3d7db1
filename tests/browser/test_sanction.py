"""The sanction clicked through in Chromium: record → decision → payment, and the overdue
path → suspension → payment → restore at Sở TTTT."""

import datetime
import re

import pytest
from django.utils import timezone

from raovat.cases.models import Case, LegalBasis, LegalPurpose, Payment, PenaltyDecision
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform, scan_pdf
from tests.browser.conftest import login
from tests.browser.test_district import _attach, _print, _send

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _basis():
    # Seeded by a migration; a transactional test before this one may have flushed it.
    basis, _ = LegalBasis.objects.get_or_create(
        purpose=LegalPurpose.VIOLATION,
        article=34,
        clause=1,
        document="Nghị định số 38/2021/NĐ-CP",
        short_document="Nghị định số 38/2021/NĐ-CP",
        amended_by="Nghị định số 129/2021/NĐ-CP",
    )
    basis.fine_min_individual, basis.fine_max_individual = 1_000_000, 2_000_000
    basis.fine_min_organisation, basis.fine_max_organisation = 2_000_000, 4_000_000
    basis.save()
    return basis


def _scan(tmp_path, name="da-ky.pdf"):
    path = tmp_path / name
    path.write_bytes(scan_pdf("DA KY", ["x"]).read())
    return str(path)


def _message(page):
    return page.locator(".alert").first.inner_text()


def _state(case):
    return Case.objects.get(pk=case.pk).state


def test_record_decision_and_payment(page, cast, make_case, shots, tmp_path):
    _basis()
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    login(page, "vhtt.quan1")
    # The record form, as the case's link on "Xử lý vi phạm" opens it.
    page.goto(page.base + "/xu-ly/xu-ly-vi-pham/")
    page.locator(f"tr[data-case='{case.number}']").get_by_role("link", name=case.number).click()
    page.get_by_label(re.compile("Mức phạt dự kiến")).fill("1.500.000")
    page.get_by_role("button", name="Lưu biên bản").click()
    assert "Đã lập biên bản số" in _message(page)

    page.goto(page.base + "/xu-ly/xu-ly-vi-pham/")
    page.locator(f"tr[data-case='{case.number}']").get_by_role(
        "link", name="Ra quyết định xử phạt"
    ).click()
    # Out of range first: refused, nothing made.
    page.get_by_label("Số tiền phạt (đồng)").fill("3.000.000")
    page.get_by_label("Bản quyết định đã ký (PDF, JPEG hoặc PNG)").set_input_files(_scan(tmp_path))
    page.get_by_role("button", name="Ra quyết định xử phạt").click()
    assert "Mức phạt phải từ 1.000.000 ₫ đến 2.000.000 ₫" in _message(page)
    assert not PenaltyDecision.objects.exists()
    page.get_by_label("Số tiền phạt (đồng)").fill("1.500.000")
    page.get_by_label("Bản quyết định đã ký (PDF, JPEG hoặc PNG)").set_input_files(_scan(tmp_path))
    shots(page, "4-quyet-dinh-xu-phat")
    page.set_viewport_size({"width": 390, "height": 844})
    shots(page, "4-quyet-dinh-xu-phat-390")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.get_by_role("button", name="Ra quyết định xử phạt").click()
    assert "Đã ra quyết định xử phạt số 1/QĐ-XPHC" in _message(page)
    assert _state(case) == State.DECIDED

    page.goto(page.base + "/xu-ly/cho-nop-phat/")
    row = page.locator(f"tr[data-decided='{case.number}']")
    assert "1.500.000 ₫" in row.inner_text()
    shots(page, "4-cho-nop-phat")
    row.get_by_role("link", name="Ghi nhận nộp phạt").click()
    page.get_by_label("Số biên lai hoặc mã giao dịch chuyển khoản").fill("BL-0001")
    page.get_by_label(re.compile("Biên lai \\(bản chụp")).set_input_files(_scan(tmp_path))
    shots(page, "4-ghi-nhan-nop-phat")
    page.get_by_role("button", name="Ghi nhận nộp phạt").click()
    assert "Đã ghi nhận nộp phạt theo quyết định số 1/QĐ-XPHC" in _message(page)
    assert _state(case) == State.CLOSED
    assert Payment.objects.get().reference == "BL-0001"

    page.goto(page.base + f"/ho-so/{case.number}/?tab=qua-trinh")
    history = page.locator("#history").inner_text()
    for step in ("Lập biên bản vi phạm hành chính", "Ra quyết định xử phạt", "Ghi nhận nộp phạt"):
        assert step in history, step


def test_overdue_decision_to_suspension_payment_and_restore(page, cast, make_case, shots, tmp_path):
    _basis()
    case = advance(make_case(cast.ward), State.AWAITING_SUBSCRIBER)
    perform("decide", [case], when=timezone.now() - datetime.timedelta(days=30))
    login(page, "vhtt.quan1")
    page.goto(page.base + "/xu-ly/cho-nop-phat/")
    row = page.locator(f"tr[data-decided='{case.number}']")
    assert "Quá hạn nộp phạt" in row.inner_text()
    row.get_by_role("button", name="Yêu cầu Sở TTTT ngưng cung cấp dịch vụ").click()
    # The transfer page as §4 of the guide: print, attach the signed copy, send.
    _print(page)
    _attach(page, tmp_path)
    _send(page)
    assert "đã chuyển 1 hồ sơ" in _message(page)
    assert _state(case) == State.SUSPENSION_REQUESTED
    case.refresh_from_db()
    perform("suspend", [case])

    # The subscriber pays while the number is cut: the district records it.
    page.goto(page.base + "/xu-ly/cho-nop-phat/")
    page.locator(f"tr[data-decided='{case.number}']").get_by_role(
        "link", name="Ghi nhận nộp phạt"
    ).click()
    page.get_by_label("Số biên lai hoặc mã giao dịch chuyển khoản").fill("CK-778899")
    page.get_by_role("button", name="Ghi nhận nộp phạt").click()
    assert "Đã ghi nhận nộp phạt" in _message(page)
    assert _state(case) == State.SUSPENDED

    page.context.clear_cookies()
    login(page, "sotttt")
    page.goto(page.base + "/vien-thong/dang-ngung/")
    row = page.locator(f"tr[data-case='{case.number}']")
    assert "Đã nộp phạt" in row.inner_text()
    row.get_by_role("button", name="Khôi phục dịch vụ").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label(re.compile("Lý do khôi phục")).fill("Chủ thuê bao đã nộp phạt.")
    shots(page, "so-tttt-khoi-phuc-sau-nop-phat")
    dialog.get_by_role("button", name="Khôi phục dịch vụ").click()
    assert "Đã khôi phục dịch vụ 1 hồ sơ" in _message(page)
    assert _state(case) == State.CLOSED
