"""Sở TTTT's screens from the outside: scoping, refusals, imports and query counts."""

import datetime
import re
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from raovat.cases.models import CarrierImport, Case, Subscriber
from raovat.cases.services.intake import sighting_record
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform
from raovat.jobs.models import Job, JobStatus
from raovat.jobs.worker import run_pending
from raovat.units.models import Role, Unit, User
from tests.conftest import assert_list_queries_constant, jpeg
from tests.dates import TODAY, days_ago, dmy
from tests.test_carrier_excel import answer, bulk_at_telecom, xlsx

pytestmark = pytest.mark.django_db

PHONES = [
    "0912 345 678",
    "0903 123 456",
    "0987 654 321",
    "0978 111 222",
    "0345 678 912",
    "0868 172 805",
]

LISTS = [
    ("telecom:dispatch_list", State.AT_TELECOM),
    ("telecom:suspension_list", State.SUSPENSION_REQUESTED),
    ("telecom:suspended_list", State.SUSPENDED),
]


def _text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize(("name", "state"), LISTS)
def test_list_pages_keep_a_constant_number_of_queries(client, cast, make_case, name, state):
    client.force_login(cast.telecom)
    url = reverse(name)
    # Each case comes on its own dispatch: one row per dispatch, or per case.
    marker = "data-dispatch=" if state == State.AT_TELECOM else "data-case="
    assert_list_queries_constant(
        client,
        url,
        PHONES,
        lambda index, phone: advance(
            make_case(cast.ward_b if index else cast.ward, phone=phone), state
        ),
        marker,
    )


def test_dispatch_page_keeps_a_constant_number_of_queries(client, cast):
    client.force_login(cast.telecom)
    small, _ = bulk_at_telecom(cast, 2)
    big, _ = bulk_at_telecom(cast, 60, start=2, dispatch_number=2)
    client.get(reverse("telecom:dispatch", args=[small.pk]))  # the chain's names, kept
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("telecom:dispatch", args=[small.pk]))
    with CaptureQueriesContext(connection) as many:
        page = _text(client.get(reverse("telecom:dispatch", args=[big.pk])))
    assert page.count("data-case=") == 50  # a page of the lists' size
    assert len(many) == len(one)


def test_a_big_dispatch_comes_in_pages_in_its_own_order(client, cast):
    big, cases = bulk_at_telecom(cast, 60)
    client.force_login(cast.telecom)
    url = reverse("telecom:dispatch", args=[big.pk])
    first = _text(client.get(url))
    assert "<strong>60</strong>/60 hồ sơ chờ" in first
    assert re.findall(r'<tr data-case="([^"]+)"', first) == [c.number for c in cases[:50]]
    assert "Trang 1/2 (hồ sơ 1–50)" in first and 'href="?trang=2"' in first
    second = _text(client.get(url + "?trang=2"))
    assert re.findall(r'<tr data-case="([^"]+)"', second) == [c.number for c in cases[50:]]
    assert "<td>51</td>" in second and "<td>60</td>" in second  # STT goes on
    assert "Trang 2/2 (hồ sơ 51–60)" in second and 'href="?trang=1"' in second
    # The identity form brings the officer back to the page they were on.
    assert f"?next={quote(url + '?trang=2', safe='/')}" in second
    # An address edited by hand gives a page, never an error.
    for bad in ("abc", "0", "-1", "999999999", "٣", "2" * 50):
        response = client.get(url, {"trang": bad})
        assert response.status_code == 200
        assert 'data-case="' in _text(response)
    assert "Trang 2/2" in _text(client.get(url, {"trang": "99"}))


def test_the_reminders_lead_to_the_telecom_screens(client, cast, make_case):
    advance(make_case(cast.ward), State.AT_TELECOM)
    client.force_login(cast.telecom)
    home = _text(client.get(reverse("home")))
    for name, _ in LISTS:
        assert f'href="{reverse(name)}"' in home


def test_dispatch_list_shows_waiting_and_total_with_links(client, cast):
    dispatch, cases = bulk_at_telecom(cast, 3)
    perform("return_to_handler", [cases[0]])  # one case is back at the district
    client.force_login(cast.telecom)
    page = _text(client.get(reverse("telecom:dispatch_list")))
    assert "1/PC-VHTTQ1" in page and "Phòng VHTT Quận 1" in page
    assert "<strong>2</strong> / 3" in page
    assert reverse("documents:dispatch", args=[dispatch.pk]) in page


@pytest.mark.parametrize("user", ["ward", "district", "culture"])
def test_other_roles_get_404_on_telecom_screens(client, cast, user):
    dispatch, cases = bulk_at_telecom(cast, 1)
    client.force_login(getattr(cast, user))
    urls = [reverse(n) for n, _ in LISTS] + [
        reverse("telecom:dispatch", args=[dispatch.pk]),
        reverse("telecom:identity", args=[cases[0].number]),
        reverse("telecom:import_identity"),
        reverse("telecom:import_suspension"),
        reverse("telecom:export_identity") + f"?phieu={dispatch.pk}",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url


def _other_province(cast):
    unit = Unit.objects.create(
        name="Sở Thông tin và Truyền thông Hà Nội",
        short_name="Sở TTTT Hà Nội",
        code="STTTT",
        kind="Sở",
        role=Role.TELECOM,
    )
    return User.objects.create(username="sotttt.hn", unit=unit)


def test_another_provinces_telecom_unit_sees_nothing(client, cast):
    dispatch, cases = bulk_at_telecom(cast, 1)
    client.force_login(_other_province(cast))
    assert "1/PC-VHTTQ1" not in _text(client.get(reverse("telecom:dispatch_list")))
    assert client.get(reverse("telecom:dispatch", args=[dispatch.pk])).status_code == 404
    assert client.get(reverse("telecom:identity", args=[cases[0].number])).status_code == 404
    response = client.post(
        reverse("telecom:return_to_handler"),
        {"hs": [cases[0].pk], "note": "Không phải của chúng tôi."},
        follow=True,
    )
    assert "không tồn tại hoặc không thuộc phạm vi của đơn vị bạn" in _text(response)
    assert cases[0].number not in _text(response)
    response = client.get(reverse("telecom:export_identity") + f"?phieu={dispatch.pk}", follow=True)
    assert "Không có hồ sơ nào đang chờ để xuất Excel" in _text(response)
    assert Case.objects.get(pk=cases[0].pk).state == State.AT_TELECOM


def test_a_dispatch_not_yet_sent_is_not_shown_to_the_telecom_unit(client, cast):
    dispatch, _ = bulk_at_telecom(cast, 1)
    dispatch.sent_at = None
    dispatch.save()
    client.force_login(cast.telecom)
    assert client.get(reverse("telecom:dispatch", args=[dispatch.pk])).status_code == 404


def test_identity_form_provides_the_identity(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AT_TELECOM)
    client.force_login(cast.telecom)
    url = reverse("telecom:identity", args=[case.number])
    page = _text(client.get(url))
    assert 'value="vinaphone" selected' in page  # prefilled with the carrier hint
    response = client.post(
        url,
        {
            "full_name": "Trần Thị Bích",
            "kind": "individual",
            "id_number": "079 190 001 234",
            "birth_date": "01/02/1991",
            "address": "5 Hai Bà Trưng",
            "carrier": "viettel",
        },
        follow=True,
    )
    assert "Đã cung cấp thông tin thuê bao cho 1 hồ sơ" in _text(response)
    case.refresh_from_db()
    assert case.state == State.TO_CONTACT
    assert (case.subscriber.id_number, case.subscriber.birth_date, case.subscriber.carrier) == (
        "079190001234",
        datetime.date(1991, 2, 1),
        "viettel",
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("full_name", "", "Trường này là bắt buộc."),
        ("birth_date", "1991-02-01", "Nhập ngày theo dạng dd/mm/yyyy."),
        ("id_number", "12345", "phải có 12 chữ số (CCCD) hoặc 9 chữ số (CMND)"),
    ],
)
def test_identity_form_refusals_change_nothing(client, cast, make_case, field, value, message):
    case = advance(make_case(cast.ward), State.AT_TELECOM)
    client.force_login(cast.telecom)
    data = {
        "full_name": "Trần Thị Bích",
        "kind": "individual",
        "address": "5 Hai Bà Trưng",
        "carrier": "viettel",
        field: value,
    }
    response = client.post(reverse("telecom:identity", args=[case.number]), data)
    assert response.status_code == 200
    assert message in _text(response)
    assert Case.objects.get(pk=case.pk).state == State.AT_TELECOM
    assert not Subscriber.objects.exists()


def test_returning_without_a_reason_changes_nothing(client, cast, make_case):
    case = advance(make_case(cast.ward), State.AT_TELECOM)
    client.force_login(cast.telecom)
    response = client.post(
        reverse("telecom:return_to_handler"), {"hs": [case.pk], "note": " "}, follow=True
    )
    assert "cần nhập ghi chú" in _text(response)
    assert Case.objects.get(pk=case.pk).state == State.AT_TELECOM


def test_export_of_selected_dispatches_is_a_zip(client, cast):
    dispatch, _ = bulk_at_telecom(cast, 4)
    client.force_login(cast.telecom)
    response = client.get(reverse("telecom:export_identity") + f"?phieu={dispatch.pk}")
    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "private, no-store"
    response = client.get(reverse("telecom:export_identity"), follow=True)
    assert "Chưa chọn phiếu chuyển nào" in _text(response)


def test_import_preview_then_apply(client, cast):
    _, cases = bulk_at_telecom(cast, 4)
    rows = [answer(c, i) for i, c in enumerate(cases)]
    rows[3][7] = "Doanh nghiệp tư nhân"
    client.force_login(cast.telecom)
    response = client.post(
        reverse("telecom:import_identity"), {"workbook": xlsx(rows)}, follow=True
    )
    page = _text(response)
    stored = CarrierImport.objects.get()
    assert response.redirect_chain[-1][0] == reverse("telecom:import_preview", args=[stored.token])
    assert "Cập nhật 3 hồ sơ" in page
    assert "Loại thuê bao “Doanh nghiệp tư nhân” không hợp lệ" in page
    assert Case.objects.filter(state=State.TO_CONTACT).count() == 0  # preview only
    response = client.post(reverse("telecom:import_apply", args=[stored.token]), follow=True)
    page = _text(response)
    assert response.redirect_chain[-1][0] == reverse("telecom:import_preview", args=[stored.token])
    assert "Cập nhật 3 hồ sơ từ tệp “tra-loi-viettel.xlsx”" in page  # the job's bar
    assert "Đang chờ" in page and "Cập nhật 3 hồ sơ</button>" not in response.content.decode()
    assert Case.objects.filter(state=State.TO_CONTACT).count() == 0  # queued, not applied
    status = reverse("telecom:import_status", args=[stored.token])
    assert client.get(status).status_code == 204
    assert run_pending() == 1
    assert client.get(status)["HX-Refresh"] == "true"
    page = _text(client.get(reverse("telecom:import_preview", args=[stored.token])))
    assert "Đã cập nhật 3 hồ sơ từ tệp “tra-loi-viettel.xlsx”" in page
    assert Case.objects.filter(state=State.TO_CONTACT).count() == 3
    event = (
        Case.objects.filter(state=State.TO_CONTACT).first().events.get(action="provide_identity")
    )
    assert event.actor == cast.telecom


def test_a_double_click_on_apply_queues_one_job(client, cast):
    _, cases = bulk_at_telecom(cast, 2)
    client.force_login(cast.telecom)
    client.post(
        reverse("telecom:import_identity"),
        {"workbook": xlsx([answer(c, i) for i, c in enumerate(cases)])},
    )
    stored = CarrierImport.objects.get()
    apply = reverse("telecom:import_apply", args=[stored.token])
    client.post(apply)
    response = client.post(apply, follow=True)
    assert "Tệp “tra-loi-viettel.xlsx” đang được cập nhật, hãy chờ kết quả" in _text(response)
    assert Job.objects.filter(kind="carrier_import_apply").count() == 1
    run_pending()
    response = client.post(apply, follow=True)
    assert "Tệp “tra-loi-viettel.xlsx” đã được cập nhật lúc" in _text(response)
    assert Job.objects.filter(kind="carrier_import_apply").count() == 1
    assert Case.objects.filter(state=State.TO_CONTACT).count() == 2


def test_a_case_moved_after_the_preview_refuses_the_whole_batch(client, cast):
    from raovat.cases.services.transitions import case_transition

    _, cases = bulk_at_telecom(cast, 3)
    client.force_login(cast.telecom)
    client.post(
        reverse("telecom:import_identity"),
        {"workbook": xlsx([answer(c, i) for i, c in enumerate(cases)])},
    )
    stored = CarrierImport.objects.get()
    client.post(reverse("telecom:import_apply", args=[stored.token]))
    case_transition(
        actor=cast.telecom,
        action="return_to_handler",
        cases=[cases[1]],
        note="Trả về trước khi cập nhật.",
    )
    run_pending()
    assert Job.objects.get().status == JobStatus.SUCCEEDED  # refused is an answer, not a crash
    page = _text(client.get(reverse("telecom:import_preview", args=[stored.token])))
    assert "Không cập nhật được, không hồ sơ nào thay đổi." in page
    assert f"Hồ sơ {cases[1].number}" in page
    assert "Cập nhật 3 hồ sơ" in page  # may be tried again
    assert Case.objects.filter(state=State.TO_CONTACT).count() == 0
    assert not Subscriber.objects.exists()
    stored.refresh_from_db()
    assert stored.applied_at is None


def test_a_bad_file_shows_the_reason_and_stores_nothing(client, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bulk_at_telecom(cast, 1)
    client.force_login(cast.telecom)
    bad = SimpleUploadedFile("tra-loi.xlsx", b"%PDF-1.4 not a workbook")
    response = client.post(reverse("telecom:import_identity"), {"workbook": bad})
    assert response.status_code == 200
    assert "không phải tệp Excel (.xlsx)" in _text(response)
    assert not CarrierImport.objects.exists()


def test_another_unit_cannot_see_or_apply_a_preview(client, cast):
    _, cases = bulk_at_telecom(cast, 1)
    client.force_login(cast.telecom)
    client.post(reverse("telecom:import_identity"), {"workbook": xlsx([answer(cases[0])])})
    stored = CarrierImport.objects.get()
    client.force_login(_other_province(cast))
    assert client.get(reverse("telecom:import_preview", args=[stored.token])).status_code == 404
    assert client.post(reverse("telecom:import_apply", args=[stored.token])).status_code == 404
    assert client.get(reverse("telecom:import_status", args=[stored.token])).status_code == 404
    assert not Job.objects.exists()
    assert Case.objects.get(pk=cases[0].pk).state == State.AT_TELECOM


def test_suspend_and_restore(client, cast, make_case):
    case = advance(make_case(cast.ward), State.SUSPENSION_REQUESTED)
    client.force_login(cast.telecom)
    page = _text(client.get(reverse("telecom:suspension_list")))
    assert case.number in page and "Số 1/VHTT" in page
    response = client.post(
        reverse("telecom:suspend"),
        {
            "hs": [case.pk],
            "suspended_on": f"{timezone.localdate():%d/%m/%Y}",
            "carrier_reference": "VNP-2026-118",
        },
        follow=True,
    )
    assert "Đã ghi nhận ngưng cung cấp dịch vụ 1 hồ sơ" in _text(response)
    case.refresh_from_db()
    assert case.state == State.SUSPENDED
    assert "VNP-2026-118" in _text(client.get(reverse("telecom:suspended_list")))
    response = client.post(reverse("telecom:restore"), {"hs": [case.pk], "note": ""}, follow=True)
    assert "cần nhập ghi chú" in _text(response)
    # No payment recorded by the handling unit: its letter must be named.
    response = client.post(
        reverse("telecom:restore"), {"hs": [case.pk], "note": "Đã nộp phạt."}, follow=True
    )
    assert "chưa ghi nhận nộp phạt" in _text(response)
    case.refresh_from_db()
    assert case.state == State.SUSPENDED
    client.post(
        reverse("telecom:restore"),
        {"hs": [case.pk], "note": "Đã nộp phạt.", "handler_decision": "Công văn số 15/VHTT"},
    )
    case.refresh_from_db()
    assert case.state == State.CLOSED
    assert case.suspensions.get().restore_note == (
        "Đã nộp phạt. (Văn bản của đơn vị xử lý: Công văn số 15/VHTT)"
    )


def test_suspend_without_a_reference_changes_nothing(client, cast, make_case):
    case = advance(make_case(cast.ward), State.SUSPENSION_REQUESTED)
    client.force_login(cast.telecom)
    response = client.post(
        reverse("telecom:suspend"),
        {"hs": [case.pk], "suspended_on": dmy(TODAY), "carrier_reference": ""},
        follow=True,
    )
    assert "Số tham chiếu của nhà mạng" in _text(response)
    assert Case.objects.get(pk=case.pk).state == State.SUSPENSION_REQUESTED


def test_search_works_for_the_telecom_unit(client, cast, make_case):
    mine = advance(make_case(cast.ward, phone=PHONES[0]), State.AT_TELECOM)
    not_yet = advance(make_case(cast.ward, phone=PHONES[1]), State.CONFIRMED)
    client.force_login(cast.telecom)
    page = _text(client.get(reverse("search")))
    assert mine.number in page and not_yet.number not in page
    assert client.get(reverse("case_detail", args=[mine.number])).status_code == 200
    assert client.get(reverse("case_detail", args=[not_yet.number])).status_code == 404


def test_the_two_level_chain_names_the_telecom_unit_from_data(client, two_level):
    case = sighting_record(
        actor=two_level.user("phuong.saigon"),
        phone="0909 876 543",
        found_on=days_ago(30),
        place="Trụ điện số 14 đường Hai Bà Trưng",
        ad_type="leaflet",
        ad_text="Thông cống nghẹt",
        photos=[jpeg()],
    ).sighting.case
    advance(case, State.AT_TELECOM)
    client.force_login(two_level.user("sokhcn"))
    page = _text(client.get(reverse("telecom:dispatch_list")))
    assert "Sở KH&amp;CN" in page and "Phòng VH-XH Phường Sài Gòn" in page
    dispatch = case.dispatches.get()
    page = _text(client.get(reverse("telecom:dispatch", args=[dispatch.pk])))
    assert "Trả hồ sơ về Phòng VH-XH Phường Sài Gòn" in page


def test_a_suspension_dated_before_its_request_changes_nothing(client, cast, make_case):
    case = advance(make_case(cast.ward), State.SUSPENSION_REQUESTED)
    requested = timezone.localdate(case.state_since)
    client.force_login(cast.telecom)
    day_before = requested - datetime.timedelta(days=1)
    response = client.post(
        reverse("telecom:suspend"),
        {
            "hs": [case.pk],
            "suspended_on": f"{day_before:%d/%m/%Y}",
            "carrier_reference": "VNP-2026-118",
        },
        follow=True,
    )
    assert (
        f"ngày ngưng cung cấp dịch vụ {day_before:%d/%m/%Y} trước ngày nhận yêu cầu "
        f"ngưng {requested:%d/%m/%Y}"
    ) in _text(response)
    case.refresh_from_db()
    assert case.state == State.SUSPENSION_REQUESTED and not case.suspensions.exists()
