"""The handling unit's sanction steps through the API, as their screens take them: the
penalty decision with its signed scan, the payment with its receipt. Each is one case,
one `case_transition` (through the same services the screens call), all or nothing."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from raovat.api import serializers as s
from raovat.api.problems import problem
from raovat.api.views.base import ApiView
from raovat.cases import facts
from raovat.cases.models import LegalBasis
from raovat.cases.selectors import access
from raovat.cases.services import penalties
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.uploads import scan_check

TAGS = ["Thao tác"]
MONEY_MAX = 10**12 - 1  # as the screens' money field
FIELD_ERRORS = "Dữ liệu gửi lên có lỗi, xem từng trường."


class DecisionIn(serializers.Serializer):
    """The fields of the screen "Ra quyết định xử phạt", with the same limits."""

    decided_on = serializers.DateField(help_text="Ngày quyết định (yyyy-mm-dd).")
    signer_name = serializers.CharField(max_length=120, help_text="Người ký quyết định.")
    signer_title = serializers.CharField(
        max_length=120, required=False, allow_blank=True, help_text="Chức vụ người ký."
    )
    legal_basis = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,  # an id out of the column's range is no id, not a 500
        help_text="Mã quy định về hành vi vi phạm (đang áp dụng).",
    )
    amount = serializers.IntegerField(
        min_value=0, max_value=MONEY_MAX, help_text="Số tiền phạt (đồng), trong khung của quy định."
    )
    payment_due = serializers.DateField(help_text="Hạn nộp phạt (yyyy-mm-dd).")
    remedial_measures = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, help_text="Biện pháp khắc phục hậu quả."
    )
    aggravating = serializers.CharField(
        max_length=1000, required=False, allow_blank=True, help_text="Tình tiết tăng nặng."
    )
    scan = serializers.FileField(help_text="Bản quyết định đã ký (PDF, JPEG hoặc PNG).")

    def validate_legal_basis(self, pk: int) -> LegalBasis:
        basis = LegalBasis.objects.filter(purpose="violation", active=True, pk=pk).first()
        if basis is None:
            raise serializers.ValidationError(
                "Không có quy định về hành vi vi phạm này, hoặc quy định đã ngưng áp dụng."
            )
        return basis


class PaymentIn(serializers.Serializer):
    """The fields of the screen "Ghi nhận nộp phạt", with the same limits."""

    paid_on = serializers.DateField(help_text="Ngày nộp phạt (yyyy-mm-dd).")
    amount = serializers.IntegerField(
        min_value=0, max_value=MONEY_MAX, help_text="Số tiền đã nộp (đồng)."
    )
    reference = serializers.CharField(
        max_length=80, help_text="Số biên lai hoặc mã giao dịch chuyển khoản."
    )
    note = serializers.CharField(
        max_length=1000,
        required=False,
        allow_blank=True,
        help_text="Ghi chú (bắt buộc khi số tiền khác quyết định).",
    )
    scan = serializers.FileField(
        required=False, help_text="Biên lai (bản chụp, PDF, JPEG hoặc PNG), nếu có."
    )


class DecisionOut(serializers.Serializer):
    number = serializers.CharField(source="number_label", help_text="Số quyết định.")
    decided_on = serializers.DateField(help_text="Ngày quyết định.")
    amount = serializers.IntegerField(help_text="Số tiền phạt (đồng).")
    payment_due = serializers.DateField(help_text="Hạn nộp phạt.")
    signer_name = serializers.CharField(help_text="Người ký.")


class PaymentOut(serializers.Serializer):
    paid_on = serializers.DateField(help_text="Ngày nộp phạt.")
    amount = serializers.IntegerField(help_text="Số tiền đã nộp (đồng).")
    reference = serializers.CharField(help_text="Số biên lai hoặc mã giao dịch.")


class DecisionMade(serializers.Serializer):
    case = s.CaseSummary(help_text="Hồ sơ sau khi ra quyết định.")
    decision = DecisionOut(help_text="Quyết định xử phạt đã ghi.")


class PaymentMade(serializers.Serializer):
    case = s.CaseSummary(help_text="Hồ sơ sau khi ghi nhận nộp phạt.")
    decision = DecisionOut(help_text="Quyết định xử phạt đã được nộp phạt.")
    payment = PaymentOut(help_text="Lần nộp phạt đã ghi.")


def _case(request, number: str):
    try:
        return access.case_to_read(user=request.user, number=number)
    except access.Refused:
        return None


def _bad_scan(upload) -> str:
    """The upload's problem as the screens word it, or "" (the service checks it again)."""
    try:
        scan_check(upload)
    except WorkflowError as exc:
        return " ".join(exc.problems)
    return ""


def _read(serializer_class, request):
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    upload = data.validated_data.get("scan")
    if upload is not None and (wrong := _bad_scan(upload)):
        return None, problem(400, FIELD_ERRORS, {"scan": [wrong]})
    return data.validated_data, None


def _refused(what: str, exc: WorkflowError):
    return problem(409, what, {"cases": exc.problems})


def _fresh(case):
    case.refresh_from_db()
    return case


class DecisionCreate(ApiView):
    @extend_schema(
        operation_id="decisions_create",
        summary="Ra quyết định xử phạt",
        description="Đơn vị xử lý ra quyết định xử phạt cho một hồ sơ đang chờ xử lý đã có "
        "biên bản vi phạm: cùng các trường, cùng kiểm tra như màn hình (khung tiền phạt của "
        "quy định, thời hiệu, ngày sau biên bản) và bản quyết định đã ký (multipart). Hồ sơ "
        "đơn vị không được xem trả về 404.",
        request={"multipart/form-data": DecisionIn},
        responses={201: DecisionMade},
        tags=TAGS,
    )
    def post(self, request, number: str):
        case = _case(request, number)
        if case is None:
            return problem(404, "Không tìm thấy hồ sơ.")
        data, bad = _read(DecisionIn, request)
        if bad is not None:
            return bad
        try:
            made = penalties.decision_make(
                actor=request.user,
                case=case,
                scan=data["scan"],
                decision=facts.of(facts.Decision, data),
            )
        except WorkflowError as exc:
            return _refused("Không ra được quyết định xử phạt.", exc)
        body = {"case": s.CaseSummary(_fresh(case)).data, "decision": DecisionOut(made).data}
        return Response(body, status=201)


class PaymentCreate(ApiView):
    @extend_schema(
        operation_id="payments_create",
        summary="Ghi nhận nộp phạt",
        description="Đơn vị xử lý ghi nhận chủ thuê bao đã nộp phạt theo quyết định: hồ sơ đã "
        "ra quyết định được kết thúc; hồ sơ đã yêu cầu ngưng hoặc đã ngưng cung cấp dịch vụ "
        "chờ Sở TTTT khôi phục. Cùng kiểm tra như màn hình (ngày nộp sau quyết định, số tiền "
        "khác quyết định cần ghi chú); biên lai đính kèm nếu có (multipart).",
        request={"multipart/form-data": PaymentIn},
        responses={201: PaymentMade},
        tags=TAGS,
    )
    def post(self, request, number: str):
        case = _case(request, number)
        if case is None:
            return problem(404, "Không tìm thấy hồ sơ.")
        data, bad = _read(PaymentIn, request)
        if bad is not None:
            return bad
        try:
            paid = penalties.payment_record(
                actor=request.user,
                case=case,
                scan=data.get("scan"),
                note=data.get("note", ""),
                payment=facts.of(facts.Payment, data),
            )
        except WorkflowError as exc:
            return _refused("Không ghi nhận được nộp phạt.", exc)
        body = {
            "case": s.CaseSummary(_fresh(case)).data,
            "decision": DecisionOut(paid.decision).data,
            "payment": PaymentOut(paid).data,
        }
        return Response(body, status=201)
