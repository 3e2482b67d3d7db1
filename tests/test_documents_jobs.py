"""Big PDFs are laid out by the worker, and no content is ever laid out twice."""

import pytest
from django.urls import reverse

from raovat.audit.models import PersonalDataAccess
from raovat.cases.services.dispatches import dispatch_remove_case
from raovat.documents import services
from raovat.documents.kinds import DocumentKind as K
from raovat.documents.models import RenderedDocument
from raovat.jobs.models import Job, JobStatus
from raovat.jobs.worker import run_pending
from tests.documents_helpers import invitation_for, pdf_text, slip_of_cases, waiting_case

pytestmark = pytest.mark.django_db

PDF = {"dinh-dang": "pdf"}


@pytest.fixture
def big_slip(cast):
    dispatch, cases = slip_of_cases(actor=cast.district, wards=[cast.ward.unit],
                                    count=services.INLINE_PDF_ROWS + 10)
    return dispatch, cases


def pdf_jobs():
    return Job.objects.filter(kind=services.PDF_JOB)


def stored_bytes(stored: RenderedDocument) -> bytes:
    with stored.file.open("rb") as handle:
        return handle.read()


def test_big_slip_is_queued_once_rendered_by_the_worker_then_served_from_cache(client, cast,
                                                                               big_slip):
    dispatch, cases = big_slip
    url = reverse("documents:dispatch", args=[dispatch.pk])
    client.force_login(cast.district)

    first = client.get(url, PDF)
    assert first.status_code == 200
    assert first["Content-Type"].startswith("text/html")
    page = first.content.decode()
    job = pdf_jobs().get()
    for text in ["Đang tạo tệp PDF…", f'id="job-{job.pk}"',
                 reverse("job_progress", args=[job.pk]), "Tải PDF", "?dinh-dang=pdf"]:
        assert text in page
    assert not RenderedDocument.objects.exists()

    client.get(url, PDF)
    assert pdf_jobs().count() == 1

    assert run_pending() == 1
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (JobStatus.SUCCEEDED, 3, 3)
    stored = RenderedDocument.objects.get()
    assert stored.kind == K.TRANSFER_SLIP
    progress = client.get(reverse("job_progress", args=[job.pk]))
    assert "100%" in progress.content.decode() and "hx-get" not in progress.content.decode()

    served = client.get(url, PDF)
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"] == 'attachment; filename="phieu-chuyen-1-PC-VHTTQ1.pdf"'
    assert served.content.startswith(b"%PDF")
    assert served.content == stored_bytes(stored)
    assert RenderedDocument.objects.count() == 1
    assert pdf_jobs().count() == 1
    assert cases[-1].number in pdf_text(served.content)


def test_dropping_a_case_from_the_draft_gives_a_new_hash_and_a_new_job(client, cast, big_slip):
    dispatch, cases = big_slip
    url = reverse("documents:dispatch", args=[dispatch.pk])
    client.force_login(cast.district)
    client.get(url, PDF)
    before = services.pdf_source(kind=K.TRANSFER_SLIP, subject=dispatch).content_hash

    dispatch_remove_case(actor=cast.district, dispatch=dispatch, case=cases[0])
    after = services.pdf_source(kind=K.TRANSFER_SLIP, subject=dispatch).content_hash
    client.get(url, PDF)

    assert before != after
    assert [job.payload["hash"] for job in pdf_jobs().order_by("id")] == [before, after]


def test_pdf_cached_or_none_finds_only_the_current_content(cast, big_slip):
    dispatch, cases = big_slip
    services.document_pdf(kind=K.TRANSFER_SLIP, subject=dispatch, actor=cast.district)
    assert services.pdf_cached_or_none(kind=K.TRANSFER_SLIP, subject=dispatch) is None

    run_pending()
    cached = services.pdf_cached_or_none(kind=K.TRANSFER_SLIP, subject=dispatch)
    assert cached == stored_bytes(RenderedDocument.objects.get())

    dispatch_remove_case(actor=cast.district, dispatch=dispatch, case=cases[0])
    assert services.pdf_cached_or_none(kind=K.TRANSFER_SLIP, subject=dispatch) is None


def test_small_document_is_served_inline_stored_and_logged_each_time(client, cast, make_case):
    invitation = invitation_for(cast, waiting_case(cast, make_case))
    url = reverse("documents:invitation", args=[invitation.pk])
    client.force_login(cast.district)

    first = client.get(url, PDF)
    second = client.get(url, PDF)

    assert first["Content-Type"] == "application/pdf" and first.content.startswith(b"%PDF")
    assert second.content == first.content == stored_bytes(RenderedDocument.objects.get())
    assert not pdf_jobs().exists()
    assert PersonalDataAccess.objects.filter(case=invitation.case,
                                             user=cast.district).count() == 2


def test_other_district_gets_404_on_the_document_and_on_its_progress(client, cast, big_slip):
    dispatch, _ = big_slip
    url = reverse("documents:dispatch", args=[dispatch.pk])
    client.force_login(cast.district)
    client.get(url, PDF)
    job = pdf_jobs().get()

    client.force_login(cast.other_district)
    assert client.get(url, PDF).status_code == 404
    assert client.get(reverse("job_progress", args=[job.pk])).status_code == 404
    assert pdf_jobs().count() == 1
