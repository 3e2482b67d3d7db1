"""Báo cáo định kỳ: the PDF and the DOCX print the statistics screen's figures, get the
unit's next BC number once, keep what was signed, and show nothing of another unit."""

import re
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from raovat.cases.selectors.statistics import Filters, Period, statistics_for
from raovat.cases.workflow import State
from raovat.demo.scenario import advance, perform
from raovat.documents.models import PeriodicReport
from raovat.documents.reports import ReportPeriod, report_create
from tests.documents_helpers import docx_text

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR = TODAY.year
KEY = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def known(cast, make_case):
    """Four cases of Quận 1 (three of Bến Nghé, one of Bến Thành) and one of Quận 3."""
    cases = [
        advance(make_case(cast.ward, phone="0912 000 001"), State.CLOSED),
        advance(make_case(cast.ward, phone="0912 000 002"), State.DECIDED),
        advance(make_case(cast.ward, phone="0912 000 003"), State.RETURNED_TO_REPORTER),
        advance(make_case(cast.ward_b, phone="0988 000 004"), State.AT_TELECOM),
    ]
    perform("record_payment", [cases[1]])
    advance(make_case(cast.ward_q3, phone="0912 000 005"), State.TO_CONTACT)
    return cases


def pdftotext(content: bytes) -> str:
    # -layout keeps each table row on its line: "1  Hồ sơ tiếp nhận  4".
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return re.sub(r"\s+", " ", text)


def _post(client, **fields):
    data = {"kind": "year", "year": str(YEAR), "request_key": KEY, **fields}
    return client.post(reverse("report_list"), data)


def _made(client, user, **fields) -> PeriodicReport:
    client.force_login(user)
    response = _post(client, **fields)
    assert response.status_code == 302, response.content.decode()
    return PeriodicReport.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def _print(client, report, fmt="pdf"):
    response = client.get(reverse("report_document", args=[report.pk]) + f"?dinh-dang={fmt}")
    assert response.status_code == 200, response.content.decode()[:500]
    return response


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def expected_rows(stats, short_names) -> list[str]:
    """What the report's tables must print, row by row, from the screen's selector."""
    rows = []
    for number, figure in enumerate(stats.figures, 1):
        value = f"{figure.count}" if figure.amount is None else _money(figure.amount)
        rows.append(f"{number} {figure.label} {value}")
    for number, row in enumerate(stats.by_reporting_unit, 1):
        counts = " ".join(
            str(row.figure(k).count)
            for k in ("tiep-nhan", "xac-nhan", "tra-ve", "quyet-dinh", "ngung", "ket-thuc")
        )
        rows.append(f"{number} {short_names[row.unit_id]} {counts}")
    for number, row in enumerate(stats.by_carrier, 1):
        rows.append(
            f"{number} {row.label} {row.received.count} {row.share * 100:.1f} %".replace(".", ",")
        )
    return rows


def short_names(cast) -> dict[int, str]:
    return {u.pk: u.short_name for u in cast.chain.units.values()}


def test_the_pdf_and_the_docx_carry_the_screen_figures(client, cast, known):
    stats = statistics_for(user=cast.district, period=Period.year(YEAR))
    assert stats.figure("tiep-nhan").count == 4  # the fixture's known answer
    assert stats.figure("quyet-dinh").count == 1
    report = _made(
        client,
        cast.district,
        difficulties="Nhiều số thuê bao không chính chủ.",
        proposals="Đề nghị rút ngắn thời gian xác định chủ thuê bao.",
    )
    pdf = pdftotext(_print(client, report).content)
    docx = docx_text(_print(client, report, "docx").content)
    rows = expected_rows(stats, short_names(cast))
    assert len(rows) > 20
    for row in rows:
        assert row in pdf, row
    # A DOCX table reads cell by cell; the same values, in the same order.
    for row in rows:
        assert row in docx, row
    for text in (pdf, docx):
        assert f"BÁO CÁO Kết quả xử lý số thuê bao quảng cáo rao vặt năm {YEAR}" in text
        assert "Tiền phạt theo quyết định 1.500.000 đồng" in text
        assert "với tổng số tiền phạt 1.500.000 đồng, đã nộp 1.500.000 đồng" in text
        assert "Nhiều số thuê bao không chính chủ." in text
        assert "Đề nghị rút ngắn thời gian xác định chủ thuê bao." in text
        assert "Số: 1/BC-VHTTQ1" in text
        assert cast.ward_q3.unit.name not in text
    # The page shows the same figures before and after printing.
    page = client.get(reverse("report_detail", args=[report.pk])).content.decode()
    assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).count("1 Hồ sơ tiếp nhận 4") == 1


def test_a_report_narrowed_to_a_ward_prints_that_ward_only(client, cast, known):
    ward_b = cast.ward_b.unit
    report = _made(client, cast.district, of_unit=ward_b.short_name)
    stats = statistics_for(
        user=cast.district, period=Period.year(YEAR), filters=Filters(unit=ward_b)
    )
    assert stats.figure("tiep-nhan").count == 1
    pdf = pdftotext(_print(client, report).content)
    for row in expected_rows(stats, short_names(cast)):
        assert row in pdf, row
    assert f"năm {YEAR}, {ward_b.name} đã tiếp nhận 1 hồ sơ" in pdf


def test_the_first_print_numbers_and_freezes_the_report(client, cast, known, make_case):
    report = _made(client, cast.district)
    assert report.number_label == ""
    first = pdftotext(_print(client, report).content)
    report.refresh_from_db()
    assert report.number_label == "1/BC-VHTTQ1" and report.issued_on == TODAY
    # A case received after the signature changes the screen, not the signed report.
    advance(make_case(cast.ward, phone="0912 000 009"), State.AWAITING_CONFIRMATION)
    assert (
        statistics_for(user=cast.district, period=Period.year(YEAR)).figure("tiep-nhan").count == 5
    )
    again = pdftotext(_print(client, report).content)
    assert "1 Hồ sơ tiếp nhận 4" in again and "1 Hồ sơ tiếp nhận 4" in first
    assert "Số: 1/BC-VHTTQ1" in docx_text(_print(client, report, "docx").content)
    # The unit's next report takes the next number and today's figures.
    second = _made(client, cast.district, request_key="f" * 32)
    assert "1 Hồ sơ tiếp nhận 5" in pdftotext(_print(client, second).content)
    second.refresh_from_db()
    assert second.number_label == "2/BC-VHTTQ1"
    # Another district counts its own series.
    other = _made(client, cast.other_district, request_key="e" * 32)
    _print(client, other)
    other.refresh_from_db()
    assert other.number_label == "1/BC-VHTTQ3"


def test_two_clicks_on_one_form_make_one_report(client, cast, known):
    client.force_login(cast.district)
    assert _post(client).status_code == 302
    assert _post(client).status_code == 302
    assert PeriodicReport.objects.count() == 1


def test_another_district_cannot_open_or_print_the_report(client, cast, known):
    report = _made(client, cast.district)
    client.force_login(cast.other_district)
    for url in (
        reverse("report_detail", args=[report.pk]),
        reverse("report_document", args=[report.pk]),
        reverse("report_document", args=[report.pk]) + "?dinh-dang=docx",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "VHTTQ1" not in response.content.decode()
    assert "Chưa in" not in client.get(reverse("report_list")).content.decode()
    report.refresh_from_db()
    assert report.number is None


def test_another_district_sees_only_its_own_figures(client, cast, known):
    report = _made(client, cast.other_district)
    pdf = pdftotext(_print(client, report).content)
    assert "1 Hồ sơ tiếp nhận 1" in pdf
    assert cast.ward.unit.short_name not in pdf and cast.ward_q3.unit.short_name in pdf


def test_a_unit_outside_the_scope_is_refused_in_vietnamese(client, cast, known):
    client.force_login(cast.other_district)
    response = _post(client, of_unit=cast.ward.unit.short_name)
    assert response.status_code == 400
    assert "Không có đơn vị “Phường Bến Nghé” trong danh sách" in response.content.decode()
    assert not PeriodicReport.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"kind": "custom", "start": f"20/11/{YEAR - 1}", "end": f"10/11/{YEAR - 1}"},
            "Ngày kết thúc của kỳ báo cáo không được trước ngày bắt đầu.",
        ),
        (
            {"kind": "custom", "start": f"01/01/{YEAR - 1}"},
            "Hãy chọn tháng, quý hoặc nhập đủ từ ngày, đến ngày.",
        ),
        (
            {"kind": "custom", "start": "31/02/2026", "end": "01/03/2026"},
            "Ngày không hợp lệ (dd/mm/yyyy).",
        ),
        (
            {"kind": "custom", "start": f"01/01/{YEAR + 1}", "end": f"31/01/{YEAR + 1}"},
            "Kỳ báo cáo chưa bắt đầu",
        ),
        ({"kind": "month", "month": "13"}, "Tháng không hợp lệ."),
        ({"kind": "month", "month": ""}, "Hãy chọn tháng, quý"),
        ({"year": "1999"}, "Năm không hợp lệ."),
        ({"year": "٢٠٢٦"}, "Năm không hợp lệ."),
        ({"kind": "tuan"}, "Hãy chọn một lựa chọn hợp lệ"),
        ({"of_unit": "Phường Không Có"}, "Không có đơn vị “Phường Không Có” trong danh sách"),
        ({"difficulties": "x" * 4001}, "Tối đa 4000 ký tự"),
        ({"request_key": "khong-hop-le"}, "Mã yêu cầu của biểu mẫu không hợp lệ"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_changes_nothing(client, cast, fields, message):
    client.force_login(cast.district)
    response = _post(client, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PeriodicReport.objects.exists()


def test_a_unit_without_a_signer_is_told_what_is_missing_and_keeps_its_number(client, cast, known):
    unit = cast.district.unit
    unit.signer_name = ""
    unit.save(update_fields=["signer_name"])
    report = _made(client, cast.district)
    response = client.get(reverse("report_document", args=[report.pk]))
    assert response.status_code == 409
    assert "họ tên người ký" in response.content.decode()
    report.refresh_from_db()
    assert report.number is None and report.figures is None


def test_a_user_without_a_unit_has_no_report_page(client, cast):
    client.force_login(cast.admin)
    assert client.get(reverse("report_list")).status_code == 404


def test_an_unknown_format_is_not_found(client, cast, known):
    report = _made(client, cast.district)
    url = reverse("report_document", args=[report.pk])
    assert client.get(url + "?dinh-dang=exe").status_code == 404


def test_the_list_page_costs_the_same_for_many_reports(client, cast, django_assert_max_num_queries):
    period = ReportPeriod("year", TODAY.replace(month=1, day=1), TODAY)
    report_create(actor=cast.district, of_unit=None, period=period)
    client.force_login(cast.district)
    url = reverse("report_list")
    client.get(url)
    with django_assert_max_num_queries(50) as one:
        assert client.get(url).status_code == 200
    for _ in range(6):
        report_create(actor=cast.district, of_unit=cast.ward.unit, period=period)
    with django_assert_max_num_queries(len(one)):
        page = client.get(url).content.decode()
    assert page.count("Chưa in") == 7


def test_the_list_pages_newest_first_like_every_other_list(client, cast, monkeypatch):
    monkeypatch.setattr("raovat.cases.selectors.search.PAGE_SIZE", 2)
    period = ReportPeriod("year", TODAY.replace(month=1, day=1), TODAY)
    made = [report_create(actor=cast.district, of_unit=None, period=period) for _ in range(3)]
    client.force_login(cast.district)
    url = reverse("report_list")

    def shown(html):
        return [f'href="{reverse("report_detail", args=[r.pk])}"' in html for r in made]

    first = client.get(url).content.decode()
    assert shown(first) == [False, True, True]
    cursor = re.search(r'href="\?sau=([A-Za-z0-9_-]+)"', first).group(1)
    second = client.get(url, {"sau": cursor}).content.decode()
    assert shown(second) == [True, False, False]
    assert "Trang 2" in second and "Trang trước" in second


def test_the_statistics_screen_opens_the_report_with_its_period_and_unit(client, cast, known):
    client.force_login(cast.district)
    ward_b = cast.ward_b.unit
    query = f"ky=quy&nam={YEAR}&quy={(TODAY.month - 1) // 3 + 1}&don_vi={ward_b.pk}"
    screen = client.get(reverse("statistics") + "?" + query).content.decode()
    link = re.search(r'id="report-link" href="([^"]+)"', screen).group(1).replace("&amp;", "&")
    form = client.get(link).content.decode()
    assert re.search(r'<option value="quarter" selected>', form)
    assert f'value="{ward_b.short_name}"' in form
    # What the screen shows as its figures, the report prints.
    shown = re.findall(
        r'data-figure="([^"]+)">\s*<div class="small text-muted">([^<]+)</div>'
        r"\s*<(?:a|span)[^>]*>([\d.]+)<",
        screen,
    )
    assert len(shown) == 16 and ("tiep-nhan", "Hồ sơ tiếp nhận", "1") in shown
    report = _made(
        client,
        cast.district,
        kind="quarter",
        quarter=str((TODAY.month - 1) // 3 + 1),
        of_unit=ward_b.short_name,
    )
    pdf = pdftotext(_print(client, report).content)
    for number, (_key, label, count) in enumerate(shown, 1):
        assert f"{number} {label} {count}" in pdf


def test_a_leader_reports_on_the_whole_province(client, cast, known):
    leader = cast.ward_q3
    leader.leader = True
    leader.save(update_fields=["leader"])
    leader.unit.signer_name = "Võ Quốc Bảo"
    leader.unit.save(update_fields=["signer_name"])
    report = _made(client, leader)
    pdf = pdftotext(_print(client, report).content)
    assert f"Trong năm {YEAR}, các đơn vị thuộc Thành phố Hồ Chí Minh đã tiếp nhận 5 hồ sơ" in pdf
    assert "Số: 1/BC-UBND" in pdf
