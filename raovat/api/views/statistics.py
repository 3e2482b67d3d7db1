"""Thống kê through the API: the screen's selector, filters and scope; each figure links
to the API's case search of exactly the cases it counts (decision 022)."""

import datetime
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from raovat.api import serializers as s
from raovat.api.problems import form_errors, problem
from raovat.api.views.base import ApiView
from raovat.cases.selectors.statistics import statistics_for, statistics_units
from raovat.web.forms import STATISTICS_FIELDS, StatisticsForm


def cases_url(criteria) -> str:
    """/api/v1/cases/ with the drill-down criteria of a figure (dates as yyyy-mm-dd)."""
    params = {}
    for name in STATISTICS_FIELDS:
        value = getattr(criteria, name)
        if value in (None, ""):
            continue
        params[name] = value.isoformat() if isinstance(value, datetime.date) else value
    return f"{reverse('api_cases')}?{urlencode(params)}"


class FigureOut(serializers.Serializer):
    key = serializers.CharField(help_text="Mã chỉ tiêu.")
    label = serializers.CharField(help_text="Tên chỉ tiêu.")
    count = serializers.IntegerField(help_text="Số hồ sơ.")
    amount = serializers.IntegerField(
        allow_null=True, help_text="Số tiền (đồng) với chỉ tiêu tiền phạt; rỗng với chỉ tiêu khác."
    )
    cases_url = serializers.SerializerMethodField(
        help_text="Địa chỉ tra cứu (/api/v1/cases/) đúng các hồ sơ được đếm."
    )

    def get_cases_url(self, figure) -> str:
        return cases_url(figure.criteria)


class DurationOut(serializers.Serializer):
    measured = serializers.IntegerField(help_text="Số lượt được đo.")
    median = serializers.IntegerField(allow_null=True, help_text="Trung vị (ngày làm việc).")
    p90 = serializers.IntegerField(allow_null=True, help_text="Phân vị 90 (ngày làm việc).")


class UnitRowOut(serializers.Serializer):
    unit_id = serializers.IntegerField(help_text="Mã đơn vị.")
    name = serializers.CharField(help_text="Tên đơn vị.")
    figures = FigureOut(many=True, help_text="Các chỉ tiêu của đơn vị.")


class CarrierRowOut(serializers.Serializer):
    carrier = serializers.CharField(help_text="Mã nhà mạng.")
    label = serializers.CharField(help_text="Tên nhà mạng.")
    received = FigureOut(help_text="Hồ sơ tiếp nhận.")
    share = serializers.FloatField(help_text="Tỷ lệ trong số hồ sơ tiếp nhận (0–1).")
    identified = FigureOut(help_text="Hồ sơ đã được cung cấp thông tin thuê bao.")
    to_identify = DurationOut(help_text="Thời gian cung cấp thông tin thuê bao.")
    suspended = FigureOut(help_text="Hồ sơ đã ngưng cung cấp dịch vụ.")
    to_suspend = DurationOut(help_text="Thời gian ngưng cung cấp dịch vụ.")


class StepRowOut(serializers.Serializer):
    key = serializers.CharField(help_text="Mã bước.")
    label = serializers.CharField(help_text="Tên bước.")
    ended = FigureOut(help_text="Các hồ sơ rời bước trong kỳ.")
    duration = DurationOut(help_text="Thời gian ở bước.")
    days_allowed = serializers.IntegerField(allow_null=True, help_text="Số ngày làm việc quy định.")
    within = serializers.IntegerField(help_text="Số lượt trong thời hạn.")
    source = serializers.CharField(help_text="Căn cứ thời hạn.")


class PlaceRowOut(serializers.Serializer):
    place = serializers.CharField(help_text="Địa điểm.")
    cases = FigureOut(help_text="Các hồ sơ phát hiện tại địa điểm.")


class PeriodOut(serializers.Serializer):
    start = serializers.DateField(help_text="Từ ngày.")
    end = serializers.DateField(help_text="Đến ngày.")
    label = serializers.CharField(help_text="Tên kỳ, ví dụ “Quý II năm 2026”.")


class StatisticsOut(serializers.Serializer):
    period = PeriodOut(help_text="Kỳ thống kê.")
    unit = s.UnitRef(allow_null=True, help_text="Đơn vị đã lọc, nếu có.")
    ad_type = serializers.CharField(help_text="Hình thức quảng cáo đã lọc, rỗng nếu tất cả.")
    carrier = serializers.CharField(help_text="Nhà mạng đã lọc, rỗng nếu tất cả.")
    figures = FigureOut(many=True, help_text="Các chỉ tiêu tổng hợp.")
    by_reporting_unit = UnitRowOut(many=True, help_text="Theo đơn vị phát hiện.")
    by_handling_unit = UnitRowOut(many=True, help_text="Theo đơn vị xử lý.")
    by_carrier = CarrierRowOut(many=True, help_text="Theo nhà mạng.")
    steps = StepRowOut(many=True, help_text="Thời gian xử lý từng bước.")
    repeats = FigureOut(many=True, help_text="Số thuê bao tái phạm.")
    places = PlaceRowOut(many=True, help_text="Các địa điểm phát hiện nhiều nhất.")


class StatisticsQuery(serializers.Serializer):
    """The filters of "Thống kê", by the same names (the screen's form validates them)."""

    ky = serializers.ChoiceField(
        choices=["nam", "quy", "thang", "khac"],
        required=False,
        help_text="Kỳ: nam (năm), quy (quý), thang (tháng), khac (từ ngày … đến ngày).",
    )
    nam = serializers.IntegerField(required=False, help_text="Năm (trong 10 năm gần nhất).")
    quy = serializers.IntegerField(required=False, min_value=1, max_value=4, help_text="Quý.")
    thang = serializers.IntegerField(required=False, min_value=1, max_value=12, help_text="Tháng.")
    tu_ngay = serializers.DateField(required=False, help_text="Từ ngày (yyyy-mm-dd), với ky=khac.")
    den_ngay = serializers.DateField(
        required=False, help_text="Đến ngày, với ky=khac (tối đa 3 năm)."
    )
    don_vi = serializers.IntegerField(
        required=False, help_text="Mã đơn vị phát hiện hoặc đơn vị xử lý trong phạm vi."
    )
    hinh_thuc = serializers.CharField(required=False, help_text="Hình thức quảng cáo.")
    nha_mang = serializers.CharField(required=False, help_text="Nhà mạng.")


class StatisticsView(ApiView):
    @extend_schema(
        operation_id="statistics_retrieve",
        summary="Thống kê",
        description="Các số liệu của màn hình “Thống kê” cho phạm vi của đơn vị, một kỳ và "
        "các bộ lọc (cùng tên tham số với màn hình). Mỗi chỉ tiêu có địa chỉ tra cứu "
        "/api/v1/cases/ liệt kê đúng các hồ sơ được đếm.",
        parameters=[StatisticsQuery],
        responses={200: StatisticsOut},
        tags=["Thống kê"],
    )
    def get(self, request):
        user = request.user
        known = set(StatisticsQuery().fields)
        data = {k: v for k, v in request.query_params.items() if k in known}
        form = StatisticsForm(
            data or None, units=statistics_units(user=user), today=timezone.localdate()
        )
        if form.is_bound and not form.is_valid():
            return problem(400, "Tham số thống kê có lỗi, xem từng trường.", form_errors(form))
        stats = statistics_for(user=user, period=form.period(), filters=form.filters())
        unit = stats.filters.unit
        body = {
            "period": stats.period,
            "unit": {"id": unit.pk, "name": unit.name} if unit is not None else None,
            "ad_type": stats.filters.ad_type,
            "carrier": stats.filters.carrier,
            "figures": stats.figures,
            "by_reporting_unit": stats.by_reporting_unit,
            "by_handling_unit": stats.by_handling_unit,
            "by_carrier": stats.by_carrier,
            "steps": stats.steps,
            "repeats": stats.repeats,
            "places": stats.places,
        }
        return Response(StatisticsOut(body).data)
