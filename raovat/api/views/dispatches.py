"""Dispatches through the API, by the services the transfer page uses: make a draft of
cases waiting for the unit, add or drop cases, download the slip (that prints it),
attach the signed scan, send. Another unit's dispatch is a 404, as one that does not
exist."""

import logging

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from raovat.api import serializers as s
from raovat.api.models import ApiClient, Scope
from raovat.api.problems import problem
from raovat.api.views.base import ApiView
from raovat.audit.models import Page
from raovat.audit.services import personal_data_viewed
from raovat.cases.models import Case
from raovat.cases.required import MissingValues
from raovat.cases.selectors import access
from raovat.cases.selectors.cases import readable_ids_all
from raovat.cases.services import dispatches
from raovat.cases.services.errors import WorkflowError
from raovat.cases.services.transitions import case_transition
from raovat.cases.workflow import DISPATCH_ACTION
from raovat.documents import services as documents
from raovat.documents.kinds import DISPATCH_DOCUMENT
from raovat.documents.pdf import LayoutFailed
from raovat.documents.views import LAYOUT_FAILED, NAMES_SUBSCRIBERS
from raovat.web.files import _serve

logger = logging.getLogger(__name__)
TAGS = ["Phiếu chuyển"]
NOT_FOUND = "Không tìm thấy phiếu chuyển."
FILES = {
    (200, media): OpenApiTypes.BINARY for media in ("application/pdf", "image/jpeg", "image/png")
}


def _out(dispatch) -> dict:
    dispatch = type(dispatch).objects.select_related("from_unit", "to_unit").get(pk=dispatch.pk)
    return s.DispatchOut(dispatch).data


def _own(request, pk: int):
    try:
        return access.dispatch_own(user=request.user, pk=pk)
    except access.Refused:
        return None


def _refused(exc: WorkflowError, title: str = "Không thực hiện được trên phiếu chuyển."):
    return problem(409, title, {"non_field_errors": exc.problems})


def _numbers_to_ids(user, numbers) -> list[int] | None:
    found = readable_ids_all(user=user, numbers=numbers)
    return None if found is None else list(found.values())


class DispatchCreate(ApiView):
    @extend_schema(
        operation_id="dispatches_create",
        summary="Lập phiếu chuyển",
        description="Lập phiếu chuyển nháp cho các hồ sơ đang chờ đơn vị, theo thao tác sẽ "
        "gửi phiếu. Gửi lại cùng danh sách hồ sơ trả về phiếu nháp đã có.",
        request=s.DispatchIn,
        responses={201: s.DispatchOut},
        tags=TAGS,
    )
    def post(self, request):
        data = s.DispatchIn(data=request.data)
        data.is_valid(raise_exception=True)
        ids = _numbers_to_ids(request.user, data.validated_data["cases"])
        if ids is None:
            return problem(404, "Không tìm thấy một hoặc nhiều hồ sơ đã chọn.")
        try:
            dispatch = dispatches.dispatch_create(
                actor=request.user,
                action=data.validated_data["action"],
                cases=ids,
                note=data.validated_data.get("note", ""),
            )
        except WorkflowError as exc:
            return _refused(exc, "Không lập được phiếu chuyển.")
        return Response(_out(dispatch), status=201)


class DispatchDetail(ApiView):
    @extend_schema(
        operation_id="dispatches_retrieve",
        summary="Chi tiết phiếu chuyển",
        description="Phiếu chuyển của đơn vị, hoặc phiếu đã gửi đến đơn vị.",
        responses={200: s.DispatchOut},
        tags=TAGS,
    )
    def get(self, request, pk: int):
        try:
            dispatch = access.dispatch_to_read(user=request.user, pk=pk)
        except access.Refused:
            return problem(404, NOT_FOUND)
        return Response(_out(dispatch))


class DispatchCases(ApiView):
    @extend_schema(
        operation_id="dispatches_cases_add",
        summary="Thêm hồ sơ vào phiếu chuyển",
        description="Thêm hồ sơ đang chờ đơn vị vào phiếu nháp. Nội dung phiếu thay đổi: "
        "cần in lại và đính kèm bản đã ký mới. Trả về phiếu nháp giữ các hồ sơ "
        "(có thể là phiếu mới, giữ nguyên số đã cấp).",
        request=s.CasesIn,
        responses={200: s.DispatchOut},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        dispatch = _own(request, pk)
        if dispatch is None:
            return problem(404, NOT_FOUND)
        data = s.CasesIn(data=request.data)
        data.is_valid(raise_exception=True)
        ids = _numbers_to_ids(request.user, data.validated_data["cases"])
        if ids is None:
            return problem(404, "Không tìm thấy một hoặc nhiều hồ sơ đã chọn.")
        if dispatch.sent_at is not None:
            return problem(409, f"Phiếu chuyển {dispatch} đã được chuyển, không thể sửa.")
        held = list(dispatch.items.values_list("case_id", flat=True))
        try:
            dispatch = dispatches.dispatch_create(
                actor=request.user,
                action=DISPATCH_ACTION[dispatch.kind],
                cases=sorted({*held, *ids}),
                note=dispatch.note,
            )
        except WorkflowError as exc:
            return _refused(exc)
        return Response(_out(dispatch))


class DispatchCase(ApiView):
    @extend_schema(
        operation_id="dispatches_cases_drop",
        summary="Bỏ hồ sơ khỏi phiếu chuyển",
        description="Bỏ một hồ sơ khỏi phiếu nháp. Phiếu không còn hồ sơ nào thì trả về "
        "204 (số phiếu đã cấp dành cho phiếu tiếp theo).",
        responses={200: s.DispatchOut, 204: None},
        tags=TAGS,
    )
    def delete(self, request, pk: int, number: str):
        dispatch = _own(request, pk)
        case = (
            Case.objects.filter(number=number, dispatch_items__dispatch=dispatch).first()
            if dispatch is not None
            else None
        )
        if case is None:
            return problem(404, "Không tìm thấy phiếu chuyển hoặc hồ sơ trong phiếu.")
        try:
            remaining = dispatches.dispatch_remove_case(
                actor=request.user, dispatch=dispatch, case=case
            )
        except WorkflowError as exc:
            return _refused(exc)
        if not remaining:
            return Response(status=204)
        return Response(_out(dispatch))


class DispatchDocument(ApiView):
    @extend_schema(
        operation_id="dispatches_document",
        summary="Tải văn bản phiếu chuyển (in phiếu)",
        description="Văn bản PDF của phiếu chuyển, như nút “In phiếu chuyển”: lần đầu in "
        "thì phiếu được cấp số; phiên bản hiện tại trở thành phiên bản đã in.",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        tags=TAGS,
    )
    def get(self, request, pk: int):
        try:
            dispatch = access.dispatch_to_read(user=request.user, pk=pk)
        except access.Refused:
            return problem(404, NOT_FOUND)
        client = request.auth if isinstance(request.auth, ApiClient) else None
        if dispatch.sent_at is None and client is not None and client.scope != Scope.READ_WRITE:
            # Printing a draft gives it its number: a write.
            return problem(403, "Ứng dụng này chỉ có quyền đọc: không in được phiếu nháp.")
        kind = DISPATCH_DOCUMENT[dispatch.kind]
        try:
            rendered = documents.document_render(kind=kind, subject=dispatch, fmt="pdf")
        except MissingValues as missing:
            return problem(409, str(missing))
        except LayoutFailed:
            logger.exception("document not laid out")
            return problem(503, LAYOUT_FAILED)
        response = HttpResponse(rendered.content, content_type=rendered.content_type)
        response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
        response["Cache-Control"] = "private, no-store"
        if kind in NAMES_SUBSCRIBERS:
            personal_data_viewed(
                user=request.user,
                page=Page.DOCUMENT,
                cases=list(dispatch.items.values_list("case_id", flat=True)),
            )
        return response


class DispatchScan(ApiView):
    @extend_schema(
        operation_id="dispatches_scan_retrieve",
        summary="Tải bản đã ký của phiếu chuyển",
        responses=FILES,
        tags=TAGS,
    )
    def get(self, request, pk: int):
        try:
            dispatch = access.dispatch_to_read(user=request.user, pk=pk)
        except access.Refused:
            return problem(404, NOT_FOUND)
        return _serve(dispatch.signed_scan)

    @extend_schema(
        operation_id="dispatches_scan_attach",
        summary="Đính kèm bản đã ký",
        description="Bản quét phiếu đã in và đã ký (PDF, JPEG hoặc PNG). Phiếu phải được in "
        "(tải văn bản) ở phiên bản hiện tại.",
        request={"multipart/form-data": s.ScanIn},
        responses={200: s.DispatchOut},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        dispatch = _own(request, pk)
        if dispatch is None:
            return problem(404, NOT_FOUND)
        upload = request.FILES.get("scan")
        if upload is None:
            return problem(
                400, "Dữ liệu gửi lên có lỗi, xem từng trường.", {"scan": ["Chưa chọn tệp đã ký."]}
            )
        try:
            dispatches.dispatch_attach_scan(actor=request.user, dispatch=dispatch, upload=upload)
        except WorkflowError as exc:
            return _refused(exc)
        return Response(_out(dispatch))


class DispatchSend(ApiView):
    @extend_schema(
        operation_id="dispatches_send",
        summary="Chuyển phiếu",
        description="Gửi phiếu chuyển: các hồ sơ trong phiếu cùng chuyển đến đơn vị nhận, "
        "hoặc không hồ sơ nào.",
        request=None,
        responses={200: s.DispatchOut},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        dispatch = _own(request, pk)
        if dispatch is None:
            return problem(404, NOT_FOUND)
        if dispatch.sent_at is not None:
            return problem(409, f"Phiếu chuyển {dispatch} đã được chuyển trước đó.")
        ids = list(dispatch.items.values_list("case_id", flat=True))
        try:
            case_transition(
                actor=request.user,
                action=DISPATCH_ACTION[dispatch.kind],
                cases=ids,
                dispatch=dispatch,
                note=dispatch.note,
            )
        except WorkflowError as exc:
            return _refused(exc, "Không chuyển được phiếu chuyển.")
        return Response(_out(dispatch))
