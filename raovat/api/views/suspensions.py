"""Sở TTTT records that the carrier suspended numbers (each with its own date and
reference), or restores them: one transition for the whole batch, all or none."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from raovat.api import serializers as s
from raovat.api.problems import problem
from raovat.api.views.base import ApiView
from raovat.cases import facts
from raovat.cases.models import Case
from raovat.cases.selectors.cases import readable_ids_all
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.transitions import case_transition

TAGS = ["Thao tác"]


def _moved(action: str, ids) -> Response:
    moved = (
        Case.objects.filter(pk__in=ids)
        .select_related("reporting_unit", "current_unit")
        .order_by("number")
    )
    return Response({"action": action, "cases": s.CaseSummary(moved, many=True).data})


class SuspensionCreate(ApiView):
    @extend_schema(
        operation_id="suspensions_create",
        summary="Ghi nhận ngưng cung cấp dịch vụ",
        description="Sở TTTT ghi nhận nhà mạng đã ngưng cung cấp dịch vụ cho một hoặc nhiều "
        "hồ sơ đang chờ mình: mỗi hồ sơ một ngày ngưng và số tham chiếu. Tất cả "
        "được ghi, hoặc không hồ sơ nào.",
        request=s.SuspensionsIn,
        responses={200: s.TransitionOut},
        tags=TAGS,
    )
    def post(self, request):
        data = s.SuspensionsIn(data=request.data)
        data.is_valid(raise_exception=True)
        items = data.validated_data["items"]
        numbers = [item["case"] for item in items]
        if len(set(numbers)) != len(numbers):
            return problem(
                400, "Mỗi hồ sơ chỉ được nêu một lần.", {"items": ["Có hồ sơ được nêu nhiều lần."]}
            )
        found = readable_ids_all(user=request.user, numbers=numbers)
        if found is None:
            return problem(404, "Không tìm thấy một hoặc nhiều hồ sơ đã chọn.")
        per_case = {
            found[i["case"]]: facts.Suspension(
                suspended_on=i["suspended_on"], carrier_reference=i["carrier_reference"]
            )
            for i in items
        }
        try:
            case_transition(
                actor=request.user, action="suspend", cases=list(per_case), per_case=per_case
            )
        except WorkflowError as refused:
            return problem(
                409, "Không ghi nhận được ngưng cung cấp dịch vụ.", {"cases": refused.problems}
            )
        return _moved("suspend", per_case)


class RestoreCreate(ApiView):
    @extend_schema(
        operation_id="restores_create",
        summary="Khôi phục dịch vụ",
        description="Sở TTTT khôi phục dịch vụ cho các hồ sơ đang bị ngưng (đã nộp phạt, "
        "hoặc theo quyết định của đơn vị xử lý), với lý do. Tất cả, hoặc không "
        "hồ sơ nào.",
        request=s.RestoreIn,
        responses={200: s.TransitionOut},
        tags=TAGS,
    )
    def post(self, request):
        data = s.RestoreIn(data=request.data)
        data.is_valid(raise_exception=True)
        found = readable_ids_all(user=request.user, numbers=data.validated_data["cases"])
        if found is None:
            return problem(404, "Không tìm thấy một hoặc nhiều hồ sơ đã chọn.")
        decision = data.validated_data.get("handler_decision", "").strip()
        restore = facts.Restore(handler_decision=decision)
        try:
            case_transition(
                actor=request.user,
                action="restore",
                cases=list(found.values()),
                note=data.validated_data["note"],
                facts=restore,
            )
        except WorkflowError as refused:
            return problem(409, "Không khôi phục được dịch vụ.", {"cases": refused.problems})
        return _moved("restore", found.values())
