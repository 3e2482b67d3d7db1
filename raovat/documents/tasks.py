"""The worker's side of big PDFs: lay out and store what a request could not wait for."""

import logging

from django.core.exceptions import ObjectDoesNotExist

from raovat.documents import services
from raovat.documents.models import RenderedDocument
from raovat.jobs.registry import handler
from raovat.jobs.services import job_progress

log = logging.getLogger("raovat.documents")


@handler(services.PDF_JOB)
def render_pdf(job):
    kind = job.payload["kind"]
    try:
        subject = services.pdf_subject(kind=kind, subject_id=job.payload["subject_id"])
    except ObjectDoesNotExist:
        # The draft was deleted while the job waited: nothing is left to print.
        log.info("job %s: %s %s no longer exists", job.pk, kind, job.payload["subject_id"])
        return
    # Built again from the database, not taken from the payload: if the draft changed
    # since the request, the PDF stored is the one of its current content, under its
    # own hash, and the next request for it finds it.
    source = services.pdf_source(kind=kind, subject=subject)
    job_progress(job, done=1, total=services.PDF_STEPS)
    if RenderedDocument.objects.filter(
            kind=kind, content_hash=source.content_hash).exists():
        return
    content = services.html_to_pdf(source.html)
    job_progress(job, done=2)
    services.pdf_store(kind=kind, content_hash=source.content_hash, content=content)
