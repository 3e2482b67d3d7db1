"""Files of a case through the API: the same rights and the same serving as the screens'
(raovat/web/files.py); another unit's file is a 404."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema

from raovat.api.problems import problem
from raovat.api.views.base import ApiView
from raovat.cases.selectors import access
from raovat.web.files import _serve

IMAGES = {(200, media): OpenApiTypes.BINARY for media in ("image/jpeg", "image/png", "image/webp")}
FILES = {
    (200, media): OpenApiTypes.BINARY
    for media in ("application/pdf", "image/jpeg", "image/png", "application/octet-stream")
}


class PhotoFile(ApiView):
    @extend_schema(
        operation_id="photos_retrieve",
        summary="Tải ảnh chụp",
        description="Ảnh của một lần phát hiện mà đơn vị được xem; `thu-nho=1` cho ảnh thu nhỏ.",
        parameters=[
            OpenApiParameter("thu-nho", str, enum=["1"], required=False, description="Ảnh thu nhỏ.")
        ],
        responses=IMAGES,
        tags=["Hồ sơ"],
    )
    def get(self, request, pk: int):
        photo = access.photos_readable(request.user).filter(pk=pk).first()
        if photo is None:
            return problem(404, "Không tìm thấy ảnh.")
        small = request.query_params.get("thu-nho") == "1" and photo.thumbnail
        return _serve(photo.thumbnail if small else photo.image)


class EventAttachment(ApiView):
    @extend_schema(
        operation_id="attachments_retrieve",
        summary="Tải tệp đính kèm của một thao tác",
        responses=FILES,
        tags=["Hồ sơ"],
    )
    def get(self, request, pk: int):
        event = access.event_attachments_readable(request.user).filter(pk=pk).first()
        if event is None or not event.attachment:
            return problem(404, "Không tìm thấy tệp.")
        return _serve(event.attachment, download_name=event.attachment.name.rsplit("/", 1)[-1])
