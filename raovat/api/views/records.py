"""The violation record ("biên bản vi phạm hành chính", form MBB01) through the API: the
screen's own form checks it and the same service numbers it; a decision needs one."""

import uuid

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from raovat.api import serializers as s
from raovat.api.problems import form_errors, problem
from raovat.api.views.base import ApiView
from raovat.cases.limits import LONG_TEXT_MAX, SHORT_TEXT_MAX
from raovat.cases.selectors import access
from raovat.cases.services import contacts
from raovat.cases.services.errors import WorkflowError
from raovat.web.forms import MAX_FINE, PenaltyForm


def _text(max_length: int, help_text: str, required: bool = False):
    return serializers.CharField(
        max_length=max_length, required=required, allow_blank=not required, help_text=help_text
    )


class RecordIn(serializers.Serializer):
    """The fields of the screen "Lập biên bản vi phạm hành chính"; its form checks them."""

    made_at = serializers.DateTimeField(
        help_text="Thời gian lập biên bản (yyyy-mm-ddThh:mm, giờ Việt Nam); không ở tương lai."
    )
    place = _text(255, "Địa điểm lập biên bản.", required=True)
    violation_basis = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=2**31 - 1,
        help_text="Mã quy định về hành vi vi phạm (đang áp dụng).",
    )
    legal_basis = _text(255, "Điều khoản vi phạm nhập tay, khi không có mã quy định.")
    amount = serializers.IntegerField(
        min_value=0, max_value=MAX_FINE, help_text="Mức phạt dự kiến (đồng)."
    )
    violator_nationality = _text(60, "Quốc tịch.")
    violator_occupation = _text(120, "Nghề nghiệp.")
    id_issued_on = serializers.DateField(required=False, help_text="Ngày cấp giấy tờ tùy thân.")
    id_issued_place = _text(200, "Nơi cấp giấy tờ tùy thân.")
    witness = _text(255, "Người chứng kiến (họ tên, nghề nghiệp, nơi ở).")
    seized_items = _text(SHORT_TEXT_MAX, "Tang vật, phương tiện, giấy tờ bị tạm giữ.")
    summons_at = serializers.DateTimeField(required=False, help_text="Yêu cầu có mặt lúc.")
    summons_place = _text(255, "Yêu cầu có mặt tại.")
    violator_statement = _text(LONG_TEXT_MAX, "Ý kiến trình bày của người vi phạm.")
    remediation = _text(LONG_TEXT_MAX, "Biện pháp khắc phục hậu quả.")
    remediation_deadline = serializers.DateField(required=False, help_text="Hạn khắc phục.")
    aggravating = _text(1000, "Tình tiết tăng nặng.")
    request_key = serializers.RegexField(
        r"^[0-9a-f]{32}$",
        required=False,
        help_text="Khóa chống gửi trùng (32 ký tự hex): gửi lại cùng khóa trả về biên bản đã "
        "lập, không lập biên bản thứ hai.",
    )


class RecordOut(serializers.Serializer):
    number = serializers.CharField(source="record_number", help_text="Số biên bản.")
    made_at = serializers.DateTimeField(help_text="Thời gian lập.")
    place = serializers.CharField(help_text="Địa điểm lập.")
    legal_basis = serializers.CharField(help_text="Điều khoản vi phạm.")
    amount = serializers.IntegerField(help_text="Mức phạt dự kiến (đồng).")


class RecordMade(serializers.Serializer):
    case = s.CaseSummary(help_text="Hồ sơ.")
    record = RecordOut(help_text="Biên bản đã lập.")


class RecordCreate(ApiView):
    @extend_schema(
        operation_id="records_create",
        summary="Lập biên bản vi phạm hành chính",
        description="Đơn vị xử lý lập biên bản vi phạm hành chính cho một hồ sơ đang chờ xử "
        "lý, với các trường và kiểm tra của màn hình; biên bản được cấp số. Cần có biên "
        "bản trước khi ra quyết định xử phạt. Hồ sơ đơn vị không được xem trả về 404.",
        request=RecordIn,
        responses={201: RecordMade},
        tags=["Thao tác"],
    )
    def post(self, request, number: str):
        try:
            case = access.case_to_read(user=request.user, number=number)
        except access.Refused:
            return problem(404, "Không tìm thấy hồ sơ.")
        data = RecordIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = {"request_key": uuid.uuid4().hex, **data.validated_data}
        form = PenaltyForm(values, case=case)
        if not form.is_valid():
            return problem(400, "Dữ liệu gửi lên có lỗi, xem từng trường.", form_errors(form))
        try:
            record = contacts.penalty_record_create(
                actor=request.user, case=case, **form.cleaned_data
            )
        except WorkflowError as exc:
            return problem(409, "Không lập được biên bản.", {"cases": exc.problems})
        body = {"case": s.CaseSummary(case).data, "record": RecordOut(record).data}
        return Response(body, status=201)
