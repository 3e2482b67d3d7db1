"""Thống kê as a district head uses it: filter a quarter, read a chart and its table,
follow a figure to its cases, take the tables to Excel."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.utils import timezone

from raovat.cases.workflow import State
from raovat.demo.scenario import advance
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_district_filters_reads_a_chart_follows_a_figure_and_exports(
    page, cast, make_case, shots
):
    advance(make_case(cast.ward, phone="0912 345 678"), State.CLOSED)
    advance(make_case(cast.ward, phone="0903 123 456"), State.SUSPENDED)
    advance(make_case(cast.ward_b, phone="0988 765 432"), State.AT_TELECOM)
    today = timezone.localdate()
    login(page, "vhtt.quan1")
    page.get_by_role("link", name="Thống kê").first.click()
    page.get_by_label("Kỳ thống kê").select_option("quy")
    assert page.get_by_label("Tháng").is_hidden()
    page.get_by_label("Quý", exact=True).select_option(str((today.month - 1) // 3 + 1))
    page.get_by_role("button", name="Xem thống kê").click()
    page.get_by_role("heading", name="Thống kê – Quý").wait_for()

    chart = page.locator('canvas[data-chart="don-vi-phat-hien"]')
    chart.wait_for()
    # Chart.js drew it: the canvas has pixels, and the table under it has the numbers.
    assert page.evaluate(
        "() => !!window.Chart.getChart(document.querySelector("
        "'canvas[data-chart=\"don-vi-phat-hien\"]'))"
    )
    table = page.locator('table[data-table="don-vi-phat-hien"]')
    assert cast.ward.unit.name in table.inner_text()
    shots(page, "thong-ke")
    page.set_viewport_size({"width": 390, "height": 844})
    shots(page, "thong-ke-390")
    page.set_viewport_size({"width": 1366, "height": 768})

    with page.expect_download() as download:
        page.locator('[data-export="tong-hop"]').click()
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    rows = {r[0]: r[1] for r in book["Tổng hợp"].iter_rows(min_row=2, values_only=True)}
    assert rows["Hồ sơ tiếp nhận"] == 3 and rows["Đã ngưng cung cấp dịch vụ"] == 1

    page.locator('[data-figure="tiep-nhan"] a').click()
    page.get_by_role("heading", name="Tra cứu hồ sơ").wait_for()
    assert page.locator("#result-count").inner_text() == "3 hồ sơ"
    assert "Hồ sơ tiếp nhận" in page.locator("#statistics-filter").inner_text()
    shots(page, "thong-ke-danh-sach")
