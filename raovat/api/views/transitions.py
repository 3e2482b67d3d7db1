"""One action on one or many cases, all or none, through case_transition."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from raovat.api import serializers as s
from raovat.api.problems import problem
from raovat.api.views.base import ApiView
from raovat.cases import facts as case_facts
from raovat.cases.selectors.cases import readable_ids_all, summaries
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.requirements import facts_kind
from raovat.cases.services.transitions import case_transition
from raovat.cases.workflow import TRANSITIONS, Need

# Sent with a dispatch: /dispatches/…/send/. The actions that take a signed scan or one
# value per case have their own operation, with the fields of their screen.
WITH_DISPATCH = {a for a, t in TRANSITIONS.items() if Need.DISPATCH in t.needs}
ELSEWHERE = {
    **{
        a: "Thao tác này cần bản quyết định đã ký: gửi tại /api/v1/cases/{số hồ sơ}/decision/."
        for a, t in TRANSITIONS.items()
        if Need.DECISION in t.needs
    },
    **{
        a: "Ghi nhận nộp phạt từng hồ sơ tại /api/v1/cases/{số hồ sơ}/payment/."
        for a, t in TRANSITIONS.items()
        if Need.PAYMENT in t.needs
    },
    **{
        a: "Cung cấp thông tin chủ thuê bao tại /api/v1/identities/."
        for a, t in TRANSITIONS.items()
        if Need.IDENTITY in t.needs
    },
}


class TransitionCreate(ApiView):
    @extend_schema(
        operation_id="transitions_create",
        summary="Thực hiện thao tác trên hồ sơ",
        description="Một thao tác trên một hoặc nhiều hồ sơ: tất cả cùng chuyển, hoặc "
        "không hồ sơ nào. Hồ sơ đơn vị không được xem trả về 404 mà không nêu "
        "số hồ sơ; hồ sơ không chuyển được trả về 409 với lý do của từng hồ sơ. Các thao "
        "tác gửi phiếu chuyển đi qua /api/v1/dispatches/; ra quyết định xử phạt, ghi nhận nộp "
        "phạt và cung cấp thông tin thuê bao có thao tác riêng với các trường của màn hình.",
        request=s.TransitionIn,
        responses={200: s.TransitionOut},
        tags=["Thao tác"],
    )
    def post(self, request):
        data = s.TransitionIn(data=request.data)
        data.is_valid(raise_exception=True)
        user = request.user
        found = readable_ids_all(user=user, numbers=data.validated_data["cases"])
        if found is None:
            return problem(404, "Không tìm thấy một hoặc nhiều hồ sơ đã chọn.")
        cases = list(found.values())
        action = data.validated_data["action"]
        if action in WITH_DISPATCH:
            return problem(
                409,
                "Thao tác này gửi phiếu chuyển: lập phiếu tại /api/v1/"
                "dispatches/, đính kèm bản đã ký rồi chuyển phiếu.",
            )
        if action in ELSEWHERE:
            return problem(409, ELSEWHERE[action])
        try:
            case_transition(
                actor=user,
                action=action,
                cases=cases,
                note=data.validated_data.get("note", ""),
                facts=_facts(action, data.validated_data.get("details") or {}),
            )
        except WorkflowError as refused:
            return problem(
                409, "Không thao tác được trên các hồ sơ đã chọn.", {"cases": refused.problems}
            )
        return Response(
            {"action": action, "cases": s.CaseSummary(summaries(cases), many=True).data}
        )


def _facts(action: str, details: dict):
    """The typed value the action takes, from the request's `details` (none if it takes
    none); a field it does not take is left out, a missing one is the service's refusal."""
    kind = facts_kind(TRANSITIONS[action])
    return case_facts.of(kind, details) if kind else None
