"""Serving uploaded files. Storage has no public URL: every file passes a unit check here.

On an object store the file is streamed through the application after the check, never
handed out as a presigned URL (docs/decisions/011-files-on-object-storage.md).
"""

import logging
import mimetypes

from botocore.exceptions import BotoCoreError, ClientError
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header

from raovat.cases.selectors import access
from raovat.storage import is_object_store, object_open

log = logging.getLogger(__name__)
UNAVAILABLE = "Kho lưu trữ tệp tạm thời không trả lời. Vui lòng thử lại sau ít phút."


def _serve(field, download_name: str | None = None):
    if not field:
        raise Http404("Không có tệp.")
    content_type = mimetypes.guess_type(field.name)[0] or "application/octet-stream"
    try:
        if is_object_store(field.storage):
            chunks, size = object_open(field.storage, field.name)
            response = StreamingHttpResponse(chunks, content_type=content_type)
            response["Content-Length"] = str(size)
            if download_name is not None:
                response["Content-Disposition"] = content_disposition_header(True, download_name)
        else:
            response = FileResponse(
                field.open("rb"),
                content_type=content_type,
                as_attachment=download_name is not None,
                filename=download_name,
            )
    except FileNotFoundError:
        raise Http404("Tệp không còn trên máy chủ.") from None
    except (BotoCoreError, ClientError):
        log.exception("object store unavailable for %s", field.name)
        return HttpResponse(UNAVAILABLE, status=503, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "private, no-store"  # files of a case may show identity
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def photo(request, pk: int, thumbnail: bool = False):
    item = get_object_or_404(access.photos_readable(request.user), pk=pk)
    return _serve(item.thumbnail if thumbnail and item.thumbnail else item.image)


@login_required
def event_attachment(request, pk: int):
    event = get_object_or_404(access.event_attachments_readable(request.user), pk=pk)
    return _serve(event.attachment, download_name=event.attachment.name.rsplit("/", 1)[-1])


@login_required
def dispatch_scan(request, pk: int):
    dispatch = access.dispatch_to_read(user=request.user, pk=pk)
    return _serve(dispatch.signed_scan)


@login_required
def invitation_scan(request, pk: int):
    item = get_object_or_404(access.invitations_of(request.user), pk=pk)
    return _serve(item.signed_scan)
