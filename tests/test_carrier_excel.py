"""The Excel round trip with the carriers: export, read, check every row, apply as a batch."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from raovat.cases.models import CarrierImport, Case, CaseUnit, Dispatch, DispatchItem
from raovat.cases.phones import parse
from raovat.cases.services import carrier_excel as cx
from raovat.cases.services.errors import WorkflowError
from raovat.cases.tallies import apply, registered
from raovat.cases.workflow import DispatchKind, State
from raovat.demo.scenario import advance
from raovat.jobs.models import JobStatus
from raovat.jobs.worker import run_pending
from raovat.units.models import Role

pytestmark = pytest.mark.django_db

# Prefixes of several carriers, so that an export splits into several workbooks.
PREFIXES = ["091", "098", "090", "092", "096", "093", "035", "088"]


def phones(count: int, start: int = 0) -> list[str]:
    return [f"{PREFIXES[i % len(PREFIXES)]}{2000000 + i:07d}" for i in range(start, start + count)]


def bulk_at_telecom(
    cast, count: int, *, start: int = 0, dispatch_number: int = 1, state=State.AT_TELECOM
):
    """Test set-up, not the feature: `count` cases sitting at Sở TTTT on one sent dispatch.

    Walking hundreds of cases through the real services is too slow for a test; the rows
    are written as those services would leave them (case, participants, dispatch, items).
    """
    ward, district, telecom = cast.ward.unit, cast.district.unit, cast.telecom.unit
    culture = cast.culture.unit
    now = timezone.now()
    cases = []
    for i, raw in enumerate(phones(count, start)):
        phone = parse(raw)
        cases.append(
            Case(
                number=f"HS-2026-{900000 + start + i:06d}",
                phone_e164=phone.e164,
                phone_national=phone.national,
                phone_written=raw,
                carrier_hint=phone.carrier,
                state=state,
                state_since=now,
                current_unit=telecom,
                reporting_unit=ward,
                handling_unit=district,
                telecom_unit=telecom,
                culture_unit=culture,
                first_found_on=datetime.date(2026, 11, 2),
                received_at=now,
                created_by=cast.ward,
            )
        )
    cases = Case.objects.bulk_create(cases)
    CaseUnit.objects.bulk_create(
        [
            CaseUnit(case=c, unit=u, role=r)
            for c in cases
            for u, r in ((ward, Role.REPORTER), (district, Role.HANDLER), (telecom, Role.TELECOM))
        ]
    )
    kind = DispatchKind.SUBSCRIBER_INFO if state == State.AT_TELECOM else DispatchKind.SUSPENSION
    dispatch = Dispatch.objects.create(
        kind=kind,
        from_unit=district,
        to_unit=telecom,
        from_unit_name=district.name,
        to_unit_name=telecom.name,
        year=2026,
        number=dispatch_number,
        number_label=f"{dispatch_number}/PC-VHTTQ1",
        created_by=cast.district,
        sent_by=cast.district,
        sent_at=now,
    )
    DispatchItem.objects.bulk_create(
        [DispatchItem(dispatch=dispatch, case=c, position=i) for i, c in enumerate(cases)]
    )
    # The kept tallies new cases add to (what `restating` writes around the services).
    for tally in registered():
        apply(tally, tally.contributions([c.pk for c in cases]))
    return dispatch, cases


HEADERS = [
    "STT",
    "Số thuê bao",
    "Số hồ sơ",
    "Họ và tên",
    "Số CCCD/định danh",
    "Ngày sinh",
    "Địa chỉ",
    "Loại thuê bao",
]


def answer(case: Case, i: int = 0) -> list:
    """A carrier's filled-in row for a case, the number written another way."""
    return [
        i + 1,
        case.phone_national,
        case.number,
        f"Nguyễn Văn Thử {i}",
        f"0790900{i:05d}",
        datetime.datetime(1990, 5, 17),
        f"{i} Lê Lợi, phường Bến Thành",
        "Cá nhân",
    ]


def xlsx(rows, headers=HEADERS, name="tra-loi-viettel.xlsx", title="Viettel") -> SimpleUploadedFile:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    if headers:
        ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type=cx.XLSX)


def read(cast, upload, profile=cx.IDENTITY) -> CarrierImport:
    return cx.carrier_import_read(actor=cast.telecom, profile=profile, upload=upload)


def by_status(stored: CarrierImport) -> dict[str, list[dict]]:
    found = {cx.MATCHED: [], cx.UNMATCHED: [], cx.INVALID: []}
    for row in stored.rows:
        found[row["status"]].append(row)
    return found


# -- export ------------------------------------------------------------------------------


def test_export_gives_one_workbook_per_carrier_with_numbers_as_text(cast):
    _, cases = bulk_at_telecom(cast, 16)
    name, content = cx.carrier_export(profile=cx.IDENTITY, cases=cases)
    assert name.endswith(".zip")
    archive = zipfile.ZipFile(io.BytesIO(content))
    names = archive.namelist()
    assert len(names) == len({c.carrier_hint for c in cases}) > 1
    rows = 0
    for member in names:
        ws = openpyxl.load_workbook(io.BytesIO(archive.read(member))).active
        assert [c.value for c in ws[1]] == HEADERS
        assert ws.freeze_panes == "A2"
        assert ws.column_dimensions["G"].width >= 40
        for row in ws.iter_rows(min_row=2):
            phone_cell = row[1]
            assert phone_cell.value.startswith("0") and len(phone_cell.value) == 10
            assert phone_cell.number_format == "@"
            assert all(c.value is None for c in row[3:])
            rows += 1
        carrier = {
            Case.objects.get(number=r[2].value).carrier_hint for r in ws.iter_rows(min_row=2)
        }
        assert len(carrier) == 1  # a carrier never sees another carrier's numbers
    assert rows == 16


def test_exported_workbook_filled_in_by_the_carrier_reads_back(cast):
    _, cases = bulk_at_telecom(cast, 3)
    _, content = cx.carrier_export(profile=cx.IDENTITY, cases=cases)
    archive = zipfile.ZipFile(io.BytesIO(content))
    matched = 0
    for member in archive.namelist():
        wb = openpyxl.load_workbook(io.BytesIO(archive.read(member)))
        ws = wb.active
        for row in ws.iter_rows(min_row=2):
            row[3].value, row[6].value = "Trần Thị Bích", "5 Hai Bà Trưng"
            row[4].value, row[5].value, row[7].value = "079190001234", "01/02/1991", "Tổ chức"
        out = io.BytesIO()
        wb.save(out)
        stored = read(cast, SimpleUploadedFile(member, out.getvalue()))
        matched += len(by_status(stored)[cx.MATCHED])
    assert matched == 3


# -- reading and checking rows ---------------------------------------------------------------


def test_rows_are_matched_unmatched_or_invalid_with_their_reason(cast, make_case):
    _, cases = bulk_at_telecom(cast, 8, dispatch_number=90)
    elsewhere = advance(make_case(cast.ward, phone="0868 172 805"), State.TO_CONTACT)
    # Not sent to Sở TTTT yet: it may not learn that the case exists, nor its state.
    unsent = advance(make_case(cast.ward, phone="0868 172 806"), State.CONFIRMED)
    rows = [answer(c, i) for i, c in enumerate(cases[:3])]
    rows[1][1] = "+84 " + cases[1].phone_national[1:]  # another notation, still matched
    rows[2][1] = cases[2].phone_national[:4] + "." + cases[2].phone_national[4:]
    rows += [
        [4, "0977 000 111", "", "Lê A", "", "", "1 Lý Tự Trọng", ""],  # no case
        [5, elsewhere.phone_national, "", "Lê B", "", "", "2 Lý Tự Trọng", ""],  # not waiting
        [6, "12345", "", "Lê C", "", "", "3 Lý Tự Trọng", ""],  # bad number
        [7, cases[3].phone_national, "", "", "", "", "4 Lý Tự Trọng", ""],  # no name
        [8, cases[4].phone_national, "", "Lê D", "", "31/02/1990", "5 Lý Tự Trọng", ""],
        [9, cases[5].phone_national, "", "Lê E", "", "", "6 Lý Tự Trọng", "Hộ gia đình"],
        [10, cases[6].phone_national, "", "Lê F", "", "", "7 Lý Tự Trọng", ""],
        [11, cases[6].phone_national, "", "Lê G", "", "", "8 Lý Tự Trọng", ""],
        [12, cases[7].phone_national, "", "Lê H", "79090001234", "", "9 Lý Tự Trọng", ""],
        [13, unsent.phone_national, "", "Lê I", "", "", "10 Lý Tự Trọng", ""],
    ]
    stored = read(cast, xlsx(rows))
    found = by_status(stored)
    reasons = {r["ref"]: r["reason"] for r in stored.rows}
    assert [r["case_number"] for r in found[cx.MATCHED]] == [
        cases[0].number,
        cases[1].number,
        cases[2].number,
        cases[7].number,
    ]
    assert "không có hồ sơ đang mở nào của Sở TTTT" in reasons["dòng 5"]
    assert f"hồ sơ {elsewhere.number} không chờ cung cấp thông tin thuê bao" in reasons["dòng 6"]
    assert "Chờ liên hệ chủ thuê bao" in reasons["dòng 6"]
    assert "không có hồ sơ đang mở nào của Sở TTTT" in reasons["dòng 14"]
    assert unsent.number not in reasons["dòng 14"]
    assert reasons["dòng 7"].startswith("số thuê bao “12345” không hợp lệ")
    assert reasons["dòng 8"] == "thiếu họ và tên"
    assert reasons["dòng 9"] == "ngày sinh “31/02/1990” không đúng dạng dd/mm/yyyy"
    assert "loại thuê bao “Hộ gia đình” không hợp lệ" in reasons["dòng 10"]
    assert "có ở nhiều dòng (dòng 11, dòng 12)" in reasons["dòng 11"] == reasons["dòng 12"]
    assert {r["ref"] for r in found[cx.UNMATCHED]} == {"dòng 5", "dòng 6", "dòng 14"}
    # Excel dropped the leading zero of a CCCD typed as a number; it comes back.
    assert found[cx.MATCHED][3]["data"]["id_number"] == "079090001234"
    assert found[cx.MATCHED][0]["data"]["birth_date"] == "1990-05-17"
    # Reading changes no case.
    assert set(
        Case.objects.filter(pk__in=[c.pk for c in cases]).values_list("state", flat=True)
    ) == {State.AT_TELECOM}


def test_another_telecom_units_case_is_not_found(cast, chain):
    from raovat.units.models import Unit, User

    _, cases = bulk_at_telecom(cast, 1)
    other = Unit.objects.create(
        name="Sở Thông tin và Truyền thông Hà Nội",
        short_name="Sở TTTT Hà Nội",
        code="STTTT",
        kind="Sở",
        role=Role.TELECOM,
    )
    hanoi = User.objects.create(username="sotttt.hn", unit=other)
    stored = cx.carrier_import_read(
        actor=hanoi, profile=cx.IDENTITY, upload=xlsx([answer(cases[0])])
    )
    (row,) = stored.rows
    assert row["status"] == cx.UNMATCHED and row["case_number"] == ""
    assert "không có hồ sơ đang mở nào của Sở TTTT Hà Nội" in row["reason"]


def test_headers_are_found_without_accents_in_any_order_below_a_title(cast):
    _, cases = bulk_at_telecom(cast, 1)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH THUÊ BAO – VIETTEL HỒ CHÍ MINH"])
    ws.append([])
    ws.append(["dia chi", "HO TEN", "So dien thoai", "Ngày sinh (dd/mm/yyyy)", "CCCD"])
    ws.append(["1 Lê Lợi", "Phạm Văn Bình", int(cases[0].phone_national), "17/5/1990", 79090001234])
    out = io.BytesIO()
    wb.save(out)
    stored = read(cast, SimpleUploadedFile("viettel.xlsx", out.getvalue()))
    (row,) = stored.rows
    assert row["status"] == cx.MATCHED, row["reason"]
    assert row["ref"] == "dòng 4"
    assert row["data"] == {
        "full_name": "Phạm Văn Bình",
        "id_number": "079090001234",
        "address": "1 Lê Lợi",
        "kind": "individual",
        "birth_date": "1990-05-17",
        "carrier": cases[0].carrier_hint,
    }


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: xlsx([["0912345678", "A"]], headers=["Số thuê bao", "Họ và tên"]),
            "Tệp: thiếu cột Địa chỉ",
        ),
        (
            lambda: xlsx([["x", "y"]], headers=["Tên", "Ghi chú"]),
            "không tìm thấy dòng tiêu đề có cột “Số thuê bao”",
        ),
        (lambda: xlsx([], headers=None), "không có dòng dữ liệu nào"),
        (lambda: xlsx([], headers=HEADERS), "không có dòng dữ liệu nào"),
        (
            lambda: SimpleUploadedFile("anh.xlsx", b"\x89PNG\r\n not a workbook"),
            "không phải tệp Excel (.xlsx)",
        ),
        (lambda: SimpleUploadedFile("cu.xls", b"\xd0\xcf\x11\xe0"), "Excel 97–2003 (.xls)"),
    ],
)
def test_a_bad_file_is_refused_with_a_message_and_nothing_is_stored(cast, upload, message):
    bulk_at_telecom(cast, 1)
    with pytest.raises(cx.CarrierFileError) as refused:
        read(cast, upload())
    assert message in str(refused.value)
    assert not CarrierImport.objects.exists()


# -- applying --------------------------------------------------------------------------------


def test_apply_writes_every_matched_row_in_one_batch_from_the_stored_preview(cast):
    _, cases = bulk_at_telecom(cast, 5)
    rows = [answer(c, i) for i, c in enumerate(cases)]
    rows[4][3] = ""  # refused: the other four still go through
    stored = read(cast, xlsx(rows))
    applied = cx.carrier_import_apply(actor=cast.telecom, token=stored.token)
    assert applied.applied_count == 4
    states = dict(Case.objects.filter(pk__in=[c.pk for c in cases]).values_list("number", "state"))
    assert [states[c.number] for c in cases] == [State.TO_CONTACT] * 4 + [State.AT_TELECOM]
    case = Case.objects.get(pk=cases[0].pk)
    assert case.subscriber.full_name == "Nguyễn Văn Thử 0"
    assert case.subscriber.birth_date == datetime.date(1990, 5, 17)
    event = case.events.get(action="provide_identity")
    assert event.actor == cast.telecom and "tra-loi-viettel.xlsx" in event.note
    assert all(r["data"] == {} for r in applied.rows)  # no second copy of identities
    with pytest.raises(WorkflowError, match="đã được cập nhật lúc"):
        cx.carrier_import_apply(actor=cast.telecom, token=stored.token)


def test_apply_is_all_or_nothing_when_a_case_moved_after_the_preview(cast):
    from raovat.cases.services.transitions import case_transition

    _, cases = bulk_at_telecom(cast, 3)
    stored = read(cast, xlsx([answer(c, i) for i, c in enumerate(cases)]))
    case_transition(
        actor=cast.telecom,
        action="return_to_handler",
        cases=[cases[1]],
        note="Trả về trước khi cập nhật.",
    )
    with pytest.raises(WorkflowError) as refused:
        cx.carrier_import_apply(actor=cast.telecom, token=stored.token)
    assert f"Hồ sơ {cases[1].number}" in str(refused.value)
    assert Case.objects.filter(state=State.TO_CONTACT).count() == 0
    stored.refresh_from_db()
    assert stored.applied_at is None


def test_the_worker_applies_the_preview_as_the_officer_who_clicked(cast):
    _, cases = bulk_at_telecom(cast, 3)
    stored = read(cast, xlsx([answer(c, i) for i, c in enumerate(cases)]))
    queued = cx.carrier_import_enqueue(actor=cast.telecom, token=stored.token)
    job = queued.apply_job
    assert (job.kind, job.total, job.created_by, job.payload) == (
        cx.APPLY_KIND,
        3,
        cast.telecom,
        {"import_id": stored.pk, "actor_id": cast.telecom.pk},
    )
    with pytest.raises(WorkflowError, match="đang được cập nhật"):
        cx.carrier_import_enqueue(actor=cast.telecom, token=stored.token)
    assert Case.objects.filter(state=State.TO_CONTACT).count() == 0
    assert run_pending() == 1
    job.refresh_from_db()
    stored.refresh_from_db()
    assert (job.status, job.done) == (JobStatus.SUCCEEDED, 3)
    assert (stored.applied_count, stored.refused_reason) == (3, "")
    events = [Case.objects.get(pk=c.pk).events.get(action="provide_identity") for c in cases]
    assert {e.actor for e in events} == {cast.telecom}
    with pytest.raises(WorkflowError, match="đã được cập nhật lúc"):
        cx.carrier_import_enqueue(actor=cast.telecom, token=stored.token)


def test_the_worker_records_a_refused_batch_and_changes_nothing(cast):
    from raovat.cases.services.transitions import case_transition

    _, cases = bulk_at_telecom(cast, 3)
    stored = read(cast, xlsx([answer(c, i) for i, c in enumerate(cases)]))
    cx.carrier_import_enqueue(actor=cast.telecom, token=stored.token)
    case_transition(
        actor=cast.telecom,
        action="return_to_handler",
        cases=[cases[2]],
        note="Trả về trước khi cập nhật.",
    )
    run_pending()
    stored.refresh_from_db()
    assert stored.applied_at is None
    assert f"Hồ sơ {cases[2].number}" in stored.refused_reason
    assert Case.objects.filter(state=State.TO_CONTACT).count() == 0
    # Refused is not "in progress": the officer may try again.
    again = cx.carrier_import_enqueue(actor=cast.telecom, token=stored.token)
    assert again.refused_reason == "" and again.applying


def test_another_unit_cannot_apply_a_preview(cast):
    _, cases = bulk_at_telecom(cast, 1)
    stored = read(cast, xlsx([answer(cases[0])]))
    with pytest.raises(WorkflowError, match="Không tìm thấy bản xem trước"):
        cx.carrier_import_apply(actor=cast.district, token=stored.token)
    with pytest.raises(WorkflowError, match="Không tìm thấy bản xem trước"):
        cx.carrier_import_enqueue(actor=cast.district, token=stored.token)
    assert Case.objects.get(pk=cases[0].pk).state == State.AT_TELECOM


def test_suspension_profile_reads_dates_and_references(cast):
    _, cases = bulk_at_telecom(cast, 3, state=State.SUSPENSION_REQUESTED)
    headers = ["Số thuê bao", "Ngày ngưng", "Số tham chiếu"]
    future = (timezone.localdate() + datetime.timedelta(days=3)).strftime("%d/%m/%Y")
    today = datetime.datetime.combine(timezone.localdate(), datetime.time())
    rows = [
        [cases[0].phone_national, today, "VTT-001"],
        [cases[1].phone_national, "21/11/2026", ""],
        [cases[2].phone_national, future, "VTT-003"],
    ]
    stored = read(cast, xlsx(rows, headers=headers), cx.SUSPENSION)
    reasons = [r["reason"] for r in stored.rows]
    assert reasons[0] == ""
    assert reasons[1] == "thiếu số tham chiếu của nhà mạng"
    assert "ở tương lai" in reasons[2]
    cx.carrier_import_apply(actor=cast.telecom, token=stored.token)
    case = Case.objects.get(pk=cases[0].pk)
    assert case.state == State.SUSPENDED
    assert case.suspensions.get().carrier_reference == "VTT-001"


def test_a_suspension_dated_before_its_request_is_refused_in_the_preview(cast):
    _, cases = bulk_at_telecom(cast, 2, state=State.SUSPENSION_REQUESTED)
    requested = timezone.localdate(cases[0].state_since)
    before = datetime.datetime.combine(requested - datetime.timedelta(days=1), datetime.time())
    today = datetime.datetime.combine(timezone.localdate(), datetime.time())
    stored = read(
        cast,
        xlsx(
            [
                [cases[0].phone_national, before, "VTT-001"],
                [cases[1].phone_national, today, "VTT-002"],
            ],
            headers=["Số thuê bao", "Ngày ngưng", "Số tham chiếu"],
        ),
        cx.SUSPENSION,
    )
    reasons = [r["reason"] for r in stored.rows]
    assert reasons[0] == (
        f"ngày ngưng {before:%d/%m/%Y} trước ngày nhận yêu cầu ngưng {requested:%d/%m/%Y}"
    )
    assert reasons[1] == ""
    cx.carrier_import_apply(actor=cast.telecom, token=stored.token)
    states = [Case.objects.get(pk=c.pk).state for c in cases]
    assert states == [State.SUSPENSION_REQUESTED, State.SUSPENDED]


def test_a_notes_sheet_beside_the_data_is_skipped(cast):
    _, cases = bulk_at_telecom(cast, 1)
    wb = openpyxl.Workbook()
    wb.active.title = "Ghi chú"
    wb.active.append(["Tệp trả lời của Viettel, đợt tháng 11."])
    data = wb.create_sheet("Viettel")
    data.append(HEADERS)
    data.append(answer(cases[0]))
    out = io.BytesIO()
    wb.save(out)
    stored = read(cast, SimpleUploadedFile("viettel.xlsx", out.getvalue()))
    (row,) = stored.rows
    assert (row["status"], row["ref"]) == (cx.MATCHED, "Viettel – dòng 2")


def test_the_package_guide_names_only_what_its_modules_define():
    import importlib
    import re

    from raovat.cases.services import carrier_excel

    guide = carrier_excel.__doc__.split("Where each part lives:")[1]
    named = 0
    for part, text in re.findall(r"^- `(\w+)`: (.*?)(?=^- |\Z)", guide, re.M | re.S):
        module = importlib.import_module(f"{carrier_excel.__name__}.{part}")
        for name in re.findall(r"`(\w+)`", text):
            assert hasattr(module, name), f"{part} does not define {name}"
            named += 1
    assert named >= 10  # the guide was read, not skipped
