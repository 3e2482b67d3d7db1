"""Documents: the PDF opens in the browser to print; "?dinh-dang=docx" downloads the DOCX.

"?dinh-dang=pdf" downloads the same PDF as a file. Both are made in the request
(decision 012): nothing is cached, so nothing printed outlives the data it shows.
"""

import logging

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from raovat.audit.models import Page
from raovat.audit.services import personal_data_viewed
from raovat.cases.required import MissingValues
from raovat.documents import selectors, services
from raovat.documents.kinds import DISPATCH_DOCUMENT
from raovat.documents.kinds import DocumentKind as K
from raovat.documents.pdf import LayoutFailed

logger = logging.getLogger(__name__)
LAYOUT_FAILED = (
    "Máy chủ chưa tạo xong văn bản này (quá thời gian hoặc lỗi mẫu văn bản). "
    "Vui lòng in lại sau ít phút; nếu vẫn không được, báo quản trị hệ thống."
)

# The documents that print subscribers' names and addresses.
NAMES_SUBSCRIBERS = {K.SUSPENSION_REQUEST, K.CULTURE_SLIP}
FORMATS = {"": ("pdf", "inline"), "pdf": ("pdf", "attachment"), "docx": ("docx", "attachment")}


def not_printed(request, kind_label: str, make):
    """`make()`'s response, or a page saying why the document was not printed:
    a value it needs is blank (409; nothing was numbered), or the layout did not finish
    (503; try again)."""
    try:
        return make()
    except MissingValues as missing:
        context, status = {"problem": str(missing), "blank": True}, 409
    except LayoutFailed:
        logger.exception("document not laid out")
        context, status = {"problem": LAYOUT_FAILED}, 503
    response = render(
        request, "documents/missing.html", {"kind_label": kind_label, **context}, status=status
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _respond(request, kind: str, subject, identity_of=()) -> HttpResponse:
    """Render a document; `identity_of` are the cases whose subscriber it names."""
    return not_printed(request, K(kind).label, lambda: _render(request, kind, subject, identity_of))


def _render(request, kind: str, subject, identity_of) -> HttpResponse:
    try:
        fmt, disposition = FORMATS[request.GET.get("dinh-dang", "")]
    except KeyError:
        raise Http404("Không có định dạng này.") from None
    document = services.document_render(kind=kind, subject=subject, fmt=fmt)
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = f'{disposition}; filename="{document.filename}"'
    # Documents carry personal data: never keep them in shared caches.
    response["Cache-Control"] = "private, no-store"
    personal_data_viewed(user=request.user, cases=identity_of, page=Page.DOCUMENT)
    return response


@login_required
def dispatch_document(request, pk: int):
    dispatch = selectors.dispatch_for_print(user=request.user, pk=pk)
    kind = DISPATCH_DOCUMENT[dispatch.kind]
    named = dispatch.items.values_list("case_id", flat=True) if kind in NAMES_SUBSCRIBERS else ()
    return _respond(request, kind, dispatch, identity_of=list(named))


@login_required
def invitation_document(request, pk: int):
    invitation = selectors.invitation_for_print(user=request.user, pk=pk)
    return _respond(request, K.INVITATION, invitation, identity_of=[invitation.case_id])


@login_required
def violation_record_document(request, pk: int):
    record = selectors.penalty_record_for_print(user=request.user, pk=pk)
    return _respond(request, K.VIOLATION_RECORD, record, identity_of=[record.case_id])


@login_required
def remediation_document(request, pk: int):
    record = selectors.penalty_record_for_print(user=request.user, pk=pk)
    return _respond(request, K.REMEDIATION_REQUEST, record, identity_of=[record.case_id])


@login_required
def penalty_decision_document(request, pk: int):
    decision = selectors.penalty_decision_for_print(user=request.user, pk=pk)
    return _respond(request, K.PENALTY_DECISION, decision, identity_of=[decision.case_id])
