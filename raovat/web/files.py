"""Serving uploaded files. Storage has no public URL: every file passes a unit check here."""

import mimetypes

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from raovat.cases.selectors import access


def _serve(field, download_name: str | None = None):
    if not field:
        raise Http404("Không có tệp.")
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404("Tệp không còn trên máy chủ.") from None
    content_type = mimetypes.guess_type(field.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type,
                            as_attachment=download_name is not None, filename=download_name)
    response["Cache-Control"] = "private, max-age=3600"
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
