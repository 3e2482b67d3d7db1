"""A signed scan belongs to one exact content of its dispatch, seen from the transfer page.

Printing gives the number once and marks the content printed; dropping a case or
changing the note after that takes the scan off (kept) and sending is refused until the
slip is printed again, signed and attached.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from raovat.cases.models import Case, Dispatch, DispatchScan
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.transitions import case_transition
from raovat.cases.workflow import DispatchKind, State
from raovat.demo.scenario import advance, perform, scan_pdf
from raovat.units.models import Unit
from tests.documents_helpers import pdf_text

pytestmark = pytest.mark.django_db

PHONES = ["0912 345 678", "0903 123 456", "0978 111 222"]
REPRINT = "Nội dung phiếu chuyển đã thay đổi sau lần in trước: hãy in lại phiếu"


def _page(client, dispatch) -> str:
    return client.get(reverse("handler:dispatch", args=[dispatch.pk])).content.decode()


def _print(client, dispatch, **data):
    """ "In phiếu chuyển" as the page sends it: the note form, then the document.

    Returns the response with its text as `text`.
    """
    response = client.post(reverse("handler:dispatch_print", args=[dispatch.pk]), data)
    assert response.status_code == 302
    document = client.get(response["Location"])
    document.text = (
        pdf_text(document.content)
        if document["Content-Type"] == "application/pdf"
        else document.content.decode()
    )
    return document


def _attach(client, dispatch, title="PHIEU"):
    return client.post(
        reverse("handler:dispatch_attach", args=[dispatch.pk]),
        {"scan": scan_pdf(title, [])},
        follow=True,
    ).content.decode()


def _send(client, dispatch, **data):
    return client.post(
        reverse("handler:dispatch_send", args=[dispatch.pk]), data, follow=True
    ).content.decode()


def _start(client, action, cases) -> Dispatch:
    client.post(reverse("handler:dispatch_start", args=[action]), {"hs": [c.pk for c in cases]})
    return Dispatch.objects.get(items__case=cases[0], sent_at__isnull=True)


@pytest.fixture
def three(cast, make_case):
    return [advance(make_case(cast.ward, phone=p), State.CONFIRMED) for p in PHONES]


def test_a_dropped_case_detaches_the_scan_and_the_reprint_keeps_the_number(
    client, cast, three, _media
):
    client.force_login(cast.district)
    dispatch = _start(client, "send_to_telecom", three)
    assert _print(client, dispatch).status_code == 200
    dispatch.refresh_from_db()
    assert dispatch.number_label == "1/PC-VHTTQ1"
    assert "Đã đính kèm tệp phiếu chuyển đã ký." in _attach(client, dispatch)
    dispatch.refresh_from_db()
    signed = dispatch.signed_scan.name

    page = client.post(
        reverse("handler:dispatch_drop", args=[dispatch.pk, three[2].pk]), {"note": ""}, follow=True
    ).content.decode()

    assert REPRINT in page and "vẫn giữ số 1/PC-VHTTQ1" in page
    assert "Cần in lại và ký lại phiếu chuyển." in page
    assert "vẫn được lưu trong lịch sử của phiếu" in page
    dispatch.refresh_from_db()
    assert not dispatch.signed_scan
    old = DispatchScan.objects.get(dispatch=dispatch)
    assert old.file.name == signed and (_media / signed).is_file()
    assert old.reason == f"Bỏ hồ sơ {three[2].number} khỏi phiếu chuyển"

    refused = _send(client, dispatch)
    assert "Không thực hiện được, không hồ sơ nào thay đổi." in refused
    assert set(Case.objects.values_list("state", flat=True)) == {State.CONFIRMED}

    _print(client, dispatch)
    dispatch.refresh_from_db()
    assert dispatch.number_label == "1/PC-VHTTQ1"  # "in lại" keeps the number
    _attach(client, dispatch)
    assert "đã chuyển" in _send(client, dispatch)
    states = dict(Case.objects.values_list("pk", "state"))
    assert states == {
        three[0].pk: State.AT_TELECOM,
        three[1].pk: State.AT_TELECOM,
        three[2].pk: State.CONFIRMED,
    }


def test_a_stale_dispatch_object_cannot_send_the_old_scan(client, cast, three):
    """No path sends a stale scan: `case_transition` reads the dispatch again."""
    client.force_login(cast.district)
    dispatch = _start(client, "send_to_telecom", three)
    _print(client, dispatch)
    _attach(client, dispatch)
    stale = Dispatch.objects.get(pk=dispatch.pk)  # loaded with its scan, before the drop
    client.post(reverse("handler:dispatch_drop", args=[dispatch.pk, three[2].pk]))

    with pytest.raises(WorkflowError) as refused:
        case_transition(
            actor=cast.district, action="send_to_telecom", cases=three[:2], dispatch=stale
        )
    assert REPRINT in str(refused.value)
    assert set(Case.objects.values_list("state", flat=True)) == {State.CONFIRMED}


def test_a_scan_needs_a_printed_slip_of_the_current_content(client, cast, three, _media):
    client.force_login(cast.district)
    dispatch = _start(client, "send_to_telecom", three)
    before = {p for p in _media.rglob("*") if p.is_file()}
    assert "Phiếu chuyển chưa được in" in _attach(client, dispatch)
    _print(client, dispatch)
    client.post(reverse("handler:dispatch_drop", args=[dispatch.pk, three[2].pk]))
    assert REPRINT in _attach(client, dispatch)
    assert {p for p in _media.rglob("*") if p.is_file()} == before
    dispatch.refresh_from_db()
    assert not dispatch.signed_scan


def test_the_confirm_dialog_says_what_is_missing_instead_of_offering_to_send(client, cast, three):
    client.force_login(cast.district)
    dispatch = _start(client, "send_to_telecom", three)
    page = _page(client, dispatch)
    assert "Chưa thể chuyển 3 hồ sơ" in page and "Phiếu chuyển chưa được in" in page
    assert "Đồng ý chuyển" not in page
    _print(client, dispatch)
    page = _page(client, dispatch)
    assert "Phiếu chuyển chưa có tệp đã ký" in page and "Đồng ý chuyển" not in page
    _attach(client, dispatch)
    assert "Đồng ý chuyển" in _page(client, dispatch)


def test_bo_qua_keeps_the_note_typed_on_the_page(client, cast, three):
    client.force_login(cast.district)
    dispatch = _start(client, "send_to_telecom", three)
    client.post(
        reverse("handler:dispatch_drop", args=[dispatch.pk, three[2].pk]),
        {"note": "  Đề nghị xác minh gấp.  "},
    )
    dispatch.refresh_from_db()
    assert dispatch.note == "Đề nghị xác minh gấp."
    assert dispatch.items.count() == 2


def test_the_resend_slip_always_carries_the_note_and_a_changed_note_asks_for_a_reprint(
    client, cast, make_case
):
    case = advance(make_case(cast.ward), State.AT_TELECOM)
    perform("return_to_handler", [case], note="Ảnh mờ, chụp lại.")
    client.force_login(cast.district)
    dispatch = _start(client, "resend_to_telecom", [case])

    # The note typed and not saved is printed: "In phiếu" sends the note form.
    slip = _print(client, dispatch, note="Đã chụp lại ảnh rõ số.").text
    assert "Đã chụp lại ảnh rõ số." in slip
    _attach(client, dispatch)

    page = client.post(
        reverse("handler:dispatch_note", args=[dispatch.pk]),
        {"note": "Đã chụp lại ảnh và ghi rõ địa điểm."},
        follow=True,
    ).content.decode()
    assert REPRINT in page
    assert "Không thực hiện được" in _send(client, dispatch)
    slip = _print(client, dispatch).text
    assert "Đã chụp lại ảnh và ghi rõ địa điểm." in slip
    _attach(client, dispatch)
    assert "đã chuyển" in _send(client, dispatch)
    assert Case.objects.get(pk=case.pk).state == State.AT_TELECOM


def test_sending_with_a_note_changed_after_printing_is_refused(client, cast, three):
    client.force_login(cast.district)
    dispatch = _start(client, "send_to_telecom", three)
    _print(client, dispatch)
    _attach(client, dispatch)
    refused = _send(client, dispatch, note="Ghi chú viết sau khi in.")
    assert "Không thực hiện được" in refused and REPRINT in refused
    assert set(Case.objects.values_list("state", flat=True)) == {State.CONFIRMED}


def test_a_slip_left_without_cases_gives_its_number_to_the_next_one(client, cast, three):
    client.force_login(cast.district)
    first = _start(client, "send_to_telecom", [three[0]])
    _print(client, first)
    first.refresh_from_db()
    assert first.number_label == "1/PC-VHTTQ1"
    response = client.post(
        reverse("handler:dispatch_drop", args=[first.pk, three[0].pk]), follow=True
    )
    assert "số 1/PC-VHTTQ1 sẽ dùng cho phiếu chuyển tiếp theo" in response.content.decode()

    second = _start(client, "send_to_telecom", three[1:])
    _print(client, second)
    second.refresh_from_db()
    assert second.number_label == "1/PC-VHTTQ1"
    assert second.printed_is_current
    _attach(client, second)
    assert "đã chuyển" in _send(client, second)
    third = _start(client, "send_to_telecom", [three[0]])
    _print(client, third)
    third.refresh_from_db()
    assert third.number_label == "2/PC-VHTTQ1"


def test_a_draft_never_printed_goes_away_with_its_last_case(client, cast, three):
    client.force_login(cast.district)
    dispatch = _start(client, "send_to_telecom", [three[0]])
    client.post(reverse("handler:dispatch_drop", args=[dispatch.pk, three[0].pk]))
    assert not Dispatch.objects.exists()


# §4: the officer chooses, and a draft's choice is fixed ----------------------------------


@pytest.fixture
def waiting(cast, make_case):
    return [advance(make_case(cast.ward, phone=p), State.AWAITING_SUBSCRIBER) for p in PHONES[:2]]


def test_the_process_choice_is_not_made_for_the_officer(client, cast, waiting):
    client.force_login(cast.district)
    ids = {"hs": [c.pk for c in waiting]}
    page = client.post(reverse("handler:process_choose"), ids).content.decode()
    assert "Yêu cầu Sở TTTT ngưng cung cấp dịch vụ" in page and "checked" not in page

    refused = client.post(reverse("handler:process_start"), ids)
    assert refused.status_code == 400
    assert "Cần chọn “Yêu cầu Sở TTTT ngưng cung cấp dịch vụ” hoặc" in refused.content.decode()
    assert not Dispatch.objects.filter(sent_at__isnull=True).exists()

    client.post(reverse("handler:process_start"), {**ids, "action": "send_to_culture"})
    dispatch = Dispatch.objects.get(sent_at__isnull=True)
    assert dispatch.kind == DispatchKind.CULTURE
    assert dispatch.to_unit == cast.culture.unit


def test_a_draft_keeps_its_kind_and_receiver(client, cast, waiting):
    client.force_login(cast.district)
    client.post(
        reverse("handler:process_start"),
        {"hs": [c.pk for c in waiting], "action": "request_suspension"},
    )
    dispatch = Dispatch.objects.get(sent_at__isnull=True)
    page = client.post(
        reverse("handler:dispatch_choose", args=[dispatch.pk]),
        {"action": "send_to_culture"},
        follow=True,
    ).content.decode()
    assert "không thể đổi loại phiếu và nơi nhận" in page
    dispatch.refresh_from_db()
    assert (dispatch.kind, dispatch.to_unit_id) == (DispatchKind.SUSPENSION, cast.telecom.unit_id)
    assert dispatch.version == 1
    assert "Đã chọn “Yêu cầu Sở TTTT ngưng cung cấp dịch vụ” khi lập phiếu" in page


def test_choosing_again_makes_a_new_draft_and_detaches_the_old_scan(client, cast, waiting):
    client.force_login(cast.district)
    ids = [c.pk for c in waiting]
    client.post(reverse("handler:process_start"), {"hs": ids, "action": "send_to_culture"})
    first = Dispatch.objects.get(sent_at__isnull=True)
    _print(client, first)
    _attach(client, first)
    client.post(reverse("handler:process_start"), {"hs": ids, "action": "request_suspension"})
    first.refresh_from_db()
    assert first.kind == DispatchKind.CULTURE and not first.signed_scan
    assert first.items.count() == 0 and DispatchScan.objects.filter(dispatch=first).exists()
    second = Dispatch.objects.filter(sent_at__isnull=True).exclude(pk=first.pk).get()
    assert second.kind == DispatchKind.SUSPENSION and second.items.count() == 2


# Symbols: each issuing unit has its own code ----------------------------------------------


def test_two_districts_slips_have_distinct_symbols_at_the_telecom_authority(
    client, cast, make_case
):
    advance(make_case(cast.ward), State.AT_TELECOM)
    advance(make_case(cast.ward_q3, phone="0987 654 321"), State.AT_TELECOM)
    client.force_login(cast.telecom)
    page = client.get(reverse("telecom:dispatch_list")).content.decode()
    assert "1/PC-VHTTQ1" in page and "1/PC-VHTTQ3" in page


def test_a_unit_code_is_checked_and_never_shared_by_two_issuing_units(cast):
    office = cast.other_district.unit
    office.code = "VHTTQ1"
    with pytest.raises(ValidationError) as shared:
        office.full_clean()
    assert "đã được dùng cho Phòng Văn hóa và Thông tin Quận 1" in str(shared.value)
    office.code = "vhtt q3"
    with pytest.raises(ValidationError) as malformed:
        office.full_clean()
    assert "Ký hiệu chỉ gồm chữ in hoa" in str(malformed.value)
    office.code = "VHTT-Q3"
    office.full_clean()
    ward = Unit.objects.get(pk=cast.ward_b.unit_id)  # wards issue nothing: "UBND" is fine
    ward.full_clean()


# One click, one draft ----------------------------------------------------------------------

CLICKS = 4


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL row locks; SQLite serialises all writers",
)
@pytest.mark.django_db(transaction=True)
def test_four_simultaneous_posts_make_one_draft_holding_the_cases(cast, make_case):
    cases = [advance(make_case(cast.ward, phone=p), State.CONFIRMED) for p in PHONES[:2]]
    url = reverse("handler:dispatch_start", args=["send_to_telecom"])
    start = threading.Barrier(CLICKS)
    answers, errors = [], []

    def click():
        try:
            browser = Client()
            browser.force_login(cast.district)
            start.wait()
            answers.append(browser.post(url, {"hs": [c.pk for c in cases]}))
        except Exception as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(CLICKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    draft = Dispatch.objects.get()
    assert sorted(draft.items.values_list("case_id", flat=True)) == sorted(c.pk for c in cases)
    # Every click lands on the same transfer page.
    assert {a["Location"] for a in answers} == {reverse("handler:dispatch", args=[draft.pk])}


def test_the_administration_shows_the_scans_taken_off_a_slip(client, cast, three):
    client.force_login(cast.district)
    dispatch = _start(client, "send_to_telecom", three)
    _print(client, dispatch)
    _attach(client, dispatch)
    client.post(reverse("handler:dispatch_drop", args=[dispatch.pk, three[2].pk]))
    client.force_login(cast.admin)
    page = client.get(reverse("admin:cases_dispatch_change", args=[dispatch.pk]))
    assert page.status_code == 200
    assert f"Bỏ hồ sơ {three[2].number} khỏi phiếu chuyển" in page.content.decode()


def test_the_choice_page_of_another_districts_cases_shows_nothing(client, cast, make_case):
    foreign = advance(make_case(cast.ward_q3), State.AWAITING_SUBSCRIBER)
    client.force_login(cast.district)
    response = client.post(reverse("handler:process_choose"), {"hs": [foreign.pk]}, follow=True)
    page = response.content.decode()
    assert "Không có hồ sơ đã chọn nào đang chờ xử lý vi phạm." in page
    assert foreign.number not in page


def test_the_choice_page_reads_its_cases_from_the_address_too(client, cast, waiting):
    client.force_login(cast.district)
    url = reverse("handler:process_choose")
    page = client.get(url, {"hs": [waiting[0].pk, "²", "x"]}).content.decode()
    assert waiting[0].number in page and waiting[1].number not in page
    assert client.get(url, {"hs": "²"}).status_code == 302


def test_two_ward_offices_of_the_two_level_chain_issue_distinct_symbols(two_level):
    offices = [two_level.units["vhxh_saigon"], two_level.units["vhxh_banco"]]
    assert offices[0].code != offices[1].code
    for office in offices:
        office.full_clean()


def test_departments_of_two_provinces_may_share_a_code(cast):
    hanoi = Unit.objects.create(
        name="Ủy ban nhân dân Thành phố Hà Nội", short_name="UBND HN", code="UBND", kind="Thành phố"
    )
    other = Unit(
        name="Sở Khoa học và Công nghệ Hà Nội",
        short_name="Sở KH&CN HN",
        code=cast.telecom.unit.code,
        kind="Sở",
        parent=hanoi,
        role="telecom",
    )
    other.full_clean()
