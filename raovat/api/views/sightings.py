"""A ward records an ad: its numbers (each joins its open case or opens one), the place
and the photos, validated by the capture screen's own form and service."""

from django.http import QueryDict
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from raovat.api.problems import problem
from raovat.api.views.base import ApiView
from raovat.cases.models.evidence import AdType
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.sightings import MAX_NUMBERS_PER_AD, sightings_record
from raovat.web.forms import SightingForm


class SightingIn(serializers.Serializer):
    phones = serializers.ListField(
        child=serializers.CharField(max_length=40),
        min_length=1,
        max_length=MAX_NUMBERS_PER_AD,
        help_text="Các số thuê bao ghi trên quảng cáo.",
    )
    found_on = serializers.DateField(help_text="Ngày phát hiện (yyyy-mm-dd).")
    place = serializers.CharField(max_length=255, help_text="Địa điểm vi phạm.")
    ad_type = serializers.ChoiceField(choices=AdType.choices, help_text="Hình thức quảng cáo.")
    ad_text = serializers.CharField(required=False, help_text="Nội dung quảng cáo.")
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, help_text="Vĩ độ."
    )
    longitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, required=False, help_text="Kinh độ."
    )
    photos = serializers.ListField(
        child=serializers.FileField(), min_length=1, help_text="Ảnh chụp quảng cáo (JPEG, PNG…)."
    )


class RecordedOut(serializers.Serializer):
    case = serializers.CharField(help_text="Số hồ sơ.")
    joined_existing = serializers.BooleanField(
        help_text="Đúng nếu số đã có hồ sơ đang mở và lần phát hiện được thêm vào hồ sơ đó."
    )


class SightingCreate(ApiView):
    @extend_schema(
        operation_id="sightings_create",
        summary="Ghi nhận quảng cáo vi phạm",
        description="Đơn vị phát hiện ghi nhận một quảng cáo với một hoặc nhiều số thuê "
        "bao và ảnh chụp, kiểm tra như màn hình ghi nhận. Số đã có hồ sơ đang "
        "mở được thêm vào hồ sơ đó; tất cả được ghi, hoặc không gì cả.",
        request={"multipart/form-data": SightingIn},
        responses={201: RecordedOut(many=True)},
        tags=["Phát hiện"],
    )
    def post(self, request):
        data = QueryDict(mutable=True)
        for key in ("found_on", "place", "ad_type", "ad_text", "latitude", "longitude"):
            if key in request.data:
                data[key] = request.data[key]
        phones = (
            [p for p in request.data.getlist("phones") if isinstance(p, str)]
            if hasattr(request.data, "getlist")
            else []
        )
        form = SightingForm(data, request.FILES)
        errors = (
            {k: [str(m) for m in v] for k, v in form.errors.items()} if not form.is_valid() else {}
        )
        if not phones or not all(p.strip() for p in phones):
            errors["phones"] = ["Cần nhập ít nhất một số thuê bao."]
        elif len(phones) > MAX_NUMBERS_PER_AD:
            errors["phones"] = [f"Tối đa {MAX_NUMBERS_PER_AD} số thuê bao."]
        if not request.FILES.getlist("photos"):
            errors["photos"] = ["Cần chọn ít nhất một hình ảnh vi phạm."]
        if errors:
            return problem(400, "Dữ liệu gửi lên có lỗi, xem từng trường.", errors)
        try:
            results = sightings_record(actor=request.user, phones=phones, **form.cleaned_data)
        except WorkflowError as refused:
            return problem(400, "Không ghi nhận được.", {"non_field_errors": refused.problems})
        return Response(
            [
                {"case": r.sighting.case.number, "joined_existing": r.joined_existing}
                for r in results
            ],
            status=201,
        )
