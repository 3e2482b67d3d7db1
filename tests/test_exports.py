"""Excel exports: data never becomes a formula, the sheet is ready to filter and print,
rows come in the on-screen order, and a big search export is written by the worker."""

import datetime
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse

from raovat.audit.models import Page, PersonalDataAccess
from raovat.cases.models import Case
from raovat.cases.services import search_export as exports
from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from raovat.jobs.models import Job, JobStatus
from raovat.jobs.worker import run_pending
from raovat.xlsx import Column, Sheet, workbook_write
from tests.dates import days_ago

pytestmark = pytest.mark.django_db

LINK = '=HYPERLINK("http://x","Bấm vào đây")'
NAME_COL, ADDRESS_COL = 10, 11  # "Chủ thuê bao", "Địa chỉ chủ thuê bao" (0-based)


def _sheet(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).active


def _no_formula_in(content: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return all(
            b"<f>" not in archive.read(n) and b"<f " not in archive.read(n)
            for n in archive.namelist()
            if n.startswith("xl/worksheets/")
        )


def _carrier_workbook(case, full_name: str) -> io.BytesIO:
    # What a carrier sends back: a text cell holding "=2+3" (typed as '=2+3 in Excel).
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Số thuê bao", "Số hồ sơ", "Họ và tên", "Địa chỉ", "Loại thuê bao"])
    ws.append([1, case.phone_national, case.number, None, "-12 Lê Lợi", "Cá nhân"])
    ws["D2"].value = full_name
    ws["D2"].data_type = "s"
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "tra-loi-viettel.xlsx"
    return out


def test_names_typed_or_imported_as_formulas_come_out_of_the_search_export_as_text(
    client, cast, make_case
):
    typed = advance(make_case(cast.ward, "0912 345 678"), State.AT_TELECOM)
    imported = advance(make_case(cast.ward, "0987 654 321"), State.AT_TELECOM)
    client.force_login(cast.telecom)
    response = client.post(
        reverse("telecom:identity", args=[typed.number]),
        {
            "full_name": LINK,
            "kind": "individual",
            "address": "@SUM(A1:A9)",
            "carrier": typed.carrier_hint,
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("telecom:import_identity"), {"workbook": _carrier_workbook(imported, "=2+3")}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    token = response.url.rstrip("/").split("/")[-1]
    client.post(reverse("telecom:import_apply", args=[token]))
    run_pending()
    assert Case.objects.get(pk=imported.pk).subscriber.full_name == "=2+3"

    client.force_login(cast.district)
    response = client.get(reverse("search_export"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    ws = _sheet(response.content)
    rows = {r[1].value: r for r in ws.iter_rows(min_row=2)}
    for number, name, address in (
        (typed.number, LINK, "@SUM(A1:A9)"),
        (imported.number, "=2+3", "-12 Lê Lợi"),
    ):
        for cell, value in ((rows[number][NAME_COL], name), (rows[number][ADDRESS_COL], address)):
            assert (cell.value, cell.data_type) == (value, "s")
            assert cell.quotePrefix  # stays text even when the cell is edited in Excel
    assert _no_formula_in(response.content)


def test_the_search_export_is_ready_to_filter_and_print_in_the_on_screen_order(
    client, cast, make_case
):
    found = {
        "0912 345 678": days_ago(29),
        "0987 654 321": days_ago(31),
        "0903 111 222": days_ago(30),
    }
    for phone, day in found.items():
        make_case(cast.ward, phone, found_on=day)
    client.force_login(cast.ward)

    ws = _sheet(client.get(reverse("search_export") + "?sap_xep=ngay-phat-hien&chieu=tang").content)

    days = [r[6].value.date() for r in ws.iter_rows(min_row=2)]
    assert days == sorted(found.values())
    assert ws["G2"].number_format == "DD/MM/YYYY"
    assert (ws.freeze_panes, ws.auto_filter.ref, ws.print_title_rows) == ("A2", "A1:J4", "$1:$1")
    assert (ws.page_setup.orientation, ws.page_setup.paperSize) == ("landscape", 9)
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws["A1"].font.b and ws.column_dimensions["B"].width >= 15
    descending = _sheet(client.get(reverse("search_export") + "?sap_xep=ngay-phat-hien").content)
    assert [r[6].value.date() for r in descending.iter_rows(min_row=2)] == days[::-1]


def test_the_search_export_holds_only_the_cases_the_unit_may_see(client, cast, make_case):
    mine = make_case(cast.ward, "0912 345 678")
    other = make_case(cast.ward_q3, "0987 654 321")
    client.force_login(cast.other_district)
    advance(other, State.AWAITING_CONFIRMATION)
    advance(mine, State.AWAITING_CONFIRMATION)
    numbers = [
        r[1].value
        for r in _sheet(client.get(reverse("search_export")).content).iter_rows(min_row=2)
    ]
    assert numbers == [other.number]


@pytest.fixture
def big(monkeypatch, cast, make_case):
    """A result "too big for the request": the threshold is lowered, not the data raised."""
    monkeypatch.setattr(exports, "INLINE_ROWS", 2)
    cases = [
        advance(make_case(cast.ward, phone), State.TO_CONTACT)
        for phone in ("0912 345 678", "0987 654 321", "0903 111 222")
    ]
    return cases


def test_a_big_search_export_is_written_by_the_worker_with_progress(client, cast, big):
    client.force_login(cast.district)
    response = client.get(reverse("search_export"))
    job = Job.objects.get(kind=exports.EXPORT_KIND)
    assert response.status_code == 302
    assert response.url == reverse("search_export_job", args=[job.pk])
    assert (job.created_by, job.total, job.status) == (cast.district, 3, JobStatus.QUEUED)
    # A second click while it waits finds the same job.
    assert client.get(reverse("search_export")).url == response.url
    page = client.get(response.url).content.decode()
    assert "Xuất Excel kết quả tra cứu" in page and 'hx-get="/viec-nen/' in page
    assert reverse("job_result", args=[job.pk]) not in page
    assert not PersonalDataAccess.objects.exists()

    run_pending()

    job.refresh_from_db()
    assert (job.status, job.done) == (JobStatus.SUCCEEDED, 3)
    progress = client.get(reverse("job_progress", args=[job.pk])).content.decode()
    download = reverse("job_result", args=[job.pk])
    assert download in progress and "hx-get" not in progress
    response = client.get(download)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    ws = _sheet(b"".join(response.streaming_content))
    assert sorted(r[1].value for r in ws.iter_rows(min_row=2)) == sorted(c.number for c in big)
    logged = PersonalDataAccess.objects.filter(page=Page.SEARCH_EXPORT, user=cast.district)
    assert sorted(logged.values_list("case_id", flat=True)) == sorted(c.pk for c in big)


def test_the_file_of_a_big_export_is_for_the_officer_who_asked_only(client, cast, big):
    client.force_login(cast.district)
    url = client.get(reverse("search_export")).url
    job = Job.objects.get(kind=exports.EXPORT_KIND)
    run_pending()
    colleague = type(cast.district).objects.create_user(
        username="vhtt.quan1.b", password="x", unit=cast.district.unit, full_name="Lê Văn B"
    )
    for user in (colleague, cast.other_district, cast.telecom):
        client.force_login(user)
        assert client.get(reverse("job_result", args=[job.pk])).status_code == 404
        assert client.get(url).status_code == 404


def test_an_export_file_is_removed_after_a_day(client, cast, big):
    client.force_login(cast.district)
    client.get(reverse("search_export"))
    run_pending()
    job = Job.objects.get(kind=exports.EXPORT_KIND)
    path = Path(job.result.path)
    Job.objects.filter(pk=job.pk).update(finished_at=job.finished_at - datetime.timedelta(hours=25))
    assert client.get(reverse("job_result", args=[job.pk])).status_code == 404

    client.get(reverse("search_export"))  # the next big export cleans up
    run_pending()

    job.refresh_from_db()
    assert not job.result
    newer = Job.objects.exclude(pk=job.pk).get(kind=exports.EXPORT_KIND)
    assert [p.name for p in path.parent.iterdir()] == [Path(newer.result.path).name]


def test_the_carrier_workbooks_keep_text_and_offer_the_kind_as_a_list(cast, make_case):
    from raovat.cases.services import carrier_excel

    case = advance(make_case(cast.ward, "0912 345 678"), State.AT_TELECOM)
    _, content = carrier_excel.carrier_export(profile=carrier_excel.IDENTITY, cases=[case])
    member = zipfile.ZipFile(io.BytesIO(content))
    book = member.read(member.namelist()[0])
    ws = _sheet(book)
    assert (ws.freeze_panes, ws.page_setup.orientation, ws.print_title_rows) == (
        "A2",
        "landscape",
        "$1:$1",
    )
    assert ws["B2"].value == case.phone_national and ws["B2"].data_type == "s"
    assert ws["E2"].number_format == "@"  # the CCCD the carrier will type keeps its zeros
    [rule] = ws.data_validations.dataValidation
    assert rule.formula1 == '"Cá nhân,Tổ chức"' and str(rule.sqref) == "H2"


@pytest.mark.parametrize("value", ["=1+1", "+84912", "-3", "@A1", "\tTab", "\rCR", "a\x01b"])
def test_the_writer_shows_every_risky_text_as_typed(value):
    out = io.BytesIO()
    workbook_write(out, sheets=[Sheet("Thử", [Column("Giá trị", 20)], [[value]])])
    cell = _sheet(out.getvalue())["A2"]
    assert cell.data_type == "s"
    assert cell.value == value.replace("\x01", "\ufffd")
    assert _no_formula_in(out.getvalue())


def test_the_administration_shows_an_export_job_without_its_file(client, cast, big):
    client.force_login(cast.district)
    client.get(reverse("search_export"))
    run_pending()
    job = Job.objects.get(kind=exports.EXPORT_KIND)
    client.force_login(cast.admin)
    page = client.get(reverse("admin:jobs_job_change", args=[job.pk]))
    assert page.status_code == 200
    assert job.result_name in page.content.decode()
    assert job.result.name not in page.content.decode()


def test_a_big_export_reports_its_progress_while_it_writes(client, cast, big, monkeypatch):
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 1)
    seen = []
    real = exports.job_progress

    def watch(job, **kwargs):
        real(job, **kwargs)
        seen.append(Job.objects.values_list("done", "total").get(pk=job.pk))

    monkeypatch.setattr(exports, "job_progress", watch)
    client.force_login(cast.district)
    client.get(reverse("search_export"))
    run_pending()
    assert seen == [(1, 3), (2, 3), (3, 3)]
