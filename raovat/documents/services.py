"""The one document service: number, build the context, render HTML, PDF or DOCX.

PDF and the print preview come from the shipped HTML layout; DOCX comes from the
unit's template, else the global one, else the shipped one, so officials can edit it.
"""

import hashlib
import io
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from raovat.cases.models import Dispatch, Invitation, PenaltyRecord
from raovat.cases.services.dispatches import dispatch_number
from raovat.cases.services.numbering import counter_next, document_symbol
from raovat.documents import docx_templates
from raovat.documents.contexts import cases, dispatches
from raovat.documents.contexts.samples import sample_context
from raovat.documents.kinds import DISPATCH_DOCUMENT, FILE_SLUGS
from raovat.documents.kinds import DocumentKind as K
from raovat.documents.models import DocumentTemplate, IssuedNumber, RenderedDocument
from raovat.documents.pdf import html_to_pdf, stylesheet_bytes
from raovat.documents.required import document_check
from raovat.jobs.models import Job, JobStatus
from raovat.jobs.services import job_enqueue
from raovat.units.models import Unit, User

log = logging.getLogger("raovat.documents")

HERE = Path(__file__).resolve().parent
SHIPPED = HERE / "shipped"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
CASE_KINDS = {K.INVITATION: Invitation, K.VIOLATION_RECORD: PenaltyRecord,
              K.REMEDIATION_REQUEST: PenaltyRecord}


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
    # Invitations and records are numbered when they are made.
    return subject.number_label if kind == K.INVITATION else subject.record_number


def _remediation_number(record: PenaltyRecord) -> str:
    with transaction.atomic():
        # The record's row lock makes two first prints of the same request queue here.
        PenaltyRecord.objects.select_for_update().filter(pk=record.pk).first()
        issued = IssuedNumber.objects.filter(kind=K.REMEDIATION_REQUEST,
                                             subject_id=record.pk).first()
        if issued is None:
            unit = record.case.handling_unit
            year = timezone.localdate(record.made_at).year
            number = counter_next(key=f"doc/{unit.pk}/YC/{year}")
            issued = IssuedNumber.objects.create(
                kind=K.REMEDIATION_REQUEST, subject_id=record.pk,
                number_label=document_symbol(number=number, type_code="YC", unit=unit),
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
        else:
            context = cases.remediation_context(subject, number)
        document_check(kind=kind, context=context)
    return context


def document_html(*, kind: str, subject=None, context: dict | None = None,
                  screen: bool = False, download_url: str = "") -> str:
    """The shipped HTML layout; `screen` adds the stylesheet link and download buttons."""
    if context is None:
        context = document_context(kind=kind, subject=subject)
    return render_to_string(f"documents/{kind}.html", {
        **context, "kind": kind, "screen": screen, "download_url": download_url,
    })


def template_source(*, kind: str, unit: Unit | None):
    """Unit-specific active template, else global active template, else the shipped one."""
    found = (DocumentTemplate.objects.filter(kind=kind, active=True, unit=unit).first()
             if unit is not None else None)
    found = found or DocumentTemplate.objects.filter(kind=kind, active=True,
                                                     unit__isnull=True).first()
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
    if fmt == "pdf":
        content = html_to_pdf(document_html(kind=kind, context=context))
    else:
        source = template_source(kind=kind, unit=issuing_unit(subject))
        content = docx_templates.render(source, context)
    return Rendered(content, file_name(kind, context["number_label"], fmt), CONTENT_TYPES[fmt])


# PDF of documents: cached by content, laid out by the worker when it is big.

PDF_JOB = "document_pdf"
# WeasyPrint lays out a table row in ~5 ms on one core (bench/RESULTS.md); under this many
# rows the PDF comes in well under a second and the request can wait for it. Longer
# tables go to the worker, which lays out long ones in parallel (documents/pdf.py).
INLINE_PDF_ROWS = 60
PDF_STEPS = 3  # HTML built, layout done, stored


@dataclass(frozen=True)
class PdfSource:
    kind: str
    html: str
    content_hash: str
    number_label: str
    rows: int

    @property
    def filename(self) -> str:
        return file_name(self.kind, self.number_label, "pdf")


def pdf_source(*, kind: str, subject) -> PdfSource:
    """The HTML WeasyPrint would lay out, and the hash that names its PDF."""
    context = document_context(kind=kind, subject=subject)
    html = document_html(kind=kind, context=context)
    digest = hashlib.sha256(html.encode() + b"\0" + stylesheet_bytes()).hexdigest()
    return PdfSource(kind, html, digest, context["number_label"], len(context.get("rows", ())))


def _cached(kind: str, content_hash: str) -> bytes | None:
    stored = RenderedDocument.objects.filter(kind=kind, content_hash=content_hash).first()
    if stored is None:
        return None
    try:
        with stored.file.open("rb") as handle:
            return handle.read()
    except FileNotFoundError:
        # The file was lost (restored backup without media): forget it and render again.
        log.warning("rendered document %s lost its file; rendering again", stored.pk)
        stored.delete()
        return None


def pdf_cached_or_none(*, kind: str, subject) -> bytes | None:
    return _cached(kind, pdf_source(kind=kind, subject=subject).content_hash)


def pdf_store(*, kind: str, content_hash: str, content: bytes) -> RenderedDocument:
    stored = RenderedDocument(kind=kind, content_hash=content_hash)
    stored.file.save(f"{content_hash}.pdf", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError:
        # A request and the worker (or two requests) rendered the same content at once;
        # the first one stored wins, ours is the same bytes.
        stored.file.delete(save=False)
        return RenderedDocument.objects.get(kind=kind, content_hash=content_hash)
    return stored


def pdf_cache_prune(*, created_before=None) -> int:
    """Delete cached PDFs (all, or those made before a time) with their files.

    The cache only saves layout time: a removed PDF is laid out again when asked for.
    """
    removed = 0
    documents = RenderedDocument.objects.all()
    if created_before is not None:
        documents = documents.filter(created_at__lt=created_before)
    for document in documents.iterator():
        document.file.delete(save=False)
        document.delete()
        removed += 1
    return removed


def pdf_subject(*, kind: str, subject_id: int):
    """The subject a PDF job prints, read again by the worker."""
    model = CASE_KINDS.get(kind, Dispatch)
    return model.objects.get(pk=subject_id)


def _pdf_job(*, kind: str, subject, source: PdfSource, actor: User) -> Job:
    with transaction.atomic():
        # The subject's row lock makes two first requests for the same big PDF queue here,
        # so the second finds the first one's job instead of adding another.
        type(subject).objects.select_for_update().filter(pk=subject.pk).first()
        job = Job.objects.filter(
            kind=PDF_JOB, status__in=[JobStatus.QUEUED, JobStatus.RUNNING],
            payload__kind=kind, payload__hash=source.content_hash,
        ).order_by("id").first()
        if job is None:
            job = job_enqueue(
                kind=PDF_JOB, label=f"Tạo tệp PDF: {K(kind).label} số {source.number_label}",
                payload={"kind": kind, "subject_id": subject.pk, "hash": source.content_hash},
                total=PDF_STEPS, actor=actor,
            )
    return job


def document_pdf(*, kind: str, subject, actor: User) -> Rendered | Job:
    """The PDF at once when it is cached or small; else the job that is making it."""
    source = pdf_source(kind=kind, subject=subject)
    content = _cached(kind, source.content_hash)
    if content is None and source.rows >= INLINE_PDF_ROWS:
        return _pdf_job(kind=kind, subject=subject, source=source, actor=actor)
    if content is None:
        content = html_to_pdf(source.html)
        pdf_store(kind=kind, content_hash=source.content_hash, content=content)
    return Rendered(content, source.filename, CONTENT_TYPES["pdf"])


@transaction.atomic
def template_upload(*, actor: User | None, kind: str, unit: Unit | None, upload,
                    template: DocumentTemplate | None = None) -> DocumentTemplate:
    """Store a checked template as the active one for its kind and unit."""
    docx_templates.check(kind, upload)
    template = template or DocumentTemplate()
    template.kind, template.unit, template.active = kind, unit, True
    template.uploaded_by = actor
    # Deactivate first: the partial unique constraints allow one active per kind and unit.
    DocumentTemplate.objects.filter(kind=kind, unit=unit, active=True).exclude(
        pk=template.pk).update(active=False)
    template.file.save("mau.docx", upload, save=False)
    template.save()
    return template


@transaction.atomic
def template_set_active(*, template: DocumentTemplate, active: bool) -> DocumentTemplate:
    if active:
        DocumentTemplate.objects.filter(kind=template.kind, unit=template.unit_id,
                                        active=True).exclude(pk=template.pk).update(active=False)
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
