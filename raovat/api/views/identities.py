"""Sở TTTT gives the subscriber of one or many cases: one provide_identity transition for
the whole batch, all or none."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from raovat.api import serializers as s
from raovat.api.problems import problem
from raovat.api.views.base import ApiView
from raovat.cases import facts
from raovat.cases.models.case import CARRIER_CHOICES
from raovat.cases.models.outcome import SubscriberKind
from raovat.cases.selectors.cases import readable_ids_all, summaries
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.transitions import case_transition


class IdentityIn(serializers.Serializer):
    case = serializers.CharField(max_length=20, help_text="Số hồ sơ.")
    full_name = serializers.CharField(max_length=200, help_text="Họ và tên chủ thuê bao.")
    kind = serializers.ChoiceField(
        choices=SubscriberKind.choices,
        required=False,
        default=SubscriberKind.INDIVIDUAL,
        help_text="Loại thuê bao.",
    )
    id_number = serializers.RegexField(
        r"^[0-9A-Za-z]*$",
        max_length=20,
        required=False,
        allow_blank=True,
        help_text="Số định danh cá nhân/CCCD.",
    )
    birth_date = serializers.DateField(required=False, allow_null=True, help_text="Ngày sinh.")
    address = serializers.CharField(max_length=255, help_text="Địa chỉ.")
    carrier = serializers.ChoiceField(
        choices=CARRIER_CHOICES, required=False, allow_blank=True, help_text="Nhà mạng."
    )

    def validate(self, attrs):
        for name in ("full_name", "address"):
            if "\x00" in attrs[name]:
                raise serializers.ValidationError({name: "Có ký tự không hợp lệ."})
        return attrs


class IdentitiesIn(serializers.Serializer):
    items = IdentityIn(
        many=True, min_length=1, max_length=500, help_text="Thông tin chủ thuê bao của từng hồ sơ."
    )


class IdentityCreate(ApiView):
    @extend_schema(
        operation_id="identities_create",
        summary="Cung cấp thông tin thuê bao",
        description="Sở TTTT cung cấp thông tin chủ thuê bao của một hoặc nhiều hồ sơ đang "
        "chờ mình: tất cả được ghi, hoặc không hồ sơ nào. Hồ sơ không thuộc đơn "
        "vị trả về 404 mà không nêu số hồ sơ.",
        request=IdentitiesIn,
        responses={200: s.TransitionOut},
        tags=["Thao tác"],
    )
    def post(self, request):
        data = IdentitiesIn(data=request.data)
        data.is_valid(raise_exception=True)
        items = data.validated_data["items"]
        numbers = {item["case"] for item in items}
        if len(numbers) != len(items):
            return problem(
                400, "Mỗi hồ sơ chỉ được nêu một lần.", {"items": ["Có hồ sơ được nêu nhiều lần."]}
            )
        found = readable_ids_all(user=request.user, numbers=numbers)
        if found is None:
            return problem(404, "Không tìm thấy một hoặc nhiều hồ sơ đã chọn.")
        per_case = {found[item["case"]]: facts.of(facts.Identity, item) for item in items}
        try:
            case_transition(
                actor=request.user,
                action="provide_identity",
                cases=list(per_case),
                per_case=per_case,
            )
        except WorkflowError as refused:
            return problem(409, "Không ghi được thông tin thuê bao.", {"cases": refused.problems})
        return Response(
            {
                "action": "provide_identity",
                "cases": s.CaseSummary(summaries(per_case), many=True).data,
            }
        )
