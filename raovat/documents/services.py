"""The one document service: number, build the context, render PDF or DOCX.

PDF comes from the shipped Typst layout, made in the request (decision 012); DOCX comes
from the unit's template, else the global one, else the shipped one, so officials can
edit it. Both read the same context and the same column plan (`layout`).
"""

import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from raovat.cases.models import Dispatch, Invitation, PenaltyDecision, PenaltyRecord
from raovat.cases.services.dispatches import dispatch_number
from raovat.cases.services.numbering import (
    OFFICIAL_LETTER,
    document_number_next,
    document_symbol,
)
from raovat.documents import docx_templates
from raovat.documents.contexts import cases, decision, dispatches
from raovat.documents.contexts.samples import sample_context
from raovat.documents.kinds import DISPATCH_DOCUMENT, FILE_SLUGS
from raovat.documents.kinds import DocumentKind as K
from raovat.documents.layout import columns_data, page_data, report_tables_data
from raovat.documents.models import DocumentTemplate, IssuedNumber
from raovat.documents.pdf import render_pdf
from raovat.documents.required import document_check
from raovat.units.models import Unit, User

HERE = Path(__file__).resolve().parent
SHIPPED = HERE / "shipped"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
CASE_KINDS = {
    K.INVITATION: Invitation,
    K.VIOLATION_RECORD: PenaltyRecord,
    K.REMEDIATION_REQUEST: PenaltyRecord,
    K.PENALTY_DECISION: PenaltyDecision,
}


@dataclass(frozen=True)
class Rendered:
    content: bytes
    filename: str
    content_type: str


def _check_subject(kind: str, subject) -> None:
    if isinstance(subject, Dispatch):
        ok = DISPATCH_DOCUMENT.get(subject.kind) == kind
    else:
        ok = isinstance(subject, CASE_KINDS.get(kind, ()))
    if not ok:
        raise ValueError(f"{type(subject).__name__} has no document of kind {kind!r}")


def issuing_unit(subject) -> Unit:
    return subject.from_unit if isinstance(subject, Dispatch) else subject.case.handling_unit


def document_number(*, kind: str, subject) -> str:
    """The document's number, given the first time it is printed and kept afterwards."""
    _check_subject(kind, subject)
    if isinstance(subject, Dispatch):
        return dispatch_number(dispatch=subject)
    if kind == K.REMEDIATION_REQUEST:
        return _remediation_number(subject)
    # Invitations, records and decisions are numbered when they are made.
    if kind in (K.INVITATION, K.PENALTY_DECISION):
        return subject.number_label
    return subject.record_number


def _remediation_number(record: PenaltyRecord) -> str:
    with transaction.atomic():
        # The record's row lock makes two first prints of the same request queue here.
        PenaltyRecord.objects.select_for_update().filter(pk=record.pk).first()
        issued = IssuedNumber.objects.filter(
            kind=K.REMEDIATION_REQUEST, subject_id=record.pk
        ).first()
        if issued is None:
            unit = record.case.handling_unit
            year = timezone.localdate(record.made_at).year
            number = document_number_next(unit_id=unit.pk, type_code=OFFICIAL_LETTER, year=year)
            issued = IssuedNumber.objects.create(
                kind=K.REMEDIATION_REQUEST,
                subject_id=record.pk,
                number_label=document_symbol(number=number, type_code=OFFICIAL_LETTER, unit=unit),
            )
    return issued.number_label


def document_context(*, kind: str, subject) -> dict:
    """The document's values; refused (MissingValues) if one it needs is blank.

    The number is taken in the same transaction, so a refused print gives it back.
    """
    with transaction.atomic():
        number = document_number(kind=kind, subject=subject)
        if isinstance(subject, Dispatch):
            context = dispatches.dispatch_context(kind, subject)
        elif kind == K.INVITATION:
            context = cases.invitation_context(subject)
        elif kind == K.VIOLATION_RECORD:
            context = cases.violation_record_context(subject)
        elif kind == K.PENALTY_DECISION:
            context = decision.decision_context(subject)
        else:
            context = cases.remediation_context(subject, number)
        document_check(kind=kind, context=context)
    return context


def pdf_data(kind: str, context: dict) -> dict:
    """What the Typst template reads: the context, the page and the column plan."""
    return {
        **context,
        "layout": page_data(),
        "columns": columns_data(kind),
        "report_tables": report_tables_data(),
    }


def template_source(*, kind: str, unit: Unit | None):
    """Unit-specific active template, else global active template, else the shipped one."""
    found = (
        DocumentTemplate.objects.filter(kind=kind, active=True, unit=unit).first()
        if unit is not None
        else None
    )
    found = (
        found or DocumentTemplate.objects.filter(kind=kind, active=True, unit__isnull=True).first()
    )
    if found is None:
        return str(SHIPPED / f"{kind}.docx")
    with found.file.open("rb") as handle:
        return io.BytesIO(handle.read())


def file_name(kind: str, number_label: str, fmt: str) -> str:
    """ASCII name that survives every browser and mail client: phieu-chuyen-15-PC-VHTT.pdf."""
    plain = unicodedata.normalize("NFKD", number_label.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-")
    return f"{FILE_SLUGS[kind]}{'-' + plain if plain else ''}.{fmt}"


def document_render(*, kind: str, subject, fmt: str) -> Rendered:
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"unknown format {fmt!r}")
    context = document_context(kind=kind, subject=subject)
    return context_render(kind=kind, context=context, unit=issuing_unit(subject), fmt=fmt)


def context_render(*, kind: str, context: dict, unit: Unit, fmt: str) -> Rendered:
    """The PDF (shipped layout) or the DOCX (the unit's template) of a built context."""
    if fmt not in CONTENT_TYPES:
        raise ValueError(f"unknown format {fmt!r}")
    if fmt == "pdf":
        content = render_pdf(kind, pdf_data(kind, context))
    else:
        content = docx_templates.render(template_source(kind=kind, unit=unit), context)
    return Rendered(content, file_name(kind, context["number_label"], fmt), CONTENT_TYPES[fmt])


@transaction.atomic
def template_upload(
    *,
    actor: User | None,
    kind: str,
    unit: Unit | None,
    upload,
    template: DocumentTemplate | None = None,
) -> DocumentTemplate:
    """Store a checked template as the active one for its kind and unit."""
    docx_templates.check(kind, upload)
    template = template or DocumentTemplate()
    template.kind, template.unit, template.active = kind, unit, True
    template.uploaded_by = actor
    # Deactivate first: the partial unique constraints allow one active per kind and unit.
    DocumentTemplate.objects.filter(kind=kind, unit=unit, active=True).exclude(
        pk=template.pk
    ).update(active=False)
    template.file.save("mau.docx", upload, save=False)
    template.save()
    return template


@transaction.atomic
def template_set_active(*, template: DocumentTemplate, active: bool) -> DocumentTemplate:
    if active:
        DocumentTemplate.objects.filter(
            kind=template.kind, unit=template.unit_id, active=True
        ).exclude(pk=template.pk).update(active=False)
    template.active = active
    template.save(update_fields=["active"])
    return template


def template_preview(*, template: DocumentTemplate) -> Rendered:
    """The template filled with a made-up case; nothing is read from or written to cases."""
    with template.file.open("rb") as handle:
        content = docx_templates.render(io.BytesIO(handle.read()), sample_context(template.kind))
    return Rendered(content, file_name(template.kind, "xem-thu", "docx"), CONTENT_TYPES["docx"])


def shipped_preview(*, kind: str) -> Rendered:
    content = docx_templates.render(str(SHIPPED / f"{kind}.docx"), sample_context(kind))
    return Rendered(content, file_name(kind, "mau-goc", "docx"), CONTENT_TYPES["docx"])
