"""Shared by the document tests: text out of rendered PDF and DOCX, and subjects to print."""

import datetime
import io
import re
import unicodedata
from urllib.parse import urlsplit

from docx import Document
from pypdf import PdfReader

from raovat.cases.services import contacts
from raovat.cases.services.dispatches import dispatch_create
from raovat.cases.workflow import State
from raovat.demo.scenario import advance


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def pdf_pages(content: bytes) -> list[str]:
    return [_clean(page.extract_text() or "") for page in PdfReader(io.BytesIO(content)).pages]


def pdf_text(content: bytes) -> str:
    return " ".join(pdf_pages(content))


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
    return _clean(" ".join(parts))


def meeting_at():
    return datetime.datetime(2026, 12, 1, 14, 0, tzinfo=datetime.UTC) - datetime.timedelta(hours=7)


def invitation_for(cast, case):
    return contacts.invitation_create(
        actor=cast.district,
        case=case,
        meeting_at=meeting_at(),
        meeting_place="28 Lê Thánh Tôn, phường Bến Nghé, Quận 1",
        bring="Căn cước công dân; giấy tờ liên quan đến số thuê bao",
    )


def penalty_record_for(cast, case):
    return contacts.penalty_record_create(
        actor=cast.district,
        case=case,
        made_at=meeting_at(),
        place="Trụ sở Phòng Văn hóa và Thông tin Quận 1",
        legal_basis="Điểm a khoản 1 Điều 34 Nghị định 38/2021/NĐ-CP",
        amount=1_500_000,
        violator_statement="Tôi thừa nhận đã thuê người dán quảng cáo.",
        remediation="Tháo gỡ toàn bộ quảng cáo đã dán trái phép.",
        remediation_deadline=datetime.date(2026, 12, 8),
    )


def dispatch_of(actor, action, cases, note="Chuyển hồ sơ theo quy định."):
    return dispatch_create(actor=actor, action=action, cases=cases, note=note)


def waiting_case(cast, make_case, phone="0912 345 678"):
    return advance(make_case(cast.ward, phone=phone), State.AWAITING_SUBSCRIBER)


STREETS = [
    "Lê Thánh Tôn",
    "Đồng Khởi",
    "Nguyễn Huệ",
    "Hai Bà Trưng",
    "Tôn Đức Thắng",
    "Nguyễn Thị Minh Khai",
    "Lý Tự Trọng",
    "Pasteur",
]
WHERE = ["Trụ điện trước số", "Gốc cây số", "Tường rào nhà số", "Cột đèn trước số"]


def slip_of_cases(*, actor, wards, count: int):
    """A draft dispatch of `count` confirmed cases, written with bulk inserts.

    Only rendering is measured with it, so it skips the workflow (one case through the
    real services takes a second; hundreds would dominate the run).
    """
    from django.utils import timezone

    from raovat.cases.models import Case, Dispatch, DispatchItem, Sighting
    from raovat.cases.phones import VIETTEL

    now = timezone.now()
    telecom = actor.unit.authority("telecom")
    cases = Case.objects.bulk_create(
        [
            Case(
                number=f"HS-2026-{900000 + i:06d}",
                phone_e164=f"+8498{i:07d}",
                phone_national=f"098{i:07d}",
                phone_written=f"098{i:07d}",
                carrier_hint=VIETTEL,
                state=State.CONFIRMED,
                state_since=now,
                current_unit=actor.unit,
                reporting_unit=wards[i % len(wards)],
                handling_unit=actor.unit,
                telecom_unit=telecom,
                first_found_on=datetime.date(2026, 11, 1 + i % 28),
                created_by=actor,
            )
            for i in range(1, count + 1)
        ]
    )
    Sighting.objects.bulk_create(
        [
            Sighting(
                case=case,
                reporting_unit=case.reporting_unit,
                found_on=case.first_found_on,
                place=f"{WHERE[i % len(WHERE)]} {i % 200 + 1} {STREETS[i % len(STREETS)]}",
                phone_written=case.phone_written,
                recorded_by=actor,
            )
            for i, case in enumerate(cases)
        ]
    )
    dispatch = Dispatch.objects.create(
        kind="subscriber_info", from_unit=actor.unit, to_unit=telecom, year=2026, created_by=actor
    )
    DispatchItem.objects.bulk_create(
        [DispatchItem(dispatch=dispatch, case=case, position=i) for i, case in enumerate(cases)]
    )
    return dispatch, cases


def print_link_opens_pdf(page, link_name: str) -> str:
    """Click an "In …" link as an officer does; the PDF opens inline in a new tab.

    Returns the PDF's text; checks it is served to be shown, not downloaded.
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
        # A link, or the transfer page's button (it sends the note form first).
        page.get_by_role("link", name=link_name, exact=True).or_(
            page.get_by_role("button", name=link_name, exact=True)
        ).click()
    response = printed.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline;")
    # The browser's PDF viewer keeps the body; the same URL read with the same session.
    again = page.request.get(response.url)
    popup.value.close()
    return pdf_text(again.body())


def decided_case(cast, make_case, phone="0903 555 666"):
    """A case recorded and decided, to print its penalty decision."""
    from raovat.demo.scenario import perform

    case = waiting_case(cast, make_case, phone=phone)
    perform("decide", [case])
    case.refresh_from_db()
    return case
